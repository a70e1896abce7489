import { canonicalColumns, mapCanonical, validationColumns, type CanonicalRow, type ImportCatalogue } from './canonical';
import { decode, type Encoding } from './decode';
import { isEurostatSdmx, isEurostatTsv, isLabelColumn } from './eurostat';
import type { EurostatInfo } from './eurostat-choice';
import { mapEurostat } from './eurostat-import';
import { checkMagic, checkSize, MAX_BYTES } from './guard';
import { gunzip } from './gzip';
import { isZip, unzip } from './zip';
import { parseText, type Delimiter, type Parsed } from './parse';
import { PRESETS, presetRecognised } from './presets';
import { problem, type Problem } from './problems';
import { applyRecipe, recipeColumns, type Recipe } from './recipe';
import { foldKey } from './numbers';
import { validateRows } from './validate';

export type ImportFormat = 'canonique' | 'eurostat' | 'recette' | 'inconnu';

export interface ImportOptions {
  readonly fileName: string;
  readonly encoding?: Encoding;
  readonly delimiter?: Delimiter;
  /** Line of the header when the analyst overrides the detection. */
  readonly headerLine?: number;
  /** A recipe chosen by the analyst; otherwise a saved recipe or a preset that fits the header is used. */
  readonly recipe?: Recipe;
  readonly savedRecipes?: readonly Recipe[];
  /** Indicator for a Eurostat file (over the one its dataset presets, when the file names a known dataset). */
  readonly indicateur?: string;
  /** A Eurostat file's value for each dimension other than geo, sex and time (the file's codes), over the preselected ones. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Indicator ids the analyst declared for this file (unknown to the catalogue until the import is committed). */
  readonly declared?: readonly string[];
  /** The file of a ZIP archive to read, as the archive names it (an archive of one file needs none). */
  readonly entree?: string;
}

export interface ImportResult {
  readonly format: ImportFormat;
  readonly recipe: Recipe | null;
  readonly encoding: Encoding | null;
  readonly bom: boolean;
  readonly delimiter: Delimiter | null;
  readonly header: string[];
  readonly headerLine: number;
  readonly titleRows: number;
  readonly blankRows: number;
  readonly footnoteRows: number;
  /** Data rows read under the header. */
  readonly dataRows: number;
  /** Rows outside the scope or filtered out by the recipe. */
  readonly skipped: number;
  readonly rows: CanonicalRow[];
  readonly problems: Problem[];
  readonly errors: number;
  readonly warnings: number;
  /** The first rows of the file as read (for the preview). */
  readonly sample: string[][];
  /** Distinct indicator ids the catalogue does not know (the analyst may declare them). */
  readonly unknownIndicators: string[];
  /** A Eurostat file's dataset, target indicator and dimensions with their values (what the report asks to choose); absent for other files. */
  readonly eurostat?: EurostatInfo | null;
  /** The file came compressed (gzip, or a ZIP archive) and was read decompressed. */
  readonly compression?: 'gzip' | 'zip';
  /**
   * A ZIP archive's files, and the one read (null until the analyst chooses among several); `auto` when none was
   * chosen and it was read as the archive's only file of a recognised format (see recognisedEntry).
   */
  readonly archive?: { readonly files: string[]; readonly chosen: string | null; readonly auto?: boolean };
}

const EMPTY = { format: 'inconnu' as const, recipe: null, encoding: null, bom: false, delimiter: null, header: [], headerLine: 0, titleRows: 0, blankRows: 0, footnoteRows: 0, dataRows: 0, skipped: 0, rows: [], sample: [] };

function finish(base: Omit<ImportResult, 'errors' | 'warnings' | 'unknownIndicators'>): ImportResult {
  const errors = base.problems.filter((p) => p.severity === 'erreur').length;
  const unknown = new Set<string>();
  for (const p of base.problems) {
    const v = p.code === 'indicateur_inconnu' ? (p.valeur ?? '').trim().toLowerCase() : '';
    if (/^[a-z0-9_]{1,64}$/.test(v)) unknown.add(v);
  }
  return { ...base, errors, warnings: base.problems.length - errors, unknownIndicators: [...unknown].slice(0, 1000) };
}

/**
 * The recipe to use: the analyst's; else a saved recipe whose recorded header is exactly this file's (same columns,
 * same order; a similar header is not enough); else the preset whose columns (read and `requiert`) the header has,
 * recognised from the header's content, never from the file's name.
 */
