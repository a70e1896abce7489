#!/usr/bin/env node
/**
 * Imports a generated canonical CSV through the data view of the built app, in headless Chromium, and reports
 * the time (analysis in the worker, then commit until the dataset is listed) and the peak JS heap of the page.
 * usage: node scripts/measure-import.mjs [--rows 1000000] (run `npm run build` first)
 */
import path from 'node:path';
import os from 'node:os';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';
import { benchCsv } from './bench-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rows = Number(arg('rows', '1000000'));
const file = path.join(os.tmpdir(), `bench-${rows}.csv`);
const { csv } = benchCsv(rows);
writeFileSync(file, csv);

const server = await serveStatic(path.join(root, 'dist'));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await page.goto(server.url + '/?vue=donnees');
await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
let peak = 0;
let sampling = true;
const sample = (async () => {
  while (sampling) {
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    peak = Math.max(peak, usedSize);
    await new Promise((r) => setTimeout(r, 50));
  }
})();
const input = page.locator('[data-testid="import"] input[type=file]').first();
const t0 = Date.now();
await input.setInputFiles(file);
await page.waitForSelector('[data-testid="import-report"][data-status]', { timeout: 600000 });
const firstPass = Date.now() - t0;
const declare = page.getByRole('button', { name: /^Déclarer les indicateurs/ });
let t1 = Date.now();
if (await declare.count()) {
  await page.evaluate(() => document.querySelector('[data-testid="import-report"]')?.setAttribute('data-old', '1'));
  t1 = Date.now();
  await declare.click();
  await page.waitForSelector('[data-testid="import-report"][data-status="ok"]:not([data-old])', { timeout: 600000 });
}
const analysis = Date.now() - t1;
const t2 = Date.now();
await page.getByRole('button', { name: /^Importer/ }).click();
await page.waitForSelector(`[data-dataset="bench-${rows}"], [data-dataset="bench_${rows}"]`, { timeout: 600000 });
const commit = Date.now() - t2;
sampling = false;
await sample;
await browser.close();
await server.close();
console.log(JSON.stringify({ rows, bytes: csv.length, first_pass_ms: firstPass, analysis_ms: analysis, commit_ms: commit, import_ms: analysis + commit, peak_heap_mb: Math.round(peak / 1048576) }));
