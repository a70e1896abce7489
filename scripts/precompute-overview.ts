/**
 * Build step (called by scripts/precompute.ts): the overview at every indicator × year the data has, by the
 * overview's own model (loadOverviews: the same SQL as the page's, on the same default data), one file each under
 * `precomputed/overview/`, with `index.json` (the catalogue, and each indicator's years). The page fetches a file
 * only when the URL or the user asks for that view before DuckDB is ready (src/features/overview/use-precomputed.ts).
 * Each file carries the charts in both languages (byLang), so one file serves `lang=fr` and `lang=en`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Connector } from '../src/data/connector';
import { loadCatalogue, pickIndicator } from '../src/features/catalogue';
import { loadOverviews } from '../src/features/overview/model';
import { encodeAnswers, type AnswerFile } from '../src/features/territory/precomputed';
import { ANSWERS_DIR, answersFile, CATALOGUE_ANSWERS } from '../src/features/overview/replay';
import { recording } from './precompute-territory';
import { overviewYearFile, pipelineFile, serialisePipeline, serialiseYear, type PrecomputedIndex, type PrecomputedPipeline, type PrecomputedYear, OVERVIEW_DIR } from '../src/features/overview/precomputed';

interface Common { readonly cible: number; readonly anneeCible: number; readonly now: Date }

/** Every indicator × year's overview (file name under `precomputed/` → its JSON), and the index. */
export async function overviewYears(db: Connector, common: Common): Promise<Map<string, PrecomputedIndex | PrecomputedYear | PrecomputedPipeline>> {
  const catalogue = await loadCatalogue(db);
  const args = { ...common, lang: 'fr' as const };
  // Each indicator's default overview first: it gives the years the indicator has (the model's own list).
  const defaults = await loadOverviews(db, args, catalogue.indicators.map((i) => ({ indicateur: i.id, permalink: '' })));
  const years: PrecomputedIndex['years'] = {};
  for (const m of defaults) years[m.indicator.id] = { years: m.byLang ? m.years : [], defaultYear: m.byLang ? m.defaultYear : null };
  const jobs = defaults.flatMap((m) => (m.byLang ? m.years.map((annee) => ({ indicateur: m.indicator.id, annee, permalink: '' })) : []));
  const models = await loadOverviews(db, args, jobs);
  const out = new Map<string, PrecomputedIndex | PrecomputedYear | PrecomputedPipeline>();
  out.set(`${OVERVIEW_DIR}/index.json`, { v: 1, indicators: catalogue.indicators, scope: catalogue.scope, defaultIndicator: pickIndicator(catalogue, undefined).id, years });
  for (const m of models) if (m.byLang && m.year !== null) out.set(overviewYearFile(m.indicator.id, m.year), serialiseYear(m));
  // Each département's pipeline at every year an overview has (one indicator of that year each: the pipeline
  // does not depend on it), for `parcours=` in the URL.
  const byYear = new Map(jobs.map((j) => [j.annee, j] as const));
  for (const d of catalogue.departements) {
    const withIt = await loadOverviews(db, { ...args, parcours: d.code }, [...byYear.values()]);
    for (const m of withIt) if (m.byLang && m.year !== null) out.set(pipelineFile(d.code, m.year), serialisePipeline(m, d.code));
  }
  return out;
}

/**
 * The answers of the overview's statements (src/features/overview/replay.ts): the catalogue's, then each
 * indicator's at every year it has (one job, as the page replays it; the région's pipeline), by the same model.
 */
export async function overviewAnswers(db: Connector, common: Common, years: PrecomputedIndex['years']): Promise<Map<string, AnswerFile>> {
  const rec = recording(db);
  await loadCatalogue(rec.conn);
  const catalogue = rec.take();
  const out = new Map<string, AnswerFile>([[CATALOGUE_ANSWERS, encodeAnswers(catalogue)]]);
  for (const [id, entry] of Object.entries(years)) {
    for (const annee of entry.years) await loadOverviews(rec.conn, { ...common, lang: 'fr' }, [{ indicateur: id, annee, permalink: '' }]);
    const answers = new Map([...rec.take()].filter(([k]) => !catalogue.has(k)));
    if (answers.size) out.set(answersFile(id), encodeAnswers(answers));
  }
  return out;
}

/** Writes them under `dir` (dist/precomputed); returns how many files and bytes. */
export async function precomputeOverviewYears(db: Connector, dir: string, common: Common): Promise<{ files: number; bytes: number; answerBytes: number }> {
  const years = await overviewYears(db, common);
  const index = years.get(`${OVERVIEW_DIR}/index.json`) as PrecomputedIndex;
  const files = new Map<string, unknown>([...years, ...(await overviewAnswers(db, common, index.years))]);
  let bytes = 0;
  let answerBytes = 0;
  for (const [name, json] of files) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = JSON.stringify(json);
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    if (name.startsWith(`${ANSWERS_DIR}/`)) answerBytes += Buffer.byteLength(text);
  }
  return { files: files.size, bytes, answerBytes };
}
