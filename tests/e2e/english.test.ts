import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appUrl, launch, openPage, READY } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * French words that must not appear in an English page. Place names (Hérault, Pyrénées-Orientales, Occitanie),
 * proper names (Licence Ouverte) and the names publishers give their files are not in the list; « Source : » is
 * French by its space before the colon. Links are left out of the text scanned (their parameters are French codes).
 */
const FRENCH = [
  /\blignes?\b/i, /\bdonnées\b/i, /\bjeux?\b/i, /\bfemmes\b/i, /\bhommes\b/i, /\billustratives\b/i, /\billustratif\b/i, /\bFermer\b/,
  /\bTélécharger\b/i, /\bSources?\s:/, /\bTerritoire\b/, /\bAnnée\b/i, /\bannee\b/, /\bIndicateur\b/i, /\bpart_femmes\b/, /\bstatut\b/i,
  /\bmétiers\b/i, /\bemplois?\b/i, /\bréel\b/i, /\bTous\b/, /\bPrécédent\b/, /\bSuivant\b/, /\bmise à jour\b/i,
  /\bfaible fiabilité\b/i, /\bsecret statistique\b/i, /\bCopier\b/, /\bfrançais\b/, /\bselon\b/i, /\bintégration\b/i, /\bTrier\b/,
  /\bsur\s\d/, /\brecensement\b/i, /\bélèves\b/i, /\bspécialité\b/i, /\bGénéré\b/i, /\bVoir\b/,
];

/** Each French word found in a text, with a few characters around it. */
function frenchIn(raw: string): string[] {
  const text = raw.replace(/<script>[\s\S]*?<\/script>/g, ' ').replace(/https?:\/\/[^\s"<>]+/g, ' ');
  return FRENCH.flatMap((re) => {
    const m = re.exec(text);
    return m ? [`${m[0]} « …${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ')}… »`] : [];
  });
}

/** The text a reader sees: the page's rendered text, and the values of its form fields but the ones named. */
const visibleText = (page: Page, root: string, except: string[] = []) =>
  page.evaluate(({ root, except }) => {
    const el = document.querySelector(root) as HTMLElement | null;
    if (!el) return '';
    const fields = [...el.querySelectorAll('input:not([type=checkbox]), textarea, select')].filter((f) => !except.includes(f.getAttribute('data-testid') ?? ''))
      .map((f) => (f instanceof HTMLSelectElement ? [...f.options].map((o) => o.text).join(' ') : (f as HTMLInputElement).value));
    return `${el.innerText}\n${fields.join('\n')}`;
  }, { root, except });

describe('English everywhere with ?lang=en', () => {
  test('the data view (datasets, coverage, the observations table and its filters, an import report with problems) has no French word', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl('?vue=donnees&lang=en'), { waitUntil: 'commit' });
    await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 90000 });
    await page.waitForSelector('[data-testid="coverage"]', { timeout: 60000 });
    await expect.poll(async () => Number(await page.locator('[data-testid="observations-count"]').getAttribute('data-total')), { timeout: 60000 }).toBeGreaterThan(25);
    await page.waitForFunction(() => [...document.querySelectorAll('td[data-col="territoire"]')].some((td) => / \D/.test(td.textContent ?? '')), null, { timeout: 30000 });
    // A file with problems (English headers, as an English-speaking analyst writes them), so that the report lists
    // problem codes and their titles.
    const csv = 'territory,year,indicator,women,men,total\n34,2024,emploi_numerique,-5,10,5\n99,20x4,emploi_numerique,1,2,3\n';
    await page.locator('[data-testid="import"] input[type=file]').first().setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('[data-testid="import-report"][data-status]').waitFor({ timeout: 60000 });
    await page.$$eval('[data-testid="import-report"] details', (els) => els.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const text = await visibleText(page, 'main');
    expect(text).toMatch(/\bof \d[\d,]* rows\b/);
    expect(frenchIn(text)).toEqual([]);
    await close();
  });

  test('the share dialog has no French word but the French alt text, which comes after the English one', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(appUrl('?lang=en'), { waitUntil: 'commit' });
    await page.waitForSelector(`${READY}[data-chart="ranking"]`, { timeout: 90000 });
    await page.locator('[data-chart="ranking"] [data-testid="share"]').click();
    const dialog = page.locator('dialog[open]');
    await expect.poll(() => dialog.locator('[data-testid="embed-code"]').inputValue()).toMatch(/<iframe/);
    const text = await visibleText(page, 'dialog[open]', ['alt-fr']);
    expect(frenchIn(text)).toEqual([]);
    const order = await dialog.locator('textarea[data-testid^="alt-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(order).toEqual(['alt-en', 'alt-fr']);
    await close();
  });
});
