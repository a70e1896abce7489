import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, openPage, READY } from './browser';
import { openDefaultDb } from '../helpers/node-db';
import { stage, swapIn } from '../../src/data/import/commit';
import type { CanonicalRow } from '../../src/data/import/canonical';
import { runQuery } from '../../src/data/client';
import { measuresQuery, MeasureRow } from '../../src/data/sql/measures';
import { storedCases, type StoredCase } from '../helpers/hostile-stored';
import { CANONICAL_HEADER, OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

/**
 * Data loss (docs/reliability.md, « Pertes de données »): after a refused save, a reload in the middle of an import, two tabs
 * importing at once, or a cleared IndexedDB, the page shows exactly the last committed state: the dataset list, the
 * observation count and the région's share on the overview.
 */

/** Test hooks installed before the app runs: IndexedDB behaves normally unless a test flips one of them. */
interface Hooks {
  /** `put` on the imports store throws QuotaExceededError, as a browser may do at once. */
  quota: 'throw' | null;
  /** The imports transaction is kept open after the `put` (the write is issued, not committed) until cleared. */
  hold: boolean;
  holding: boolean;
  /** The page reloads as soon as the imports transaction has committed (before the DuckDB swap). */
  reloadOnComplete: boolean;
  /** The error of each imports transaction the browser aborted. */
  aborts: string[];
}
declare global {
  interface Window {
    __dl: Hooks;
  }
}

function installHooks(): void {
  const hooks: Hooks = { quota: null, hold: false, holding: false, reloadOnComplete: false, aborts: [] };
  window.__dl = hooks;
  if (localStorage.getItem('test:idb-broken')) {
    IDBFactory.prototype.open = () => {
      throw new DOMException('test: storage blocked', 'UnknownError');
    };
  }
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name !== 'imports') return put.apply(this, args);
    if (hooks.quota === 'throw') throw new DOMException('test: no room left', 'QuotaExceededError');
    const request = put.apply(this, args);
    this.transaction.addEventListener('abort', () => hooks.aborts.push(String(this.transaction.error?.name)));
    if (hooks.hold) {
      hooks.holding = true;
      const spin = () => {
        if (hooks.hold) this.get('__spin__').onsuccess = spin;
      };
      spin();
    }
    if (hooks.reloadOnComplete) this.transaction.addEventListener('complete', () => location.reload());
    return request;
  };
}

const HEADER = CANONICAL_HEADER;
const DEPS = OCCITANIE_DEPARTEMENTS;
const INDICATORS = ['nsi_lycee', 'sup_numerique', 'formation_numerique', 'emploi_numerique', 'emploi_technique', 'demandeurs_numerique', 'specialistes_tic'];

function row(line: number, territoire: string, annee: number, indicateur: string, femmes: number, total: number, source: string): CanonicalRow {
  return { line, territoire, annee, indicateur, femmes, hommes: total - femmes, total, part_femmes: null, statut: null, source };
}
const toCsv = (rows: readonly CanonicalRow[]) => [HEADER, ...rows.map((r) => [r.territoire, r.annee, r.indicateur, r.femmes, r.hommes, r.total, '', '', r.source].join(','))].join('\n') + '\n';
/** A few rows for the overview's indicator and year (they change the région's share). */
const few = (deps: readonly string[], women: number, source: string) => deps.map((d, i) => row(i + 2, d, 2024, 'emploi_numerique', women + 100 * i, 30000 + 1000 * i, source));
/** Every département × year × indicator of `indicators`, with long sources: a large file. */
function many(indicators: readonly string[], sourceLength: number): CanonicalRow[] {
  const rows: CanonicalRow[] = [];
  const source = `Analyste ${'x'.repeat(sourceLength)}`;
  for (const ind of indicators)
    for (let y = 1990; y <= 2100; y++)
      for (const d of DEPS) {
        const total = 200 + ((rows.length * 7919) % 5000);
        rows.push(row(rows.length + 2, d, y, ind, Math.floor(total * (0.2 + (rows.length % 7) / 20)), total, source));
      }
  return rows;
}

