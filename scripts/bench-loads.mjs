#!/usr/bin/env node
/**
 * The benchmark's cold page loads only (scripts/bench.mjs: `first_chart_ms`, `territory_first_chart_ms`,
 * `overview_year_first_chart_ms`, the same measure: a fresh browser context, from navigation to the first ready
 * chart), for one or more builds taken in turn (A, B, A, B…), so that two builds compared on a shared machine see
 * the same load. Prints each build's medians and samples as one JSON line.
 * usage: node scripts/bench-loads.mjs [--runs 9] [--dist dist,/path/to/other/dist]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';
import { arg, median } from './bench-lib.mjs';

const runs = Math.max(1, Number(arg('runs', '9')));
const dists = arg('dist', 'dist').split(',').map((d) => path.resolve(d));
for (const d of dists) if (!existsSync(path.join(d, 'index.html'))) throw new Error(`no build in ${d} (npm run build)`);
const PAGES = { first_chart_ms: '/', territory_first_chart_ms: '/?vue=territoire&territoire=34', overview_year_first_chart_ms: '/?indicateur=sup_numerique&annee=2019&lang=en' };

const servers = await Promise.all(dists.map((d) => serveStatic(d)));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const samples = dists.map(() => Object.fromEntries(Object.keys(PAGES).map((k) => [k, []])));
for (let i = 0; i < runs; i++) {
  for (const [key, search] of Object.entries(PAGES)) {
    for (const [k, server] of servers.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(server.url + search, { waitUntil: 'commit' });
      await page.waitForSelector('[data-chart][data-ready="true"]', { timeout: 120000 });
      samples[k][key].push(Date.now() - t0);
      await context.close();
    }
  }
}
await browser.close();
for (const s of servers) s.close();
console.log(JSON.stringify(dists.map((d, k) => ({ dist: d, ...Object.fromEntries(Object.entries(samples[k]).map(([key, xs]) => [key, { median: median(xs), samples: xs }])) }))));
