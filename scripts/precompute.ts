/**
 * Build step (bundled by `vite build --ssr`, run by Node): runs the overview's own model — the same SQL, on
 * duckdb-wasm's Node build over the committed default data — and writes `dist/precomputed/overview.json`, so the
 * dashboard draws its default charts before DuckDB is ready in the browser.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDefaultDb } from './node-db';
import { loadOverview, loadOverviews } from '../src/features/overview/model';
import { serialiseOverview } from '../src/features/overview/precomputed';
import { loadCatalogue, pickIndicator } from '../src/features/catalogue';
import { resolveTerritory } from '../src/features/territory/model';
import { precomputeTerritories } from './precompute-territory';
import { precomputeOverviewYears } from './precompute-overview';

const out = path.resolve(process.argv[2] ?? 'dist', 'precomputed');
const db = await openDefaultDb(process.cwd());
const common = { lang: 'fr' as const, cible: 50, anneeCible: 2030, now: new Date() };
const model = await loadOverview(db, { ...common, permalink: '' });
// The other indicators' default overviews, in one batch (the same queries): an indicator chosen before DuckDB is
// ready, or while its first answers are computed, is drawn from these (overview-autres.json, fetched after the
// first charts are painted).
const catalogue = await loadCatalogue(db);
const others = catalogue.indicators.filter((i) => i.id !== model.indicator.id);
const models = await loadOverviews(db, common, others.map((i) => ({ indicateur: i.id, permalink: '' })));
// Every indicator × year, one file each, for a deep link (or a choice) made before DuckDB is ready.
const years = await precomputeOverviewYears(db, out, common);
const territories = await precomputeTerritories(db, path.join(out, 'territoire'));
// The defaults a territory page's URL may leave out, for public/precharge.js (which reads that page's files ahead):
// the default indicator and each indicator's default year, as the page resolves them (resolveTerritory).
const defaults = { indicator: pickIndicator(catalogue, undefined).id, years: {} as Record<string, number> };
for (const i of catalogue.indicators) defaults.years[i.id] = (await resolveTerritory(db, { code: '', indicateur: i.id })).year;
db.close();
mkdirSync(out, { recursive: true });
const precharge = path.join(out, '..', 'precharge.js');
if (existsSync(precharge)) {
  const text = readFileSync(precharge, 'utf8');
  if (!text.includes('var DEFAULTS = null;')) throw new Error('precharge.js: no DEFAULTS to write');
  writeFileSync(precharge, text.replace('var DEFAULTS = null;', `var DEFAULTS = ${JSON.stringify(defaults)};`));
}
writeFileSync(path.join(out, 'overview.json'), JSON.stringify(serialiseOverview(model)));
writeFileSync(path.join(out, 'overview-autres.json'), JSON.stringify({ v: 1, overviews: models.filter((m) => m.byLang).map(serialiseOverview) }));
console.log(`precomputed overviews written to ${out} (default, and ${models.length} other indicators)`);
console.log(`precomputed overviews by indicator × year: ${years.files} files (with the index), ${Math.round(years.bytes / 1024)} KB, of which ${Math.round(years.answerBytes / 1024)} KB of answers for the trend's départements and the target`);
console.log(`precomputed territory pages: ${territories.pages} (département × indicator × year) in ${territories.files} files, ${Math.round(territories.bytes / 1024)} KB`);