const DEFAULT_ROWS = 700 + 38 + 70;
const BASE = few(['31', '34'], 9000, 'Base');
const MEDIUM = many(['emploi_technique'], 200); // about 300 KB: the full pipeline
const BIG = many(INDICATORS, 260); // about 3 MB: the fast path
const TAB_A = few(['31', '34'], 7000, 'Onglet A');
const TAB_B = few(['11', '12'], 5000, 'Onglet B');
/** What a tab whose view predates another tab's commit imports under that tab's file name. */
const STALE = few(['11'], 100, 'Périmé');

/** The région's 2024 share of women in digital jobs once these datasets are loaded after the defaults, by DuckDB in Node. */
async function expectedShare(sets: readonly (readonly CanonicalRow[])[]): Promise<number> {
  const db = await openDefaultDb();
  for (const [i, rows] of sets.entries()) {
    await stage(db, rows);
    await swapIn(db, { id: `jeu_${i}`, nom: 'x', source: 'x', licence: 'x', priorite: 10 + i, actif: true, derniere_maj: null });
  }
  const [r] = await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', annee: 2024, territoires: ['76'] }), MeasureRow);
  db.close();
  return r?.part ?? NaN;
}

let browser: Browser;
const want: Record<'defaults' | 'base' | 'big' | 'tabs', number> = { defaults: NaN, base: NaN, big: NaN, tabs: NaN };
beforeAll(async () => {
  browser = await launch();
  want.defaults = await expectedShare([]);
  want.base = await expectedShare([BASE]);
  want.big = await expectedShare([BIG]);
  want.tabs = await expectedShare([TAB_A, TAB_B, STALE]);
  expect(new Set(Object.values(want)).size).toBe(4); // each state is told apart by the share
  expect(toCsv(BIG).length).toBeGreaterThan(2.5 * 1024 * 1024);
});
afterAll(async () => {
  await browser?.close();
});

async function open(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { page, log, close } = await openPage(browser);
  await page.context().addInitScript(installHooks);
  return { page, errors: log.pageErrors, close };
}

async function goData(page: Page, search = '?vue=donnees') {
  await page.goto(appUrl(search), { waitUntil: 'commit' });
  await ready(page);
}
/** The data view has loaded and restored: the dataset list and the observation count are there. */
async function ready(page: Page) {
  await page.waitForSelector('[data-db-status="ready"]', { timeout: 90000 });
  await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
}

const datasets = (page: Page) =>
  page.$$eval('[data-dataset]', (els) => els.map((e) => `${e.getAttribute('data-dataset')}:${e.getAttribute('data-rows')}:${e.getAttribute('data-active')}`).sort());
const count = async (page: Page) => Number(await page.getAttribute('[data-testid="observations-count"]', 'data-total'));
const DEFAULTS = ['depp_nsi:70:true', 'eurostat_tic:38:true', 'illustratif:700:true'];

/** The imports IndexedDB holds (id and rows), read without creating the database if it is gone. */
const stored = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const r = indexedDB.open('parite-numerique');
        r.onupgradeneeded = () => r.transaction?.abort();
        r.onerror = () => resolve([]);
        r.onsuccess = () => {
          const db = r.result;
          const g = db.transaction('imports').objectStore('imports').getAll();
          g.onsuccess = () => {
            db.close();
            resolve((g.result as { id: string; rows: number }[]).map((x) => `${x.id}:${x.rows}`).sort());
          };
          g.onerror = () => reject(g.error);
        };
      }),
  );
const marker = (page: Page) => page.evaluate(() => localStorage.getItem('parite-numerique:imports'));

/** The région's share on the overview (reached without reloading), then back to the data view. */
async function overviewShare(page: Page): Promise<number> {
  const go = (search: string) => page.evaluate((s) => {
    history.pushState(null, '', s);
    dispatchEvent(new PopStateEvent('popstate'));
  }, search);
  await go('?indicateur=emploi_numerique&annee=2024');
  await page.waitForSelector(`${READY}[data-chart="kpi"]`, { timeout: 60000 });
  const v = Number(await page.getAttribute('[data-kpi="part"]', 'data-value'));
  await go(`?vue=donnees${page.url().includes('lang=en') ? '&lang=en' : ''}`);
  await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 60000 });
  return v;
}

/** Exactly the committed state: dataset list, observation count, stored records, and the overview's share. */
async function expectState(page: Page, s: { datasets: string[]; rows: number; stored?: string[]; share?: number }) {
  await expect.poll(() => datasets(page), { timeout: 30000 }).toEqual([...s.datasets].sort());
  await expect.poll(() => count(page), { timeout: 30000 }).toBe(s.rows);
  if (s.stored) expect(await stored(page)).toEqual([...s.stored].sort());
  if (s.share !== undefined) expect(await overviewShare(page)).toBeCloseTo(s.share, 9);
}

