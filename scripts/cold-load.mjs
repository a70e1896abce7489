#!/usr/bin/env node
/**
 * Cold load of a built page in headless Chromium: a fresh browser context each run (empty cache), from navigation
 * to the first `[data-chart][data-ready="true"]`. Prints the runs and their median as JSON.
 * usage: node scripts/cold-load.mjs [--runs 5] [--path /] (run `npm run build` first)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const runs = Number(arg('runs', '5'));
const pagePath = arg('path', '/');
const selector = arg('selector', '[data-chart][data-ready="true"]');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const server = await serveStatic(path.join(root, 'dist'));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.url + pagePath, { waitUntil: 'commit' });
  await page.waitForSelector(selector, { timeout: 60000 });
  times.push(Date.now() - t0);
  await context.close();
}
await browser.close();
await server.close();
console.log(JSON.stringify({ path: pagePath, runs: times, median_ms: median(times) }));
