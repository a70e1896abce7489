import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { allReady, appUrl, launch, READY } from './browser';
import { comparePngs, failed, MAX_DIFF_SHARE, stableShot } from './visual-compare';

/**
 * Visual regression: every chart kind, light and dark, at 320, 700 and 1280 px, in the dashboard and in its embed,
 * compared with the PNGs committed in tests/e2e/visual-references/ (`{context}-{kind}-{theme}-{width}.png`).
 * `UPDATE_VISUAL=1` rewrites the references (then look at each changed one before committing it); without it, a
 * missing reference fails. A failure writes the actual screenshot and a diff image to tests/e2e/.visual-output/.
 *
 * The dashboard and the embeds follow the reader's colour scheme (docs/contract.md): both are taken in light and in
 * dark. The dashboard's dark shots are taken on the page of its light ones, its scheme switched in place (the page
 * follows a change of scheme without reloading), which spares a load of DuckDB per view and width.
 */

const REFERENCES = path.resolve(import.meta.dirname, 'visual-references');
const OUTPUT = path.resolve(import.meta.dirname, '.visual-output');
const UPDATE = process.env['UPDATE_VISUAL'] === '1';
const WIDTHS = [320, 700, 1280] as const;
type Theme = 'light' | 'dark';
/** Where each kind is drawn in the dashboard: the overview, or the territory page (the comparison). */
const DASHBOARD: Record<string, readonly string[]> = {
  '': ['kpi', 'map', 'ranking', 'trend', 'pipeline'],
  '?vue=territoire&territoire=34': ['comparison'],
};
const KINDS = Object.values(DASHBOARD).flat();

let browser: Browser;
/** A page for the comparisons, apart from the pages screenshotted. */
let comparer: Page;
beforeAll(async () => {
  browser = await launch();
  comparer = await (await browser.newContext()).newPage();
  if (existsSync(OUTPUT)) rmSync(OUTPUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A context whose rendering does not vary between runs: one device pixel per CSS pixel, the colour scheme given,
 * reduced motion (CSS transitions and animations are frozen again at each screenshot).
 */
function context(width: number, theme: Theme): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, colorScheme: theme, reducedMotion: 'reduce' });
}

/** Waits until DuckDB answered, every chart is ready and drawn from its answers, and the fonts are loaded. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-db-status="ready"]', { timeout: 150000 });
  await allReady(page);
  await page.waitForFunction(() => document.querySelectorAll('.is-busy, [aria-busy="true"]').length === 0, null, { timeout: 60000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Opens a view of the dashboard: the first by URL, the next ones inside the page, as the browser's back and forward
 * buttons do (pushState, then popstate): the app draws the view with the DuckDB it already started, which spares
 * a start-up per view. Resolves once the view's first chart is there and everything settled.
 */
