import { describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { importCatalogue } from '../helpers/catalogue';
import { embedCases } from '../helpers/embed-cases';
import { generateShare } from '../../scripts/hostile-corpus.mjs';
import { runImport } from '../../src/data/import/run';
import { rowsToCsv, stageCsv, swapIn } from '../../src/data/import/commit';
import { datasetIdFor } from '../../src/data/import/stored';
import { loadOverview } from '../../src/features/overview/model';
import { loadTerritory } from '../../src/features/territory/model';
import { ChartSnapshot } from '../../src/snapshot/schema';
import { decodeSnapshot, encodeSnapshot } from '../../src/snapshot/codec';
import { sourceCredit } from '../../src/snapshot/credits';
import { stripBidi } from '../../src/lib/bidi';

const cat = importCatalogue();
const cases = embedCases().filter((c) => c.import);

/**
 * Valid imports whose charts once made « Partager » throw a $ZodError (issue 17, defect 5): each file is imported
 * into a real DuckDB as the app commits it, then every chart of the overview and of a territory page, in both
 * languages, is built by the app's own models, parsed by the schema, encoded as the share dialog does and decoded
 * back as the embed does.
 */
describe('share cases of tests/fixtures/hostile/cases.json: a valid import, then every chart encodes', () => {
  test.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const spec = c.import;
    if (!spec) throw new Error('an import case');
    const db = await openDefaultDb();
    try {
      const r = runImport(generateShare(spec.file), cat, { fileName: spec.file });
      expect(r.errors).toBe(0);
      expect(r.rows.length).toBeGreaterThan(0);
      // As the app commits it (src/data/import/session.ts): the dataset cites its first three sources, joined.
      const sources = [...new Set(r.rows.map((x) => x.source).filter((x): x is string => Boolean(x)))].slice(0, 3);
      await stageCsv(db, rowsToCsv(r.rows));
      // As the report's identity starts for a canonical file: no date and no licence are made up.
      await swapIn(db, { id: datasetIdFor(spec.file), nom: spec.file, source: sources.join(' ; ') || spec.file, licence: '', priorite: 10, actif: true, derniere_maj: null });

      const common = { indicateur: spec.indicateur, cible: 50, anneeCible: 2030, now: new Date('2026-11-29T10:00:00Z') };
      const overview = await loadOverview(db, { ...common, lang: 'fr', territoires: spec.territoires, permalink: `https://tableau.example/?indicateur=${spec.indicateur}` });
      const territory = await loadTerritory(db, { ...common, lang: 'fr', code: '31', permalink: 'https://tableau.example/?vue=territoire&territoire=31' });
      const charts = [overview.byLang, territory.byLang].flatMap((b) => (b ? [...Object.values(b.fr), ...Object.values(b.en)] : []));
      expect(charts.length).toBe(2 * (5 + 4));
      for (const s of charts) {
        const parsed = ChartSnapshot.safeParse(s);
        expect(parsed.error?.issues ?? [], `${s.kind} ${s.lang}`).toEqual([]);
        const back = await decodeSnapshot(await encodeSnapshot(s));
        expect(back).toEqual({ ok: true, snapshot: s });
      }
      const trend = overview.byLang?.fr.trend;
      // Each source is cited whole (without bidirectional controls), however long: the import keeps 500 characters.
      for (const src of sources) expect(trend?.sources.some((x) => x.name.includes(stripBidi(src))), src.slice(0, 40)).toBe(true);
      expect(JSON.stringify(charts)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
      const ordered = c.expect?.ordered;
      if (ordered) {
        for (const s of charts.filter((x) => x.lang === 'fr')) {
          const credits = s.sources.map((x) => sourceCredit(x, 'fr')).join(' · ');
          let at = 0;
          for (const part of ordered) {
            const i = credits.indexOf(part, at);
            expect(i, `${s.kind}: ${credits}`).toBeGreaterThanOrEqual(0);
            at = i + part.length;
          }
        }
      }
      if (c.expect?.note) expect(trend?.notes).toContain(c.expect.note);
      const contains = c.expect?.note_contains;
      if (contains) expect(trend?.notes.some((x) => x.includes(contains)), trend?.notes.join('\n')).toBe(true);
    } finally {
      db.close();
    }
  }, 120000);
});
