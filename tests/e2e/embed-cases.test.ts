import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { allReady, appUrl, launch, openPage, READY } from './browser';
import { caseFragment, embedCases } from '../helpers/embed-cases';
import { generateShare } from '../../scripts/hostile-corpus.mjs';
import { decodeSnapshot } from '../../src/snapshot/codec';
import { embedCode } from '../../src/features/share/export';
import { datasetIdFor } from '../../src/data/import/stored';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const cases = embedCases();
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** Serves one HTML page on 127.0.0.2 (another origin than the app). */
function hostPage(html: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.2', () => {
    const a = server.address();
    resolve({ url: `http://127.0.0.2:${typeof a === 'object' && a ? a.port : 0}/`, close: () => server.close() });
  }));
}

/** Each string found after the previous one. */
const inOrder = (text: string, parts: readonly string[]) => parts.every(function (this: { at: number }, p) {
  const i = text.indexOf(p, this.at);
  this.at = i + p.length;
  return i >= 0;
}, { at: 0 });

/** The embed's summary, definition, notes and dated sources sit behind « Notes »: opened before they are read. */
async function openNotes(page: Page): Promise<void> {
  const toggle = page.locator('details[data-testid="embed-notes"]');
  if ((await toggle.count()) && (await toggle.getAttribute('open')) === null) await toggle.locator('summary').click();
}

describe('embed cases of tests/fixtures/hostile/cases.json, in Chromium', () => {
  test.each(cases.filter((c) => c.fragment && !c.host).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const { page, log, close } = await openPage(browser, { width: 800 });
    await page.goto(appUrl(`embed.html#${caseFragment(c)}`), { waitUntil: 'load' });
    if (c.outcome === 'refused') {
      // The tab answers and shows the usual message in both languages, and draws nothing.
      const alert = page.locator('[role="alert"]');
      await alert.waitFor({ timeout: 60000 });
      const text = await alert.innerText();
      expect(text).toContain('illisible');
      expect(text).toContain('cannot be read');
      expect(await page.locator('svg').count()).toBe(0);
    } else {
      await page.locator(READY).waitFor({ timeout: 60000 });
      const body = await page.evaluate(() => document.body.innerText + document.title);
      expect(body).not.toMatch(BIDI);
      expect(await page.locator('.chart-svg').evaluate((e) => e.textContent ?? '')).not.toMatch(BIDI);
      const ordered = c.expect?.ordered;
      if (ordered) {
        await openNotes(page);
        const sources = await page.locator('.chart-sources').innerText();
        expect(inOrder(sources, ordered), sources).toBe(true);
      }
      if (c.expect?.link === 'dashboard') {
        const href = await page.locator('.embed-foot a').getAttribute('href');
        expect(href).toBe(appUrl(''));
      }
    }
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test.each(cases.filter((c) => c.host).map((c) => [c.id, c] as const))('%s: every iframe on the host page takes its chart\'s height', async (_id, c) => {
    const fragment = caseFragment(c);
    const decoded = await decodeSnapshot(fragment);
    if (!decoded.ok) throw new Error(decoded.reason);
    const url = appUrl(`embed.html#${fragment}`);
    // Two embed codes of the same chart, then the first pasted again.
    const first = embedCode(url, decoded.snapshot);
    const codes = [first, embedCode(url, decoded.snapshot), first].slice(0, Math.max(3, c.host ?? 0));
    const ids = codes.map((x) => /<iframe id="([^"]+)"/.exec(x)?.[1]);
    expect(ids[0]).not.toBe(ids[1]);
    const widths = [420, 360, 420];
    const host = await hostPage(`<!doctype html><html><body style="margin:0"><h1>Article</h1><div style="display:flex;gap:8px;align-items:flex-start">${codes.map((x, i) => `<div style="width:${widths[i % 3]}px">${x}</div>`).join('')}</div></body></html>`);
    const { page, log, close } = await openPage(browser, { width: 1300 });
    await page.goto(host.url);
    const iframes = page.locator('iframe');
    expect(await iframes.count()).toBe(codes.length);
    for (let i = 0; i < codes.length; i++) await page.frameLocator(`div:nth-child(${i + 1}) > iframe`).locator(READY).waitFor({ timeout: 30000 });
    const gaps = async () => {
      const out: number[] = [];
      for (let i = 0; i < codes.length; i++) {
        const frame = await (await iframes.nth(i).elementHandle())?.contentFrame();
        const inner = await frame?.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        const box = await iframes.nth(i).boundingBox();
        out.push(box && inner ? Math.abs(Math.round(box.height) - inner) : 999);
      }
      return Math.max(...out);
    };
    await expect.poll(gaps, { timeout: 30000 }).toBeLessThanOrEqual(1);
    // None kept the code's initial 560 px: each script sized its own iframe.
    for (let i = 0; i < codes.length; i++) expect(Math.round((await iframes.nth(i).boundingBox())?.height ?? 0)).not.toBe(560);
    expect(log.pageErrors).toEqual([]);
    await close();
    host.close();
  });
});

