import { DEFAULT_TARGET } from '../../lib/url-state';
import { AnswerFile, MissingAnswer, replayConnector } from '../territory/precomputed';
import { loadOverviews } from './model';
import { OVERVIEW_DIR, serialiseOverview, type PrecomputedOverview } from './precomputed';

/**
 * The overview's settings that no build-time chart file holds: the trend's départements (`territoires`) and the
 * target (`cible`, `annee_cible`). For them the build stores the answers of the overview's own statements
 * (loadOverviews, one job, the région's pipeline), none of which depends on those settings (the trends are every
 * département's, the pace to the target is derived in the model), and the page runs the same model over them:
 * the same code as with DuckDB's answers, so the same numbers. Under `precomputed/overview/reponses/`:
 * `catalogue.json` (the catalogue's statements) and `<indicator>.json` (that indicator's, at every year).
 */
export interface OverviewSettings {
  readonly territoires?: readonly string[];
  readonly cible?: number;
  readonly annee_cible?: number;
}

/** Whether a URL asks for any of those settings (else the build-time chart files stand for it as they are). */
export function hasSettings(s: OverviewSettings): boolean {
  return s.territoires !== undefined || s.cible !== undefined || s.annee_cible !== undefined;
}

export const ANSWERS_DIR = `${OVERVIEW_DIR}/reponses`;
export const CATALOGUE_ANSWERS = `${ANSWERS_DIR}/catalogue.json`;

/** The answers of one indicator's overviews at every year, under `precomputed/`. */
export function answersFile(indicator: string): string {
  return `${ANSWERS_DIR}/${encodeURIComponent(indicator)}.json`;
}

/** An answer file read from JSON, or null when it is not one. */
export function checkAnswers(json: unknown): AnswerFile | null {
  const parsed = AnswerFile.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * The overview of an indicator and year with those settings, by the overview's model over the build's answers
 * (the région's pipeline: another one is joined by the caller from its own file), or null when the answers do not
 * hold every statement it asks (an indicator without data, a file of another build).
 */
export async function replayOverview(files: readonly AnswerFile[], view: { indicateur?: string; annee?: number } & OverviewSettings): Promise<PrecomputedOverview | null> {
  const args = { lang: 'fr' as const, territoires: view.territoires, cible: view.cible ?? DEFAULT_TARGET.cible, anneeCible: view.annee_cible ?? DEFAULT_TARGET.annee, now: new Date() };
  try {
    const [model] = await loadOverviews(replayConnector(files), args, [{ indicateur: view.indicateur, annee: view.annee, permalink: '' }]);
    return model?.byLang ? serialiseOverview(model) : null;
  } catch (e) {
    if (e instanceof MissingAnswer) return null;
    throw e;
  }
}