export function pickRecipe(header: readonly string[], opts: Pick<ImportOptions, 'recipe' | 'savedRecipes'>): Recipe | null {
  if (opts.recipe) return opts.recipe;
  const folded = header.map(foldKey);
  const exact = (r: Recipe) => r.entete !== undefined && r.entete.length === folded.length && r.entete.every((c, i) => foldKey(c) === folded[i]);
  const saved = (opts.savedRecipes ?? []).find(exact);
  if (saved) return saved;
  const have = new Set(folded);
  const fits = (r: Recipe) => recipeColumns(r).every((c) => have.has(foldKey(c))) && ((r.requiert ?? []).every((c) => have.has(foldKey(c))) || presetRecognised(r, header));
  return PRESETS.find(fits) ?? null;
}

/**
 * A file read by a recipe may repeat a header (SIES's Parcoursup export has two « Filière de formation »): the
 * later ones are renamed `name (2)`, `name (3)`, so that a recipe can name each, with a warning; the canonical CSV
 * keeps them as errors. A Eurostat file's label columns (`Sex` after `sex`) are not duplicates.
 */
function renameDuplicates(p: Parsed): Parsed {
  const seen = new Map<string, number>();
  const folded = new Set(p.header.map(foldKey));
  const renamed: Problem[] = [];
  const header = p.header.map((name) => {
    const k = foldKey(name);
    if (name === '') return name;
    let n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n === 1) return name;
    // Never a name the header already has (`h;h;h (2)`).
    while (folded.has(foldKey(`${name} (${n})`))) n++;
    seen.set(k, n);
    renamed.push(problem('entete_renommee', { ligne: p.headerLine, colonne: name }, name, `${name} (${n})`));
    folded.add(foldKey(`${name} (${n})`));
    return `${name} (${n})`;
  });
  return { ...p, header, problems: [...p.problems.filter((x) => x.code !== 'entete_dupliquee'), ...renamed] };
}

/** The first bytes of an archive's file that tell whether its format is recognised (cut at a line end). */
const HEAD_BYTES = 256 * 1024;
/** Files of an archive looked at for a recognised format; beyond, the analyst chooses. */
const MAX_LOOKED_AT = 20;

/**
 * The file of an archive of several that is read when the analyst has chosen none: the only one whose first bytes
 * are a recognised format (the canonical CSV, Eurostat, a preset or a saved recipe); null when none or several are,
 * or when a file cannot be looked at (a damaged one, a name two files share): the analyst chooses. An INSEE
 * download's data file and its dictionary are told apart by what they hold, never by their names; the report says
 * which file was read and lists the others (the panel then keeps it as the analyst's choice).
 */
async function recognisedEntry(raw: Uint8Array, files: readonly string[], catalogue: ImportCatalogue, opts: ImportOptions): Promise<string | null> {
  if (files.length > MAX_LOOKED_AT) return null;
  let found: string | null = null;
  for (const f of files) {
    const z = await unzip(raw, f, MAX_BYTES, HEAD_BYTES);
    if ('problem' in z) return null;
    const head = z.bytes.length > HEAD_BYTES ? z.bytes.subarray(0, z.bytes.lastIndexOf(10, HEAD_BYTES) + 1) : z.bytes;
    if (runImport(head, catalogue, opts).format === 'inconnu') continue;
    if (found) return null;
    found = z.chosen;
  }
  return found;
}

/**
 * A file's import (runImport) from its bytes as stored: a gzip file is decompressed first (see gunzip), a ZIP
 * archive's file is read (the analyst's `entree`, the archive's only file, or its only file of a recognised format:
 * see unzip and recognisedEntry).
 */
export async function runImportFile(raw: Uint8Array, catalogue: ImportCatalogue, opts: ImportOptions): Promise<ImportResult> {
  if (isZip(raw)) {
    const z = await unzip(raw, opts.entree);
    const found = 'problem' in z && z.problem.code === 'zip_choisir' && opts.entree === undefined ? await recognisedEntry(raw, z.files, catalogue, opts) : null;
    const read = found ? await unzip(raw, found) : null;
    if (read && !('problem' in read)) {
      const r = runImport(read.bytes, catalogue, opts);
      // Its first bytes said a known format; the whole file must say so too, else the analyst chooses.
      if (r.format !== 'inconnu') return { ...r, compression: 'zip', archive: { files: read.files, chosen: read.chosen, auto: true } };
    }
    if (!('problem' in z)) return { ...runImport(z.bytes, catalogue, opts), compression: 'zip', archive: { files: z.files, chosen: z.chosen } };
    // The file tried (the only one, or the analyst's), or none yet: an archive of several files keeps its list, to
    // choose another when the one chosen cannot be read.
    const chosen = (z.files.length === 1 ? z.files[0] : z.files.find((f) => f === opts.entree)) ?? null;
    return finish({ ...EMPTY, problems: [z.problem], ...(z.files.length ? { compression: 'zip' as const, archive: { files: z.files, chosen } } : {}) });
  }
  const bytes = await gunzip(raw);
  if (!(bytes instanceof Uint8Array)) return finish({ ...EMPTY, problems: [bytes] });
  const result = runImport(bytes, catalogue, opts);
  return bytes === raw ? result : { ...result, compression: 'gzip' };
}

