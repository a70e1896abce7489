#!/usr/bin/env node
/**
 * Timings of the built dashboard in headless Chromium, medians over several runs (run `npm run build` first):
 *   cold:        fresh browser context each run (empty cache), navigation → first chart with data-ready="true",
 *                and → every chart ready;
 *   interaction: on a loaded overview, indicator change → every chart ready again (alternating two indicators).
 * usage: node scripts/measure.mjs [--runs 5] [--path /]
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

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const allReady = () => {
  const all = [...document.querySelectorAll('[data-chart]')];
  return all.length > 0 && all.every((e) => e.getAttribute('data-ready') === 'true');
};

const server = await serveStatic(path.join(root, 'dist'));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const first = [];
const all = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.url + pagePath, { waitUntil: 'commit' });
  await page.waitForSelector('[data-chart][data-ready="true"]', { timeout: 60000 });
  first.push(Date.now() - t0);
  await page.waitForFunction(allReady, null, { timeout: 60000, polling: 16 });
  all.push(Date.now() - t0);
  await context.close();
}
const interaction = [];
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/', { waitUntil: 'commit' });
  await page.waitForFunction(allReady, null, { timeout: 60000 });
  const ids = ['sup_numerique', 'emploi_numerique'];
  for (let i = 0; i < runs + 1; i++) {
    const ms = await page.evaluate(async (id) => {
      const select = document.querySelector('select');
      const t0 = performance.now();
      select.value = id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => {
          const charts = [...document.querySelectorAll('[data-chart]')];
          if (charts.length && charts.every((e) => e.getAttribute('data-ready') === 'true') && new URL(location.href).searchParams.get('indicateur') === id) resolve(undefined);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      return performance.now() - t0;
    }, ids[i % 2]);
    if (i > 0) interaction.push(Math.round(ms)); // the first change warms up
  }
  await context.close();
}
await browser.close();
await server.close();
console.log(JSON.stringify({ path: pagePath, runs, first_chart_ms: median(first), all_charts_ms: median(all), interaction_ms: median(interaction), first, all, interaction }));
