import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, axeSource, launch, openPage, READY } from './browser';
import { decodeSnapshot, encodeSnapshot } from '../../src/snapshot/codec';
import type { ChartSnapshot } from '../../src/snapshot/schema';
import fragmentsV1 from '../fixtures/embed-fragments-v1.json';


let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function snapshotOf(fragment: string): Promise<ChartSnapshot> {
  const r = await decodeSnapshot(fragment);
  if (!r.ok) throw new Error(r.reason);
  return r.snapshot;
}

/** A fresh embed page that records Content-Security-Policy violations. */
async function openEmbed(url: string, opts: { width?: number; dark?: boolean } = {}) {
  const o = await openPage(browser, { width: opts.width ?? 800 });
  if (opts.dark) await o.page.emulateMedia({ colorScheme: 'dark' });
  await o.page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await o.page.goto(url, { waitUntil: 'load' });
  return o;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** Font sizes of the chart's SVG text as drawn on screen, in CSS pixels. */
const drawnFontSizes = (page: Page) =>
  page.$$eval('.chart-svg text', (els) => els.filter((t) => !t.closest('[transform*="scale"]')).map((t) => {
    const svg = t.closest('svg');
    const ratio = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    return Number(t.getAttribute('font-size')) * ratio;
  }));

describe('embed', () => {
  test.each(Object.entries(fragmentsV1))('%s: a v1 link draws its chart, texts, sources, hidden table and notice; readable from 320 px to 800 px, no request, no CSP violation', async (_name, fragment) => {
    const s = await snapshotOf(fragment);
    const { page, log, close } = await openEmbed(appUrl(`embed.html${fragment}`), { width: 320 });
    const root = page.locator(`${READY}[data-chart="${s.kind}"]`);
    await root.waitFor({ timeout: 60000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(s.lang);
    expect((await root.locator('h2').innerText()).trim()).toBe(s.title);
    await root.locator('details[data-testid="embed-notes"] summary').click(); // summary, definition, notes, dated sources: behind « Notes »
    expect(await root.locator('.chart-summary').innerText()).toBe(s.summary);
    expect(await root.locator('.chart-definition').innerText()).toBe(s.definition);
    const foot = await root.locator('figcaption').innerText();
    for (const src of s.sources) {
      expect(foot).toContain(src.name);
      expect(foot).toContain(src.licence);
    }
    for (const note of s.notes) expect(foot).toContain(note);
    expect(await page.locator('[data-testid="illustrative-notice"]').isVisible()).toBe(s.illustratif);
    // The data table is there for screen readers, one row per value, and takes no room on screen.
    const table = root.locator('table');
    const values = s.kind === 'kpi' ? (s.kpis ?? []).length : s.series.reduce((n, x) => n + x.points.length, 0);
    expect(await table.locator('tbody tr').count()).toBe(values);
    expect((await root.locator('.visually-hidden:has(table)').boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    if (s.kind === 'kpi') {
      expect(await root.locator('.kpi-value').allInnerTexts()).toEqual((s.kpis ?? []).map((k) => k.value));
    } else {
      const svg = root.locator('svg.chart-svg');
      expect(await svg.getAttribute('role')).toBe(s.kind === 'map' ? 'group' : 'img');
      expect(await svg.getAttribute('aria-label')).toContain(s.title);
      // Drawn at the container's width: text keeps at least 11 px on a 320 px phone, and again at 800 px.
      const narrow = Number(await svg.getAttribute('width'));
      expect(Math.min(...(await drawnFontSizes(page)))).toBeGreaterThanOrEqual(10.9);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 800, height: 900 });
      await expect.poll(async () => Number(await svg.getAttribute('width'))).toBeGreaterThan(narrow + 300);
      expect(Math.min(...(await drawnFontSizes(page)))).toBeGreaterThanOrEqual(10.9);
    }
    expect(await violations(page)).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test.each([
    ['the embed code says dark', '?theme=dark', false, true],
    ["the reader's system is dark", '', true, true],
    ['the embed code says light on a dark system', '?theme=light', true, false],
  ])('colours follow the theme: %s', async (_n, query, systemDark, dark) => {
    const { page, close } = await openEmbed(appUrl(`embed.html${query}${fragmentsV1.ranking}`), { dark: systemDark });
    await page.waitForSelector(READY);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe(dark ? 'rgb(22, 27, 38)' : 'rgb(255, 255, 255)');
    // Bar labels are drawn in the ink of the theme, never dark on dark.
    const fills = await page.$$eval('.chart-svg text', (els) => [...new Set(els.map((e) => e.getAttribute('fill')))]);
    expect(fills).toContain(dark ? '#e8eaf0' : '#1c2333');
    expect(fills).not.toContain(dark ? '#1c2333' : '#e8eaf0');
    await close();
  });

  test('the map: each département a link to its page in the dashboard, in a new tab, reachable with the keyboard', async () => {
    const { page, close } = await openEmbed(appUrl(`embed.html${fragmentsV1.map}`));
    await page.waitForSelector(READY);
    const links = page.locator('.chart-svg a[data-territory]');
    expect(await links.count()).toBe(13);
    const first = links.first();
    expect(await first.getAttribute('target')).toBe('_blank');
    expect(new URL((await first.getAttribute('href')) ?? '').searchParams.get('vue')).toBe('territoire');
    expect(await first.getAttribute('aria-label')).toMatch(/ : \d/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-territory'))).toBeTruthy();
    await close();
  });

  test.each(['map', 'ranking', 'kpi', 'trend'] as const)('%s has no serious or critical axe violation, light and dark', async (kind) => {
    for (const query of ['', '?theme=dark']) {
      const { page, close } = await openEmbed(appUrl(`embed.html${query}${fragmentsV1[kind]}`), { width: 375 });
      await page.waitForSelector(READY);
      await page.evaluate(axeSource); // through the debugger: the embed's CSP rightly refuses an injected script tag
      const found = await page.evaluate(async () => {
        const w = window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } };
        const r = await w.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(found).toEqual([]);
      await close();
    }
  });

  test('titre=0 hides the title from view but keeps it as the figure\'s name; a permalink that is not http(s) is no link', async () => {
    const s = await snapshotOf(fragmentsV1.ranking);
    const fragment = await encodeSnapshot({ ...s, permalink: 'javascript:alert(1)' });
    const { page, close } = await openEmbed(appUrl(`embed.html?titre=0#${fragment}`));
    await page.waitForSelector(READY);
    expect(await page.locator('h2.visually-hidden').innerText()).toBe(s.title);
    expect(await page.getByRole('figure', { name: s.title }).count()).toBe(1);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    await close();
  });
});
