/**
 * The import module's one entry point for the app: the ImportSession (analyse, choose, commit, cancel; the stored
 * imports) and the types and pure helpers the import's views show. The views import from here only; the session's
 * pieces (fast path, full pipeline, commit, SQL builders) stay behind it. See docs/import.md.
 */
export { ImportSession, type IndicatorName, type AnalysedImport, type AnalysisState, type ImportChoice, type ImportPreview, type ImportTarget, type LoadedPriorities, type Replay, type RunningImport } from './session';
export { datasetIdFor } from './stored';
export { importName, withArchiveChoice } from './file-name';
export { checkSize } from './guard';
export { identityDefaults, type DatasetIdentity } from './identity';
export { PRESETS } from './presets';
export { blankRecipe, editedRecipe, recipeToSave } from './recipe-draft';
export { Recipe } from './recipe';
export type { Encoding } from './decode';
export type { ImportOptions, ImportResult } from './run';
export type { Problem } from './problems';
export type { DiffRow } from './commit';
export { unitKind, type EurostatInfo } from './eurostat-choice';
export { listRecipes, putRecipe } from '../store';
