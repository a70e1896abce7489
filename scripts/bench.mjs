#!/usr/bin/env node
/**
 * `npm run bench`: the benchmark of docs/contract.md (« Benchmark output »), in headless Chromium against the production build served by a
 * plain static server. Cold figures use a fresh browser context (empty cache) each run; every time is a median.
 * Prints one JSON object as its last line and writes it to bench-results.json. Beyond its first keys: `duckdb_ready_ms`,
 * `import_longest_task_ms`, `interaction_imported_ms` (indicator changes with the imported rows loaded) and
 * `territory_first_chart_ms` (a cold deep link to a territory page, to its first ready chart) and
 * `overview_year_first_chart_ms` (a cold deep link to the overview at another indicator, year and language).
 * usage: npm run bench [-- --rows 1000000 --runs 5]
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';
import { prepareImport, timedImport, writeBenchFiles } from './bench-import-lib.mjs';
import { allChartsReady, arg, interactions, median } from './bench-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const rows = Number(arg('rows', '1000000'));
const runs = Math.max(1, Number(arg('runs', '5')));
const log = (...a) => console.error('[bench]', ...a);

if (!existsSync(path.join(dist, 'index.html')) || process.argv.includes('--build')) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

// Sizes: deterministic.
const kb = (n) => Math.round(n / 102.4) / 10;
const indexHtml = readFileSync(path.join(dist, 'index.html'), 'utf8');
// The entry script and the chunks it imports (modulepreload links), and the plain script before it
// (precharge.js): everything the first screen runs, as the budget test counts it. Chunks loaded on demand (data view, share dialog, DuckDB's API) are not counted.
const scripts = [...indexHtml.matchAll(/(?:src|href)="\.\/((?:assets\/[^"]+|precharge)\.js)"/g)].map((m) => m[1]);
const js_gzip_kb = kb(scripts.reduce((s, f) => s + gzipSync(readFileSync(path.join(dist, f))).length, 0));
const embed_js_gzip_kb = kb(gzipSync(readFileSync(path.join(dist, 'embed.html'))).length);
const wasm = readdirSync(path.join(dist, 'assets')).find((f) => /^duckdb-eh.*\.wasm$/.test(f));
const wasm_kb = kb(statSync(path.join(dist, 'assets', wasm)).size);

const server = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

async function cold(url, selector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector(selector, { timeout: 120000 });
  const first = Date.now() - t0;
  await page.waitForFunction(allChartsReady, null, { timeout: 120000, polling: 16 });
  const all = Date.now() - t0;
  // The first charts may come from the build-time snapshots: DuckDB's own readiness is read from its mark.
  await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 120000 });
  const ready = await page.evaluate(() => performance.getEntriesByName('duckdb:ready')[0]?.startTime ?? null);
  return { page, context, first, all, ready };
}

log(`cold loads ×${runs}`);
const first = [], all = [], dbReady = [];
let embedUrl = null;
for (let i = 0; i < runs; i++) {
  const r = await cold(server.url + '/', '[data-chart][data-ready="true"]');
  first.push(r.first);
  all.push(r.all);
  if (r.ready !== null) dbReady.push(Math.round(r.ready));
  if (!embedUrl) {
    await r.page.locator('[data-chart="map"] [data-testid="share"]').click();
    await r.page.waitForFunction(() => (document.querySelector('dialog[open] [data-testid="embed-code"]')?.value ?? '').includes('#v1.'));
    embedUrl = (await r.page.locator('dialog[open] [data-testid="embed-code"]').inputValue()).match(/src="([^"]+)"/)[1];
  }
  await r.context.close();
}

// A cold deep link to a territory page (issue 20): its charts come from the build-time answers before DuckDB.
log(`territory deep link ×${runs}`);
const territoryFirst = [];
for (let i = 0; i < runs; i++) {
  const r = await cold(server.url + '/?vue=territoire&territoire=34', '[data-chart][data-ready="true"]');
  territoryFirst.push(r.first);
  await r.context.close();
}

// A cold deep link to the overview at another indicator, year and language (issue 20): drawn from that year's
// build-time snapshot before DuckDB.
log(`overview year deep link ×${runs}`);
const overviewYearFirst = [];
for (let i = 0; i < runs; i++) {
  const r = await cold(server.url + '/?indicateur=sup_numerique&annee=2019&lang=en', '[data-chart][data-ready="true"]');
  overviewYearFirst.push(r.first);
  await r.context.close();
}

log(`interaction ×${runs}`);
let interaction = [];
{
  const r = await cold(server.url + '/', '[data-chart][data-ready="true"]');
  interaction = await interactions(r.page, runs);
  log(`  each change: ${interaction.join(', ')} ms`);
  await r.context.close();
}

log(`embed ×${runs}`);
const embed = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(embedUrl, { waitUntil: 'commit' });
  await page.waitForSelector('[data-chart][data-ready="true"]', { timeout: 60000 });
  embed.push(Date.now() - t0);
  await context.close();
}

log(`import of ${rows} rows ×${runs}`);
const { file, declFile, floorFiles } = writeBenchFiles(rows, [dist]);
const imports = [], raw = [], heaps = [], longest = [], interactionImported = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(server.url + '/?vue=donnees&bench', { waitUntil: 'commit' });
  await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 120000 });
  const { floor, input } = await prepareImport(page, declFile);
  raw.push(floor);
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const tStart = await page.evaluate(() => performance.now());
  const timed = await timedImport(page, input, file, rows);
  imports.push(Math.round(timed.total));
  log(`  analysis ${Math.round(timed.analysis)} ms, commit ${Math.round(timed.total - timed.analysis)} ms`);
  log(`  steps (ms from the file chosen): ${timed.steps}`);
  sampling = false;
  await sampler;
  heaps.push(Math.round(peak / 1048576));
  longest.push(Math.round(await page.evaluate((t) => Math.max(0, ...window.__longTasks.filter(([s]) => s >= t).map(([, d]) => d)), tStart)));
  if (i === runs - 1) {
    // The same indicator changes with the imported rows loaded (restored from storage by the reload).
    await page.goto(server.url + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 600000 });
    await page.waitForFunction(allChartsReady, null, { timeout: 120000, polling: 16 });
    interactionImported.push(...(await interactions(page, runs)));
    log(`  each change with the imported rows: ${interactionImported.join(', ')} ms`);
  }
  await context.close();
  log(`  run ${i + 1}: import ${imports.at(-1)} ms, read_csv ${raw.at(-1)} ms`);
}
await browser.close();
await server.close();
for (const f of floorFiles) rmSync(f, { force: true });

const import_ms = median(imports);
const raw_read_csv_ms = median(raw);
const result = {
  rows,
  runs,
  raw_read_csv_ms,
  import_ms,
  import_ratio: Math.round((import_ms / raw_read_csv_ms) * 100) / 100,
  first_chart_ms: median(first),
  all_charts_ms: median(all),
  territory_first_chart_ms: median(territoryFirst),
  overview_year_first_chart_ms: median(overviewYearFirst),
  interaction_ms: median(interaction),
  interaction_imported_ms: median(interactionImported),
  embed_ready_ms: median(embed),
  js_gzip_kb,
  embed_js_gzip_kb,
  wasm_kb,
  peak_heap_mb: median(heaps),
  duckdb_ready_ms: median(dbReady),
  import_longest_task_ms: median(longest),
};
writeFileSync(path.join(root, 'bench-results.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result));
