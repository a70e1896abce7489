#!/usr/bin/env node
/**
 * Press kit: renders the charts of a dashboard URL in headless Chromium to PNG, SVG and CSV files, with a
 * README.txt of alt texts (French and English), citations and embed codes, through the same share dialog users see.
 * usage: npm run snapshot -- --url "PERMALINK" --out DIR
 *   A URL that starts with "/" or "?" is opened on the built site (dist/), served on a local port.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const url = arg('url');
const out = path.resolve(arg('out') ?? 'press-kit');
if (!url) {
  console.error('usage: npm run snapshot -- --url "PERMALINK" --out DIR');
  process.exit(2);
}

let server = null;
let target = url;
if (url.startsWith('/') || url.startsWith('?')) {
  server = await serveStatic(path.join(root, 'dist'));
  target = server.url + (url.startsWith('/') ? url : `/${url}`);
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
let exitCode = 0;
try {
  await page.goto(target, { waitUntil: 'commit' });
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('[data-chart]')];
    return all.length > 0 && all.every((e) => e.getAttribute('data-ready') === 'true');
  }, null, { timeout: 90000 });
  const kinds = await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')));
  const readme = [`Dossier de presse — Parité numérique Occitanie / Press kit`, `Source : ${url}`, `Généré le ${new Date().toISOString()}`, ''];
  for (const [i, kind] of kinds.entries()) {
    const chart = page.locator('[data-chart]').nth(i);
    const title = (await chart.locator('.chart-title, h2, h3').first().innerText()).trim();
    await chart.locator('[data-testid="share"]').click();
    const dialog = page.locator('dialog[open]');
    await page.waitForFunction(() => (document.querySelector('dialog[open] [data-testid="embed-code"]')?.value ?? '').includes('#v1.'));
    const files = [];
    for (const [id, ext] of [['download-png', 'png'], ['download-png-square', 'png'], ['download-svg', 'svg'], ['download-csv', 'csv']]) {
      const [dl] = await Promise.all([page.waitForEvent('download'), dialog.locator(`[data-testid="${id}"]`).click()]);
      const name = `${String(i + 1).padStart(2, '0')}-${kind}${id.endsWith('square') ? '-carre' : ''}.${ext}`;
      await dl.saveAs(path.join(out, name));
      files.push(name);
    }
    const textareas = dialog.locator('textarea');
    const embed = await dialog.locator('[data-testid="embed-code"]').inputValue();
    const altFr = await dialog.locator('[data-testid="alt-fr"]').inputValue();
    const altEn = await dialog.locator('[data-testid="alt-en"]').inputValue();
    const cite = await textareas.last().inputValue();
    readme.push(`== ${i + 1}. ${title}`, `Fichiers : ${files.join(', ')}`, '', 'Texte alternatif (fr) :', altFr, '', 'Alt text (en):', altEn, '', 'Citation :', cite, '', "Code d'intégration / embed code:", embed, '', '');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }
  writeFileSync(path.join(out, 'README.txt'), readme.join('\n'));
  console.log(`${kinds.length} charts written to ${out}`);
} catch (e) {
  console.error(`press kit failed: ${e instanceof Error ? e.message : e}`);
  exitCode = 1;
}
await browser.close();
if (server) await server.close();
process.exit(exitCode);
