#!/usr/bin/env node
/**
 * The README's screenshot: the overview of the production build (`npm run build` first) at 1280 px in headless
 * Chromium, once DuckDB has started and every chart is ready, written to docs/screenshot.png.
 * usage: node scripts/screenshot.mjs
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = await serveStatic(path.join(root, 'dist'));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll('[data-chart]')];
    const db = document.querySelector('[data-db-status]')?.getAttribute('data-db-status');
    return db === 'ready' && charts.length > 0 && charts.every((e) => e.getAttribute('data-ready') === 'true');
  }, null, { timeout: 120000 });
  await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });
} finally {
  await browser.close();
  await server.close();
}
