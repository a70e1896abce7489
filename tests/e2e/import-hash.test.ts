import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, openPage } from './browser';

/**
 * The fast path's report shows before the import worker has hashed the file (src/data/import/session.ts): « Importer »
 * clicked the moment the report shows must still store the file with the SHA-256 of its bytes (the commit waits for
 * it), and the stored file must be restored after a reload (the replay compares that hash).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A clean canonical CSV over the fast path's 2 MB: every département × 1990–2100 × four indicators of the catalogue. */
function bigCsv(): Buffer {
  const deps = readFileSync(path.join(ROOT, 'data/territoires.csv'), 'utf8').split('\n').slice(1)
    .map((l) => l.split(',')).filter((c) => c[2] === 'departement').map((c) => c[0]);
  const lines = ['territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source'];
  let n = 0;
  for (const id of ['emploi_numerique', 'emploi_technique', 'formation_numerique', 'sup_numerique']) {
    for (const d of deps) {
      for (let y = 1990; y <= 2100; y++) {
        const total = 300 + ((n++ * 7919) % 4000);
        const women = Math.floor(total * 0.3);
        lines.push(`${d},${y},${id},${women},${total - women},${total},,,Test de l’empreinte du fichier importé`);
      }
    }
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** The stored record of dataset `id` (its SHA-256 and its file's size), read without creating the database. */
const storedRecord = (page: Page, id: string) =>
  page.evaluate(
    (id) =>
      new Promise<{ sha256: string; size: number } | null>((resolve, reject) => {
        const r = indexedDB.open('parite-numerique');
        r.onupgradeneeded = () => r.transaction?.abort();
        r.onerror = () => resolve(null);
        r.onsuccess = () => {
          const db = r.result;
          const g = db.transaction('imports').objectStore('imports').get(id);
          g.onsuccess = () => {
            db.close();
            const rec = g.result as { sha256: string; bytes: Blob } | undefined;
            resolve(rec ? { sha256: rec.sha256, size: rec.bytes.size } : null);
          };
          g.onerror = () => reject(g.error);
        };
      }),
    id,
  );

describe('the file hash of a fast import', () => {
  test('« Importer » clicked as the report shows stores the SHA-256 of the bytes, and the file is restored after a reload', async () => {
    const bytes = bigCsv();
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const rows = bytes.toString('utf8').trimEnd().split('\n').length - 1;
    const { page, log, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
    // Clicked from the page itself the moment the report says ok: no round trip of the test in between.
    await page.evaluate(() => {
      const mo = new MutationObserver(() => {
        const report = document.querySelector('[data-testid="import-report"][data-status="ok"]');
        if (!report) return;
        mo.disconnect();
        (window as unknown as { reportPath: string | null }).reportPath = report.getAttribute('data-path');
        [...document.querySelectorAll<HTMLButtonElement>('[data-testid="import"] button')].find((b) => /^Importer/.test(b.textContent ?? ''))?.click();
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'empreinte.csv', mimeType: 'text/csv', buffer: bytes });
    await page.waitForSelector(`[data-dataset="empreinte"][data-rows="${rows}"]`, { timeout: 120000 });
    expect(await page.evaluate(() => (window as unknown as { reportPath: string | null }).reportPath)).toBe('rapide');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(await storedRecord(page, 'empreinte')).toEqual({ sha256, size: bytes.length });

    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector(`[data-dataset="empreinte"][data-rows="${rows}"]`, { timeout: 120000 });
    expect(await page.locator('[data-testid="storage-failed"]').count()).toBe(0);
    expect(log.pageErrors).toEqual([]);
    expect(log.external).toEqual([]);
    await close();
  }, 300000);
});
