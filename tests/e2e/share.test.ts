import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { allReady, appUrl, launch, openPage, READY } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

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

describe('share', () => {
  test('every chart kind has a share dialog with embed code and valid PNG, SVG and CSV downloads', async () => {
    const { page, log, close } = await openPage(browser);
    const codes: Record<string, string> = {};
    for (const url of [appUrl(), appUrl('?vue=territoire&territoire=31')]) {
      await page.goto(url, { waitUntil: 'commit' });
      await allReady(page);
      const kinds = await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart') ?? ''));
      for (const kind of kinds) {
        if (codes[kind]) continue;
        // What the embed code field holds the moment it appears (a test or a user reading it at once): never empty.
        await page.evaluate(() => {
          const w = window as unknown as { firstCode: string | null };
          w.firstCode = null;
          const mo = new MutationObserver(() => {
            const el = document.querySelector<HTMLTextAreaElement>('[data-testid="embed-code"]');
            if (!el) return;
            w.firstCode = el.value;
            mo.disconnect();
          });
          mo.observe(document.body, { subtree: true, childList: true });
        });
        await page.locator(`[data-chart="${kind}"] [data-testid="share"]`).click();
        const code = page.locator('dialog[open] [data-testid="embed-code"]');
        await expect.poll(() => code.inputValue()).toMatch(/<iframe[^>]+src="http:[^"]+embed\.html\?*[^"]*#v1\./);
        expect(await page.evaluate(() => (window as unknown as { firstCode: string | null }).firstCode), kind).toMatch(/^<iframe/);
        codes[kind] = await code.inputValue();
        expect(codes[kind]).toMatch(/loading="lazy"/);
        expect(codes[kind]).toMatch(/title="[^"]+"/);
        expect(codes[kind]).toContain('e.source!==f.contentWindow');
        const title = (await page.locator(`[data-chart="${kind}"] .chart-title`).innerText()).trim();
        const save = async (id: string) => {
          const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`dialog[open] [data-testid="${id}"]`).click()]);
          return readFileSync((await dl.path()) ?? '');
        };
        const png = await save('download-png');
        expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        expect(png.readUInt32BE(16)).toBe(2400); // 1200 px at 2×
        const svg = (await save('download-svg')).toString('utf8');
        expect(svg).toMatch(/^<svg[\s>]/);
        expect(svg).toContain(title.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
        expect(svg).toMatch(/Sources/);
        expect(svg).not.toMatch(/<script/i);
        const csv = (await save('download-csv')).toString('utf8');
        expect(csv).toContain(`# ${title}`);
        expect(csv).toMatch(/# Sources/);
        expect(await page.locator('dialog[open] [data-testid="alt-fr"]').inputValue()).toContain(title);
        expect(await page.locator('dialog[open] [data-testid="alt-en"]').inputValue()).toMatch(/^(Key figures|Map|Horizontal|Line|Bar|Grouped)/);
        await page.keyboard.press('Escape');
        await page.locator('dialog[open]').waitFor({ state: 'detached' });
      }
    }
    expect(Object.keys(codes).sort()).toEqual(['comparison', 'kpi', 'map', 'pipeline', 'ranking', 'trend']);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  });

  test('the embed code on another origin, in a sandboxed iframe, renders the chart and sizes the iframe; stray messages are ignored', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl(), { waitUntil: 'commit' });
    await allReady(page);
    await page.locator('[data-chart="ranking"] [data-testid="share"]').click();
    const code = page.locator('dialog[open] [data-testid="embed-code"]');
    await expect.poll(() => code.inputValue()).toContain('#v1.');
    const snippet = (await code.inputValue()).replace('<iframe', '<iframe sandbox="allow-scripts allow-popups"');
    await close();

    const host = await hostPage(`<!doctype html><html><body style="margin:0"><h1>Article</h1><div style="width:600px">${snippet}</div><p>Fin</p></body></html>`);
    const { page: p, log, close: close2 } = await openPage(browser);
    const requests: string[] = [];
    p.on('request', (r) => requests.push(r.url()));
    await p.goto(host.url);
    const frame = p.frameLocator('iframe');
    await frame.locator(`${READY}[data-chart="ranking"]`).waitFor({ timeout: 30000 });
    const iframe = p.locator('iframe');
    await expect.poll(async () => {
      const box = await iframe.boundingBox();
      const inner = await p.frames()[1]?.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      return box && inner ? Math.abs(Math.round(box.height) - inner) : 999;
    }).toBeLessThanOrEqual(1);
    const before = (await iframe.boundingBox())?.height;
    // messages from another window, or with a non-numeric height, change nothing. A listener added after the embed
    // code's runs after it for each message: once it has seen both, the embed code has handled them.
    await p.evaluate(() => {
      const w = window as unknown as { seen: number };
      w.seen = 0;
      window.addEventListener('message', (e: MessageEvent<{ type?: string }>) => { if (e.data?.type === 'parite-numerique:height' && e.source === window) w.seen++; });
      window.postMessage({ type: 'parite-numerique:height', height: 99999 }, '*');
      window.postMessage({ type: 'parite-numerique:height', height: 'abc' }, '*');
    });
    await expect.poll(() => p.evaluate(() => (window as unknown as { seen: number }).seen)).toBe(2);
    expect((await iframe.boundingBox())?.height).toBe(before);
    // the embed needs no database: no wasm, no worker, no data file
    expect(requests.filter((u) => /\.wasm|duckdb|\.csv/.test(u))).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    await close2();
    host.close();
  });

  test('a broken or tampered embed shows a clear message, in French and English', async () => {
    const { page, close } = await openPage(browser);
    for (const frag of ['#v1.AAAA', '#nimportequoi', '']) {
      await page.goto(appUrl('embed.html' + frag), { waitUntil: 'load' });
      await page.locator('[role="alert"]').waitFor({ timeout: 60000 });
      const text = await page.locator('[role="alert"]').innerText();
      expect(text).toContain('illisible');
      expect(text).toContain('cannot be read');
    }
    await close();
  });
});
