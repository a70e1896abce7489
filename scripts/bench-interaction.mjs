#!/usr/bin/env node
/**
 * The bench's `interaction_ms` alone (scripts/bench.mjs, same changes and same moment: right after DuckDB is ready
 * on a cold load), against any built `dist/` directory, so two builds can be compared side by side (A/B).
 * usage: node scripts/bench-interaction.mjs [--dist path/to/dist] [--loads 3]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';
import { allChartsReady, arg, interactions, median } from './bench-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(arg('dist', path.join(root, 'dist')));
const loads = Math.max(1, Number(arg('loads', '3')));
const server = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const all = [];
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/', { waitUntil: 'commit' });
  await page.waitForFunction(allChartsReady, null, { timeout: 120000, polling: 16 });
  await page.waitForFunction(() => performance.getEntriesByName('duckdb:ready').length > 0, null, { timeout: 120000 });
  const each = await interactions(page, 5);
  console.error(`[bench-interaction] load ${i + 1}: ${each.join(', ')} ms`);
  all.push(...each);
  await context.close();
}
await browser.close();
await server.close();
console.log(JSON.stringify({ dist, loads, interaction_ms: median(all) }));