/** Imports a generated file through the data view, as an analyst would, and commits it. */
async function importThroughUi(page: Page, file: string): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: file, mimeType: 'text/csv', buffer: Buffer.from(generateShare(file)) });
  const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
  await report.waitFor({ timeout: 60000 });
  expect(await report.getAttribute('data-errors')).toBe('0');
  await page.getByRole('button', { name: /^Importer [\d\s\u00a0\u202f]+ lignes?/ }).click();
  await page.waitForSelector(`[data-dataset="${datasetIdFor(file)}"][data-active="true"]`, { timeout: 60000 });
}

/** The embed code of a chart, from its share dialog, once it is there. */
async function shareCode(page: Page, kind: string): Promise<string> {
  await page.locator(`[data-chart="${kind}"] [data-testid="share"]`).click();
  const code = page.locator('dialog[open] [data-testid="embed-code"]');
  await expect.poll(() => code.inputValue(), { timeout: 30000 }).toMatch(/<iframe[^>]+embed\.html[^"]*#v1\./);
  const value = await code.inputValue();
  expect(await page.locator('dialog[open] [data-testid="embed-error"]').count()).toBe(0);
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  return value;
}

describe('share cases through the UI (issue 17, defect 5)', () => {
  test('after imports with a 450-character source and 25 years of partial sums, « Partager » gives an embed code, and the embed draws it', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    await importThroughUi(page, 'partage-source-450.csv');
    await importThroughUi(page, 'partage-sommes-partielles.csv');
    const codes: string[] = [];
    for (const [indicateur, kind] of [['emploi_numerique', 'ranking'], ['specialistes_tic', 'trend']] as const) {
      await page.goto(appUrl(`?indicateur=${indicateur}`), { waitUntil: 'commit' });
      await allReady(page);
      codes.push(await shareCode(page, kind));
    }
    expect(log.pageErrors).toEqual([]);
    await close();
    // The trend's embed carries one partial-sum note and draws.
    const src = /src="([^"]+)"/.exec(codes[1] ?? '')?.[1]?.replace(/&amp;/g, '&') ?? '';
    const embed = await openPage(browser);
    await embed.page.goto(src, { waitUntil: 'load' });
    await embed.page.locator(`${READY}[data-chart="trend"]`).waitFor({ timeout: 60000 });
    await openNotes(embed.page);
    const notes = await embed.page.locator('.chart-notes li').allInnerTexts();
    expect(notes.filter((x) => x.startsWith('Somme partielle'))).toEqual(['Somme partielle : Occitanie 2000–2024 (8 départements sans valeur).']);
    await embed.close();
  });
});

describe('a source with U+202E, imported through the UI (issue 17, defect 8)', () => {
  test('the list of datasets, the charts, their SVG export and the embed cite it without the control: date and licence keep their order', async () => {
    const c = cases.find((x) => x.id === 'partage-source-bidi');
    const ordered = c?.expect?.ordered ?? [];
    expect(ordered.length).toBeGreaterThan(0);
    const inOrderText = (text: string) => expect(inOrder(text, ordered), text).toBe(true);
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    await importThroughUi(page, 'partage-source-bidi.csv');
    const listed = await page.locator(`[data-dataset="${datasetIdFor('partage-source-bidi.csv')}"]`).innerText();
    expect(listed).not.toMatch(BIDI);
    inOrderText(listed);
    await page.goto(appUrl('?indicateur=emploi_technique'), { waitUntil: 'commit' });
    await allReady(page);
    for (const kind of ['ranking', 'map', 'trend']) {
      const sources = await page.locator(`[data-chart="${kind}"] .chart-sources`).innerText();
      expect(sources).not.toMatch(BIDI);
      inOrderText(sources);
    }
    await page.locator('[data-chart="ranking"] [data-testid="share"]').click();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('dialog[open] [data-testid="download-svg"]').click()]);
    const svg = await new Promise<string>((resolve, reject) => {
      void dl.createReadStream().then((st) => {
        let out = '';
        st.on('data', (d: Buffer) => (out += d.toString('utf8')));
        st.on('end', () => resolve(out));
        st.on('error', reject);
      });
    });
    expect(svg).not.toMatch(BIDI);
    inOrderText([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' '));
    const code = page.locator('dialog[open] [data-testid="embed-code"]');
    await expect.poll(() => code.inputValue(), { timeout: 30000 }).toContain('#v1.');
    const src = /src="([^"]+)"/.exec(await code.inputValue())?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(log.pageErrors).toEqual([]);
    await close();
    const embed = await openPage(browser);
    await embed.page.goto(src, { waitUntil: 'load' });
    await embed.page.locator(READY).waitFor({ timeout: 60000 });
    await openNotes(embed.page);
    const foot = await embed.page.locator('.chart-sources').innerText();
    expect(foot).not.toMatch(BIDI);
    inOrderText(foot);
    await embed.close();
  });
});
