import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, axeSource, launch, openPage } from './browser';


let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const VIEWS = { overview: '', territory: '?vue=territoire&territoire=34', data: '?vue=donnees' };

describe.each(['fr', 'en'])('accessibility (%s)', (lang) => {
  test.each(Object.entries(VIEWS))('%s has no serious or critical axe violation, and reflows at 320 px', async (_name, search) => {
    const { page, log, close } = await openPage(browser);
    const url = appUrl(search ? `${search}${lang === 'en' ? '&lang=en' : ''}` : lang === 'en' ? '?lang=en' : '');
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('[data-chart]')];
      return (all.length > 0 && all.every((e) => e.getAttribute('data-ready') === 'true')) || document.querySelector('[data-dataset]');
    }, null, { timeout: 60000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    // Through the debugger: the page's <meta> Content-Security-Policy rightly refuses an injected script tag.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } };
      const r = await w.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    // Charts redraw at their new width when they see it: poll until the page is 320 px wide and nothing overflows.
    await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(320);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});

describe('accessibility in the dark theme', () => {
  test.each(Object.entries({ overview: VIEWS.overview, territory: VIEWS.territory }))('%s follows a dark colour scheme and has no serious or critical axe violation (contrast included)', async (_name, search) => {
    const { page, log, close } = await openPage(browser);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(appUrl(search), { waitUntil: 'commit' });
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('[data-chart]')];
      return all.length > 0 && all.every((e) => e.getAttribute('data-ready') === 'true');
    }, null, { timeout: 60000 });
    // The page and its charts are dark: the page's background, a chart's card, and the bars' value labels drawn in
    // the dark palette's ink.
    const dark = await page.evaluate(() => {
      const lum = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
      const label = document.querySelector('[data-chart] svg [data-value-label]');
      return {
        page: lum(getComputedStyle(document.documentElement).backgroundColor),
        card: lum(getComputedStyle(document.querySelector('[data-chart]') as Element).backgroundColor),
        label: label ? lum(getComputedStyle(label).fill) : 255,
      };
    });
    expect(dark.page).toBeLessThan(64);
    expect(dark.card).toBeLessThan(64);
    expect(dark.label).toBeGreaterThan(192);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } };
      const r = await w.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))})`);
    });
    expect(violations).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    await close();
  });
});
