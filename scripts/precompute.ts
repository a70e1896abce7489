/**
 * Build step (bundled by `vite build --ssr`, run by Node): runs the overview's own model — the same SQL, on
 * duckdb-wasm's Node build over the committed default data — and writes `dist/precomputed/overview.json`, so the
 * dashboard draws its default charts before DuckDB is ready in the browser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDefaultDb } from '../tests/helpers/node-db';
import { loadOverview } from '../src/features/overview/model';
import { serialiseOverview } from '../src/features/overview/precomputed';

const out = path.resolve(process.argv[2] ?? 'dist', 'precomputed');
const db = await openDefaultDb(process.cwd());
const model = await loadOverview(db, { lang: 'fr', cible: 50, anneeCible: 2030, permalink: '', now: new Date() });
db.close();
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'overview.json'), JSON.stringify(serialiseOverview(model)));
console.log(`precomputed overview written to ${path.join(out, 'overview.json')}`);