async function openView(page: Page, query: string, firstKind: string): Promise<void> {
  if (page.url().startsWith(appUrl())) {
    await page.evaluate((q) => {
      window.history.pushState(null, '', `${window.location.pathname}${q}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, query);
  } else {
    await page.goto(appUrl(query), { waitUntil: 'commit' });
  }
  await page.waitForSelector(`${READY}[data-chart="${firstKind}"]`, { timeout: 150000 });
  await settled(page);
}

/** Compares one screenshot with its reference (or writes it with UPDATE_VISUAL=1); returns a failure, if any. */
async function check(name: string, shot: Buffer): Promise<string | null> {
  const ref = path.join(REFERENCES, `${name}.png`);
  if (UPDATE) {
    mkdirSync(REFERENCES, { recursive: true });
    // Any pixel changed, even below the threshold: a reference never lags behind what it stands for.
    if (!existsSync(ref) || (await comparePngs(comparer, shot, readFileSync(ref))).differing > 0) writeFileSync(ref, shot);
    return null;
  }
  mkdirSync(OUTPUT, { recursive: true });
  const actual = path.join(OUTPUT, `${name}.actual.png`);
  if (!existsSync(ref)) {
    writeFileSync(actual, shot);
    return `${name}: no reference ${path.relative(process.cwd(), ref)} (UPDATE_VISUAL=1 writes it; look at it before committing); actual: ${path.relative(process.cwd(), actual)}`;
  }
  const d = await comparePngs(comparer, shot, readFileSync(ref));
  if (!failed(d)) return null;
  const diff = path.join(OUTPUT, `${name}.diff.png`);
  writeFileSync(actual, shot);
  writeFileSync(diff, d.diffPng);
  const what = d.sameSize ? `${d.differing} pixels differ (${(100 * d.share).toFixed(2)} %, at most ${100 * MAX_DIFF_SHARE} %)` : `size ${d.actualSize}, reference ${d.referenceSize}`;
  return `${name}: ${what}; actual: ${path.relative(process.cwd(), actual)}, diff: ${path.relative(process.cwd(), diff)}`;
}

/**
 * What a reader would see as broken, checked in the DOM of each page screenshotted (the references show it too, but
 * a reference can be rewritten): nothing wider than the screen, a chart's share button and its own control never
 * touching, every name on the map haloed in its département's fill so that borders stop short of the letters.
 */
async function layoutProblems(page: Page, where: string): Promise<(string | null)[]> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const page = document.documentElement;
    if (page.scrollWidth > window.innerWidth) out.push(`the page is ${page.scrollWidth} px wide on a ${window.innerWidth} px screen`);
    for (const actions of document.querySelectorAll('.chart-actions')) {
      const boxes = [...actions.children].map((c) => c.getBoundingClientRect());
      for (let i = 1; i < boxes.length; i++) {
        const [a, b] = [boxes[i - 1] as DOMRect, boxes[i] as DOMRect];
        const sameRow = a.top < b.bottom && b.top < a.bottom;
        if (sameRow && b.left - a.right < 4) out.push(`${actions.closest('[data-chart]')?.getAttribute('data-chart')}: two controls ${Math.round(b.left - a.right)} px apart`);
      }
    }
    for (const t of document.querySelectorAll('[data-chart="map"] svg text[data-map-name]')) {
      const cs = getComputedStyle(t);
      if (cs.stroke === 'none' || !cs.paintOrder.startsWith('stroke')) out.push(`map: « ${t.textContent} » has no halo`);
    }
    return out;
  });
  return found.map((f) => `${where}: ${f}`);
}

/** Fails once with every mismatch and layout problem of a group, so that one run lists them all. */
function report(failures: (string | null)[]): void {
  const bad = failures.filter((f): f is string => f !== null);
  if (bad.length) throw new Error(`${bad.length} problem(s):\n${bad.join('\n')}`);
}

/** The embed fragment of each chart kind, as the dashboard's share dialog writes it. */
const fragments = new Map<string, string>();

/** Reads the embed fragment of each of `kinds` from its share dialog (the page settled). */
async function readFragments(page: Page, kinds: readonly string[]): Promise<void> {
  for (const kind of kinds) {
    await page.locator(`${READY}[data-chart="${kind}"] [data-testid="share"]`).click();
    const code = page.locator('dialog[open] [data-testid="embed-code"]');
    await code.waitFor({ timeout: 30000 });
    const hash = async () => /src="[^"#]+(#[^"]+)"/.exec(await code.inputValue())?.[1] ?? '';
    await expect.poll(hash).not.toBe('');
    fragments.set(kind, await hash());
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: 30000 });
  }
}

/**
 * The fragments of every kind: those the dashboard's test at 1280 px read once its screenshots were taken, else
 * (the embeds run alone, `-t embed`) read from a page of their own.
 */
async function embedFragments(): Promise<Map<string, string>> {
  if (KINDS.every((k) => fragments.has(k))) return fragments;
  const ctx = await context(1280, 'light');
  const page = await ctx.newPage();
  for (const [query, kinds] of Object.entries(DASHBOARD)) {
    await openView(page, query, kinds[0] ?? '');
    await readFragments(page, kinds);
  }
  await ctx.close();
  return fragments;
}

describe('visual regression: every chart kind, compared with its committed reference', () => {
  test.each(WIDTHS)('dashboard, light and dark, %i px', async (width) => {
    const ctx = await context(width, 'light');
    const page = await ctx.newPage();
    const failures: (string | null)[] = [];
    for (const [query, kinds] of Object.entries(DASHBOARD)) {
      await openView(page, query, kinds[0] ?? '');
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        // The drawings follow the scheme in the next frame: stableShot waits until they stopped changing.
        await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
        failures.push(...await layoutProblems(page, `dashboard ${query || '/'}, ${theme}, at ${width} px`));
        for (const kind of kinds) failures.push(await check(`dashboard-${kind}-${theme}-${width}`, await stableShot(page.locator(`[data-chart="${kind}"]`))));
      }
      await page.emulateMedia({ colorScheme: 'light' });
      // The embeds below show these very charts: their fragments, read here, spare two loads of the dashboard.
      if (width === 1280) await readFragments(page, kinds);
    }
    await ctx.close();
    report(failures);
  }, 300000);

  test.each(WIDTHS.flatMap((w) => (['light', 'dark'] as const).map((t) => [t, w] as const)))('embed, %s, %i px', async (theme, width) => {
    const hashes = await embedFragments();
    const ctx = await context(width, theme);
    const page = await ctx.newPage();
    const failures: (string | null)[] = [];
    for (const kind of KINDS) {
      // A fresh document each time: the embed reloads itself on a change of fragment.
      await page.goto('about:blank');
      await page.goto(appUrl(`embed.html${hashes.get(kind) ?? ''}`), { waitUntil: 'load' });
      await page.waitForSelector(`${READY}[data-chart="${kind}"]`, { timeout: 30000 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      failures.push(...await layoutProblems(page, `embed of the ${kind}, ${theme}, ${width} px`));
      failures.push(await check(`embed-${kind}-${theme}-${width}`, await stableShot(page.locator('[data-chart]'))));
    }
    await ctx.close();
    report(failures);
  }, 300000);
});
