import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { appUrl, launch, openPage, READY } from './browser';
import { decodeSnapshot } from '../../src/snapshot/codec';
import fragmentsV1 from '../fixtures/embed-fragments-v1.json';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('embeds a newspaper would publish', () => {
  test.each(['trend', 'ranking', 'map'] as const)('%s at 375 px: chart first and the largest block, one credit line with source, licence and link, notes behind a toggle', async (kind) => {
    const r = await decodeSnapshot(fragmentsV1[kind]);
    if (!r.ok) throw new Error(r.reason);
    const s = r.snapshot;
    const { page, log, close } = await openPage(browser, { width: 375 });
    await page.goto(appUrl(`embed.html${fragmentsV1[kind]}`), { waitUntil: 'load' });
    await page.waitForSelector(READY, { timeout: 30000 });
    const blocks = await page.$$eval('figure.chart > *:not(.visually-hidden)', (els) => els.map((e) => ({ cls: e.className, top: e.getBoundingClientRect().top, height: e.getBoundingClientRect().height })));
    const body = blocks.find((b) => b.cls.includes('chart-body'));
    const foot = blocks.find((b) => b.cls.includes('chart-foot'));
    expect(body).toBeDefined();
    for (const b of blocks) if (b !== body) expect(body?.height ?? 0, `${b.cls} ${b.height}`).toBeGreaterThan(b.height);
    // Only the title and a one-line subtitle come before the chart.
    const before = blocks.filter((b) => b.top < (body?.top ?? 0));
    expect(before.map((b) => b.cls)).toEqual(['chart-head', 'chart-subtitle']);
    expect(blocks.find((b) => b.cls === 'chart-subtitle')?.height ?? 99).toBeLessThan(30);
    expect(foot?.top ?? 0).toBeGreaterThan(body?.top ?? 0);
    // The credit: « Source : … · licence · Parité numérique Occitanie », the last words a link to the dashboard.
    const credit = page.locator('[data-testid="embed-credit"]');
    const text = await credit.innerText();
    expect(text).toMatch(s.lang === 'fr' ? /^Sources?\u00a0: / : /^Sources?: /);
    for (const src of s.sources) {
      expect(text).toContain(src.name);
      expect(text).toContain(src.licence);
    }
    expect(await credit.locator('a').innerText()).toBe(s.lang === 'fr' ? 'Parité numérique Occitanie' : 'Digital gender parity in Occitanie');
    expect(await credit.locator('a').getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // One line at 375 and at 320 px, however long the sources: they end with « … », their full text in a title.
    const sourceTitle = await credit.locator('.embed-credit-source').getAttribute('title');
    for (const src of s.sources) expect(sourceTitle).toContain(src.name);
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(width);
      const lines = await credit.evaluate((e) => {
        const cs = getComputedStyle(e);
        return e.getBoundingClientRect().height / (parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.5);
      });
      expect(lines, `credit at ${width} px`).toBeLessThan(1.5);
      expect(await credit.locator('a').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${width} px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 375, height: 800 });
    // Definition, summary and notes wait behind « Notes ».
    const notes = page.locator('details[data-testid="embed-notes"]');
    expect(await notes.getAttribute('open')).toBeNull();
    expect(await page.locator('.chart-definition').isVisible()).toBe(false);
    await notes.locator('summary').click();
    await expect.poll(() => page.locator('.chart-definition').isVisible()).toBe(true);
    const opened = await notes.innerText();
    for (const n of s.notes) expect(opened).toContain(n);
    expect(opened).toContain(s.summary);
    // Illustrative data is marked by a short label, not a banner.
    expect(await page.locator('.notice').count()).toBe(0);
    if (s.illustratif) expect((await page.locator('[data-testid="illustrative-notice"]').innerText()).trim()).toMatch(/^(Illustratif|Illustrative)$/);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test('fond=transparent: the embed has no background of its own', async () => {
    const { page, close } = await openPage(browser, { width: 375 });
    for (const [query, bg] of [['?fond=transparent', 'rgba(0, 0, 0, 0)'], ['', 'rgb(255, 255, 255)']] as const) {
      await page.goto(appUrl(`embed.html${query}${fragmentsV1.ranking}`), { waitUntil: 'load' });
      await page.waitForSelector(READY, { timeout: 30000 });
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(bg);
      if (query) expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(bg);
    }
    await close();
  });

  test('the share dialog: a live preview of the embed, the transparent option, and a permalink that reopens the chart\'s own view', async () => {
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    const ranking = page.locator(`${READY}[data-chart="ranking"]`);
    await ranking.waitFor({ timeout: 90000 });
    const title = (await ranking.locator('.chart-title').innerText()).trim();
    await ranking.locator('[data-testid="share"]').click();
    const dialog = page.locator('dialog[open]');
    const code = dialog.locator('[data-testid="embed-code"]');
    await expect.poll(() => code.inputValue()).toMatch(/<iframe/);
    const src = () => code.inputValue().then((c) => (/src="([^"]+)"/.exec(c)?.[1] ?? '').replace(/&amp;/g, '&'));
    const preview = dialog.locator('[data-testid="embed-preview"] iframe');
    await expect.poll(() => preview.getAttribute('src')).toBe(await src());
    expect(await preview.getAttribute('sandbox')).toBe('allow-scripts allow-popups');
    const frame = page.frameLocator('dialog[open] [data-testid="embed-preview"] iframe');
    await frame.locator(READY).waitFor({ timeout: 30000 });
    expect((await frame.locator('h2').innerText()).trim()).toBe(title);
    // The preview takes the height the embed reports.
    await expect.poll(async () => (await preview.boundingBox())?.height ?? 0).toBeGreaterThan(300);
    expect(await src()).not.toContain('fond=');
    await dialog.locator('[data-testid="share-transparent"]').check();
    await expect.poll(src).toContain('fond=transparent');
    await expect.poll(() => preview.getAttribute('src')).toContain('fond=transparent');
    const permalink = await dialog.locator('[data-testid="permalink"]').inputValue();
    const u = new URL(permalink);
    expect(u.searchParams.get('indicateur')).toBe('emploi_numerique');
    expect(await code.inputValue()).not.toContain('#v1.undefined');
    await page.keyboard.press('Escape');
    await page.goto(permalink, { waitUntil: 'commit' });
    await expect.poll(() => page.locator(`${READY}[data-chart="ranking"] .chart-title`).innerText().then((x) => x.trim()), { timeout: 90000 }).toBe(title);
    expect(log.external).toEqual([]);
    await close();
  });
});