/**
 * The whole import of one file, as a pure function (run in a worker): guard, decode, parse, recognise, map,
 * validate. Nothing is committed here; the result says what would be loaded and every problem found.
 */
export function runImport(bytes: Uint8Array, catalogue: ImportCatalogue, opts: ImportOptions): ImportResult {
  const cat = opts.declared?.length ? { ...catalogue, indicators: [...catalogue.indicators, ...opts.declared] } : catalogue;
  const guard = checkSize(bytes.length) ?? checkMagic(bytes.subarray(0, 8192));
  if (guard) return finish({ ...EMPTY, problems: [guard] });
  const dec = decode(bytes, opts.encoding);
  // Eurostat's TSV starts with `dims\TIME_PERIOD`: its header is line 1, whatever the year columns look like.
  const eurostatTsv = /^[^\t\r\n]*\\\s*(time_period|time)\s*\t/i.test(dec.text);
  const read = parseText(dec.text, eurostatTsv ? { delimiter: '\t', headerLine: 1 } : { delimiter: opts.delimiter, headerLine: opts.headerLine });
  const canonical = read.header.length > 0 && canonicalColumns(read.header) !== null;
  const eurostatFile = !canonical && (isEurostatTsv(read) || isEurostatSdmx(read));
  let parsed = read;
  if (eurostatFile) parsed = { ...read, problems: read.problems.filter((x) => x.code !== 'entete_dupliquee' || !isLabelColumn(x.colonne ?? '')) };
  else if (!canonical) parsed = renameDuplicates(read);
  const base = {
    encoding: dec.encoding, bom: dec.bom, delimiter: parsed.delimiter, header: parsed.header, headerLine: parsed.headerLine,
    titleRows: parsed.titleRows, blankRows: parsed.blankRows, footnoteRows: parsed.footnoteRows, dataRows: parsed.rows.length,
    sample: parsed.rows.slice(0, 8).map((r) => r.cells.map((c) => c.slice(0, 200))),
  };
  if (parsed.header.length === 0) return finish({ ...EMPTY, ...base, problems: parsed.problems });
  let format: ImportFormat;
  let recipe: Recipe | null = null;
  let mapped: { rows: CanonicalRow[]; problems: Problem[]; skipped: number };
  let eurostat: EurostatInfo | null = null;
  if (canonical) {
    format = 'canonique';
    mapped = mapCanonical(parsed, cat);
  } else if (eurostatFile) {
    // Recognised by its header, whatever the file is called.
    format = 'eurostat';
    const e = mapEurostat(parsed, { fileName: opts.fileName, indicateur: opts.indicateur, dimensions: opts.dimensions, indicators: cat.indicators });
    mapped = e;
    eurostat = e.info;
  } else {
    recipe = pickRecipe(parsed.header, opts);
    format = recipe ? 'recette' : 'inconnu';
    mapped = recipe ? applyRecipe(parsed, recipe, cat) : { rows: [], problems: [], skipped: 0 };
  }
  if (format === 'inconnu') mapped.problems.push(problem('format_inconnu', {}));
  const checked = format === 'canonique' ? validateRows(mapped.rows, validationColumns(parsed.header)) : validateRows(mapped.rows);
  const problems = [...parsed.problems, ...mapped.problems, ...checked.problems];
  if (format !== 'inconnu' && checked.rows.length === 0 && !problems.some((p) => p.severity === 'erreur')) {
    // A recipe's or Eurostat's rows all skipped (other territories, filters, other periods): say so (the fast path's
    // canonical files keep the plain message, as its report must equal this one).
    const allSkipped = format !== 'canonique' && mapped.skipped > 0 && mapped.skipped === parsed.rows.length;
    problems.push(problem('aucune_ligne', {}, allSkipped ? String(mapped.skipped) : ''));
  }
  // `eurostat` only for a Eurostat file: other results are the same as the fast path's, key for key.
  return finish({ ...base, format, recipe, ...(eurostat ? { eurostat } : {}), skipped: mapped.skipped, rows: checked.rows, problems });
}
