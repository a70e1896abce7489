import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { runImportFile, type ImportResult } from '../../src/data/import/run';
import { CanonicalRow } from '../../src/data/import/canonical';
import { checkSize, MAX_BYTES } from '../../src/data/import/guard';
import { DOC_PATH, GENERATED, SIZE_CAP, generate, withCaseTables } from '../../scripts/hostile-corpus.mjs';
import { importCatalogue } from '../helpers/catalogue';
import { HOSTILE_DIR, hostileBytes, hostileCases, type HostileCase } from '../helpers/hostile';

const cat = importCatalogue();
const cases = hostileCases();

/** The worker's entry (decompresses a gzip or ZIP file first), as the app runs it. */
function run(c: HostileCase): Promise<ImportResult> {
  return runImportFile(hostileBytes(c), cat, { fileName: c.file, ...(c.options ?? {}) });
}

/** The outcome a result stands for: any error refuses the file (nothing is committed); skipped rows make it partial. */
function outcomeOf(r: ImportResult): HostileCase['outcome'] {
  if (r.errors > 0) return 'refused';
  return r.skipped > 0 ? 'partial' : 'imported';
}

describe('hostile inputs: every case of tests/fixtures/hostile/cases.json, through runImportFile', () => {
  test.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const r = await run(c);
    const e = c.expect;
    expect(outcomeOf(r)).toBe(c.outcome);
    expect(r.problems.map((p) => [p.code, p.ligne, p.colonne])).toEqual(e.problems);
    expect(r.rows).toHaveLength(e.rows);
    expect(r.format).toBe(e.format);
    const facts = { encoding: r.encoding, bom: r.bom, delimiter: r.delimiter, header: r.header, headerLine: r.headerLine, titleRows: r.titleRows, blankRows: r.blankRows, dataRows: r.dataRows, skipped: r.skipped, unknownIndicators: r.unknownIndicators };
    for (const k of Object.keys(facts) as (keyof typeof facts)[]) {
      if (e[k] !== undefined) expect(facts[k], k).toEqual(e[k]);
    }
    // Every problem says where and what, in both languages, as one short line of text.
    for (const p of r.problems) {
      expect(p.message_fr.length).toBeGreaterThan(10);
      expect(p.message_en.length).toBeGreaterThan(10);
      expect(p.message_fr).not.toBe(p.message_en);
      expect(p.message_fr.length + p.message_en.length).toBeLessThan(1000);
      if (p.ligne !== null) {
        expect(p.message_fr).toContain(`Ligne ${p.ligne}`);
        expect(p.message_en).toContain(`Line ${p.ligne}`);
      }
      if (p.colonne !== null) {
        expect(p.message_fr).toContain(`« ${p.colonne} »`);
        expect(p.message_en).toContain(`"${p.colonne}"`);
      }
    }
    // What is returned is loadable: every row fits the schema, as read and normalised.
    for (const row of r.rows) expect(CanonicalRow.parse(row)).toEqual(row);
    const values = e.values ?? [];
    // Every row is listed, but in files of over 50,000 rows (the fast path's large cases), which list the rows in question.
    if (c.outcome !== 'refused' && r.rows.length <= 50000) expect(values).toHaveLength(r.rows.length);
    for (const want of values) {
      const got = r.rows.find((x) => x.line === want['line']);
      expect(got, `line ${String(want['line'])}`).toBeDefined();
      expect({ ...got, source_length: got?.source?.length ?? 0 }).toMatchObject(want);
    }
  }, 60000); // the large files (the fast path's cases) take seconds on a busy machine

  test('no case pollutes Object.prototype', async () => {
    for (const c of cases.filter((x) => x.id.startsWith('entetes-proto'))) await run(c);
    const probe: Record<string, unknown> = {};
    expect(probe['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  test('every committed fixture and every generator has a case, and every case a file', () => {
    const committed = readdirSync(HOSTILE_DIR).filter((f) => f !== 'cases.json').sort();
    expect(cases.filter((c) => !c.generated).map((c) => c.file).sort()).toEqual(committed);
    expect(cases.filter((c) => c.generated).map((c) => c.file).sort()).toEqual(Object.keys(GENERATED).sort());
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  test('the corpus covers each outcome, and the counts the docs state', () => {
    const n = (o: string) => cases.filter((c) => c.outcome === o).length;
    expect([cases.length, n('imported'), n('partial'), n('refused')]).toEqual([59, 25, 3, 31]);
  });
});

describe('the generated corpus', () => {
  test('is deterministic', () => {
    for (const name of Object.keys(GENERATED).filter((n) => n !== 'trop-gros.csv' && n !== 'cellule-10-mo.csv')) {
      // Compared as bytes (a deep equality walks each element: seconds for the 300 KB files).
      expect(Buffer.compare(generate(name), generate(name)), name).toBe(0);
    }
  }, 60000);
  test('the large files are the size they claim', () => {
    expect(SIZE_CAP).toBe(MAX_BYTES);
    expect(generate('trop-gros.csv').length).toBe(MAX_BYTES + 1);
    const big = generate('cellule-10-mo.csv');
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const wide = new TextDecoder().decode(generate('10000-colonnes.csv')).split('\n')[0]?.split(',');
    expect(wide).toHaveLength(10000);
  });
  test('the browser refuses a file over the cap from its size alone, saying how big in each language', () => {
    const p = checkSize(MAX_BYTES + 1);
    expect(p?.code).toBe('fichier_trop_gros');
    expect(p?.message_fr).toContain('pèse 256,1 Mo ; la limite est 256,0 Mo');
    expect(p?.message_en).toContain('is 256.1 MB; the limit is 256.0 MB');
  });
});

describe('docs/reliability.md', () => {
  test('shows the same table of cases as cases.json (regenerate with node scripts/hostile-corpus.mjs --docs)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(withCaseTables(doc, cases)).toBe(doc);
    for (const c of cases) expect(doc).toContain(`\`${c.file}\``);
  });
});