/** Chooses a file and waits for its analysis report. */
async function analyse(page: Page, name: string, content: string) {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  const report = page.locator('[data-testid="import-report"][data-status]:not([data-old])');
  await report.waitFor({ timeout: 60000 });
  expect(await report.getAttribute('data-status')).toBe('ok');
}

/** Clicks the commit button (or "try again") and returns the report that follows, if the commit failed. */
async function confirm(page: Page, button: RegExp) {
  await page.evaluate(() => document.querySelectorAll('[data-testid="import-report"]').forEach((e) => e.setAttribute('data-old', '1')));
  await page.getByRole('button', { name: button }).click();
}
async function failure(page: Page): Promise<string> {
  const report = page.locator('[data-testid="import-report"][data-status="error"]:not([data-old])');
  await report.waitFor({ timeout: 60000 });
  return report.locator('[role="alert"]').innerText();
}

describe('data loss', () => {
  test('no room to save (a refused transaction, a put that throws): nothing changes, the message says so in FR and EN, a later import works', async () => {
    const { page, errors, close } = await open();
    // A real quota, small enough for a tiny file but not for a 300 KB one. Chromium applies it only if it is set
    // before the origin first opens IndexedDB; lifting it applies at once.
    const cdp = await page.context().newCDPSession(page);
    const origin = new URL(appUrl()).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 100 * 1024 });
    await goData(page);
    await analyse(page, 'base.csv', toCsv(BASE));
    await confirm(page, /^Importer 2 lignes/);
    await page.waitForSelector('[data-dataset="base"][data-rows="2"][data-active="true"]');
    const committed = { datasets: [...DEFAULTS, 'base:2:true'], rows: DEFAULT_ROWS + 2, stored: ['base:2'] };
    await expectState(page, committed);
    expect(JSON.parse((await marker(page)) ?? '{}')).toEqual({ ids: ['base'] });

    // Over the quota: the browser aborts the transaction with QuotaExceededError.
    await analyse(page, 'trop.csv', toCsv(MEDIUM));
    await confirm(page, /^Importer 1[\s\u202f]?443 lignes/);
    const refused = await failure(page);
    expect(await page.evaluate(() => window.__dl.aborts)).toEqual(['QuotaExceededError']);
    expect(refused).toMatch(/^Import non enregistré : le navigateur manque de place/);
    expect(refused).toContain('Rien n’a été modifié');
    await expectState(page, committed);

    // A put that throws at once takes the same path.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.evaluate(() => (window.__dl.quota = 'throw'));
    await confirm(page, /^Réessayer$/);
    expect(await failure(page)).toMatch(/^Import non enregistré : le navigateur manque de place/);
    expect(await page.evaluate(() => window.__dl.aborts)).toEqual(['QuotaExceededError']); // thrown, not aborted
    await expectState(page, { ...committed, share: want.base });
    expect(JSON.parse((await marker(page)) ?? '{}')).toEqual({ ids: ['base'] });

    // In English; then, with room again, the same analysis is committed.
    await goData(page, '?vue=donnees&lang=en');
    await page.evaluate(() => (window.__dl.quota = 'throw'));
    await analyse(page, 'trop.csv', toCsv(MEDIUM));
    await confirm(page, /^Import 1,443 rows/);
    const en = await failure(page);
    expect(en).toMatch(/^Import not saved: the browser has no room left/);
    expect(en).toContain('Nothing was changed');
    await expectState(page, committed);
    await page.evaluate(() => (window.__dl.quota = null));
    await confirm(page, /^Try again$/);
    await page.waitForSelector(`[data-dataset="trop"][data-rows="${MEDIUM.length}"][data-active="true"]`);
    await expectState(page, { datasets: [...committed.datasets, `trop:${MEDIUM.length}:true`], rows: DEFAULT_ROWS + 2 + MEDIUM.length, stored: ['base:2', `trop:${MEDIUM.length}`] });
    expect(errors).toEqual([]);
    await close();
  });

  test('a reload during the analysis or the commit shows the data before, or the whole new dataset; a record that no longer restores is named', async () => {
    const { page, errors, close } = await open();
    await goData(page);
    const before = { datasets: DEFAULTS, rows: DEFAULT_ROWS, stored: [] };
    const big = toCsv(BIG);

    // During the analysis: the page reloads the moment the "reading" status appears.
    await page.evaluate(() => {
      new MutationObserver((_, obs) => {
        if (!document.querySelector('[data-testid="import"] .progress')) return;
        obs.disconnect();
        sessionStorage.setItem('test:reloaded', 'analysing');
        location.reload();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const loaded = page.waitForEvent('load', { timeout: 60000 });
    await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'gros.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
    await loaded;
    expect(await page.evaluate(() => sessionStorage.getItem('test:reloaded'))).toBe('analysing');
    await ready(page);
    await expectState(page, before);

    // During the commit, the IndexedDB write issued but not committed: the browser drops it.
    await analyse(page, 'gros.csv', big);
    await page.evaluate(() => (window.__dl.hold = true));
    await confirm(page, /^Importer 10[\s\u202f]?101 lignes/);
    await page.waitForFunction(() => window.__dl.holding);
    await page.reload({ waitUntil: 'commit' });
    await ready(page);
    await expectState(page, { ...before, share: want.defaults });

    // During the commit, right after the IndexedDB write (before the DuckDB swap): the stored file is replayed whole.
    await analyse(page, 'gros.csv', big);
    await page.evaluate(() => (window.__dl.reloadOnComplete = true));
    const reloaded = page.waitForEvent('load', { timeout: 60000 });
    await confirm(page, /^Importer 10[\s\u202f]?101 lignes/);
    await reloaded;
    await ready(page);
    await page.waitForSelector(`[data-dataset="gros"][data-rows="${BIG.length}"]`, { timeout: 60000 });
    await expectState(page, { datasets: [...DEFAULTS, `gros:${BIG.length}:true`], rows: DEFAULT_ROWS + BIG.length, stored: [`gros:${BIG.length}`], share: want.big });
    expect(await page.locator('[role="alert"]').count()).toBe(0);

    // A stored record whose file no longer reads: the other data loads, and the page names it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open('parite-numerique');
          r.onsuccess = () => {
            const tx = r.result.transaction('imports', 'readwrite');
            const s = tx.objectStore('imports');
            const g = s.get('gros');
            g.onsuccess = () => s.put({ ...(g.result as object), bytes: new Blob(['ceci n’est pas un CSV\n']) });
            tx.oncomplete = () => {
              r.result.close();
              resolve();
            };
            tx.onabort = () => reject(tx.error);
          };
        }),
    );
    await page.reload({ waitUntil: 'commit' });
    await ready(page);
    await expect.poll(() => page.locator('[role="alert"]').count(), { timeout: 30000 }).toBe(1);
    expect(await page.locator('[role="alert"][data-testid="storage-failed"] p').innerText()).toBe('Certains imports enregistrés n’ont pas pu être rechargés : gros.');
    await expectState(page, { ...before, stored: [`gros:${BIG.length}`], share: want.defaults });
    expect(errors).toEqual([]);
    await close();
  }, 240000); // four page loads and three analyses of a 10,101-row file: sized for a loaded machine

  test('two tabs: one commits at a time, the other is told and keeps its data; each learns of the other’s commit; a stale tab never overwrites', async () => {
    const { page: a, errors, close } = await open();
    const b = await a.context().newPage();
    b.on('pageerror', (e) => errors.push(String(e)));
    await Promise.all([goData(a), goData(b, '?vue=donnees&lang=en')]);
    await analyse(a, 'onglet-a.csv', toCsv(TAB_A));
    await analyse(b, 'onglet-b.csv', toCsv(TAB_B));

    // A commits and holds the lock (its IndexedDB transaction kept open); B tries meanwhile.
    await a.evaluate(() => (window.__dl.hold = true));
    await confirm(a, /^Importer 2 lignes/);
    await a.waitForFunction(() => window.__dl.holding);
    await confirm(b, /^Import 2 rows/);
    const busy = await failure(b);
    expect(busy).toMatch(/^Another tab is importing or changing the data: this import was not saved, and nothing changed here\. Try again/);
    // (IndexedDB is not read here: A's write transaction holds the store until it commits.)
    await expectState(b, { datasets: DEFAULTS, rows: DEFAULT_ROWS });

    // A finishes; B is told that the stored data changed, and still shows what it loaded.
    await a.evaluate(() => (window.__dl.hold = false));
    await a.waitForSelector('[data-dataset="onglet_a"][data-rows="2"][data-active="true"]');
    expect(await stored(b)).toEqual(['onglet_a:2']);
    const toldB = b.locator('[data-testid="other-tab-notice"]');
    await toldB.waitFor({ timeout: 60000 });
    expect(await toldB.getAttribute('role')).toBe('status');
    expect(await toldB.innerText()).toContain('Another tab imported dataset "onglet_a". This page still shows the earlier data: reload it');
    expect(await datasets(b)).toEqual(DEFAULTS);

    // B tries again: the lock is free, its own dataset commits; A is told in turn.
    await confirm(b, /^Try again$/);
    await b.waitForSelector('[data-dataset="onglet_b"][data-rows="2"][data-active="true"]');
    await expectState(b, { datasets: [...DEFAULTS, 'onglet_b:2:true'], rows: DEFAULT_ROWS + 2, stored: ['onglet_a:2', 'onglet_b:2'] });
    const toldA = a.locator('[data-testid="other-tab-notice"]');
    await toldA.waitFor({ timeout: 60000 });
    expect(await toldA.innerText()).toMatch(/^Un autre onglet a importé le jeu « onglet_b »\. Cette page montre encore les données d’avant/);

    // A, whose view predates B's commit, imports a file of the same name: a new dataset under a free id, never B's.
    await analyse(a, 'onglet-b.csv', toCsv(STALE));
    await confirm(a, /^Importer 1 lignes/);
    await a.waitForSelector('[data-dataset="onglet_b_2"][data-rows="1"][data-active="true"]', { timeout: 60000 });
    await expectState(a, { datasets: [...DEFAULTS, 'onglet_a:2:true', 'onglet_b_2:1:true'], rows: DEFAULT_ROWS + 3, stored: ['onglet_a:2', 'onglet_b:2', 'onglet_b_2:1'] });

    // Reloading from the notice shows both commits, in commit order.
    await a.getByRole('button', { name: 'Recharger la page' }).click();
    await a.waitForSelector('[data-dataset="onglet_b"]', { timeout: 90000 });
    await ready(a);
    expect(await a.locator('[data-testid="other-tab-notice"]').count()).toBe(0);
    await expectState(a, { datasets: [...DEFAULTS, 'onglet_a:2:true', 'onglet_b:2:true', 'onglet_b_2:1:true'], rows: DEFAULT_ROWS + 5, stored: ['onglet_a:2', 'onglet_b:2', 'onglet_b_2:1'], share: want.tabs });
    expect(errors).toEqual([]);
    await close();
  }, 240000); // two tabs, five commits and a reload: sized for a loaded machine

  test('IndexedDB cleared or unreadable: the defaults load and the page says the imports are gone, once, dismissible', async () => {
    const { page, errors, close } = await open();
    await goData(page);
    await analyse(page, 'efface.csv', toCsv(BASE));
    await confirm(page, /^Importer 2 lignes/);
    await page.waitForSelector('[data-dataset="efface"][data-rows="2"]');
    expect(JSON.parse((await marker(page)) ?? '{}')).toEqual({ ids: ['efface'] });

    // The database is deleted while the page is open (our connection gives way), then the page reloads.
    const deleted = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const r = indexedDB.deleteDatabase('parite-numerique');
          r.onsuccess = () => resolve('deleted');
          r.onerror = () => resolve(`error ${String(r.error)}`);
        }),
    );
    expect(deleted).toBe('deleted');
    await page.reload({ waitUntil: 'commit' });
    await ready(page);
    const lost = page.locator('[data-testid="storage-lost"]');
    await lost.waitFor();
    expect(await lost.getAttribute('role')).toBe('alert');
    expect(await lost.locator('p').innerText()).toBe(
      'Vos imports enregistrés dans ce navigateur ont disparu (efface) : le navigateur a effacé son stockage, faute de place ou à la demande. Seules les données par défaut sont affichées. Réimportez vos fichiers d’origine pour les retrouver.',
    );
    expect(await marker(page)).toBeNull();
    await expectState(page, { datasets: DEFAULTS, rows: DEFAULT_ROWS, stored: [], share: want.defaults });
    const dismiss = lost.getByRole('button', { name: 'Fermer ce message' });
    await dismiss.focus();
    await page.keyboard.press('Enter');
    await lost.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await page.reload({ waitUntil: 'commit' });
    await ready(page);
    expect(await page.locator('[data-testid="storage-lost"]').count()).toBe(0);

    // Storage that cannot be opened at all: the same fallback, in English, and the marker is kept for next time.
    await page.evaluate(() => {
      localStorage.setItem('parite-numerique:imports', JSON.stringify({ ids: ['efface'] }));
      localStorage.setItem('test:idb-broken', '1');
    });
    await goData(page, '?vue=donnees&lang=en');
    await lost.waitFor();
    expect(await lost.locator('p').innerText()).toBe('Your stored imports (efface) could not be read: browser storage is unavailable. Only the default data is shown.');
    expect(await page.getByText('Browser storage is unavailable: only the default data is shown').count()).toBe(1);
    expect(await datasets(page)).toEqual(DEFAULTS);
    await expect.poll(() => count(page)).toBe(DEFAULT_ROWS);
    expect(await marker(page)).not.toBeNull();
    expect(errors).toEqual([]);
    await close();
  });
  test('stored records the app never wrote (a default dataset’s id, unknown shapes): refused and named on every view, the defaults keep their rows, the valid ones load', async () => {
    const { page, errors, close } = await open();
    await goData(page);
    const cases = storedCases();
    // Planted as they are in tests/fixtures/hostile/cases.json (key `stored`), all at once, then the page reloads.
    await page.evaluate(
      (planted: Pick<StoredCase, 'record' | 'bytes_as'>[]) =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open('parite-numerique');
          r.onsuccess = () => {
            const tx = r.result.transaction(['imports', 'settings'], 'readwrite');
            // The setting of default datasets switched off, naming an import: not the setting's to switch off.
            tx.objectStore('settings').put(['import_valide'], 'inactive-defaults');
            for (const { record, bytes_as } of planted) {
              const { bytes, ...rest } = record;
              const data = new TextEncoder().encode(String(bytes));
              tx.objectStore('imports').put(bytes === undefined ? rest : { ...rest, bytes: bytes_as === 'arraybuffer' ? data.buffer : new Blob([data]) });
            }
            tx.oncomplete = () => {
              r.result.close();
              resolve();
            };
            tx.onabort = () => reject(tx.error);
          };
          r.onerror = () => reject(r.error);
        }),
      cases.map((c) => ({ record: c.record, bytes_as: c.bytes_as })),
    );
    const valid = cases.filter((c) => c.expect.outcome === 'restored').map((c) => `${String(c.record['id'])}:2:true`);
    const named = cases.flatMap((c) => (c.expect.named ? [c.expect.named] : [])).sort();
    expect(valid).toHaveLength(2);
    expect(named).toEqual(expect.arrayContaining(['illustratif', 'eurostat_tic', 'cle_inconnue', '42']));
    const namedIn = async (lang: 'fr' | 'en') => {
      const text = await page.locator('[data-testid="storage-failed"][role="alert"] p').innerText({ timeout: 30000 });
      const m = (lang === 'fr' ? /^Certains imports enregistrés n’ont pas pu être rechargés : (.*)\.$/ : /^Some stored imports could not be reloaded: (.*)\.$/).exec(text);
      expect(m, text).not.toBeNull();
      return (m?.[1] ?? '').split(', ').sort();
    };

    await page.reload({ waitUntil: 'commit' });
    await ready(page);
    // The defaults keep their 700, 38 and 70 rows (the illustrative ones stay illustrative); the two valid records load beside them, active.
    await expectState(page, { datasets: [...DEFAULTS, ...valid], rows: DEFAULT_ROWS + 4, share: want.defaults });
    expect(await page.locator('[data-testid="illustrative-notice"]').count()).toBe(1);
    expect(await namedIn('fr')).toEqual(named);
    // Refused, not deleted: the records stay in IndexedDB (« Revenir aux données par défaut » deletes them).
    expect((await stored(page)).length).toBe(cases.length);

    // On the overview too, and in English.
    await page.goto(appUrl('?lang=en'), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="kpi"]`, { timeout: 90000 });
    expect(await namedIn('en')).toEqual(named);
    expect(await page.locator('[data-testid="illustrative-notice"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });
});
