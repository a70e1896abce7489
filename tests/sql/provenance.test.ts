import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector, RawRow } from '../../src/data/connector';
import { loadOverview } from '../../src/features/overview/model';
import { loadTerritory, queryTerritory } from '../../src/features/territory/model';
import { answerKey, AnswerFile, encodeAnswers, replayConnector } from '../../src/features/territory/precomputed';
import { snapshotCsv } from '../../src/snapshot/to-csv';

/**
 * On the default data (real DEPP NSI figures, illustrative figures for the other indicators), against real DuckDB:
 * each value of a chart says whether it is real, and a territory page replayed from build-time answers is the page
 * DuckDB gives.
 */
let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db?.close());

const now = new Date('2026-12-04T00:00:00Z');
const args = { lang: 'fr' as const, code: '34', indicateur: 'nsi_lycee', cible: 50, anneeCible: 2030, permalink: 'https://exemple.fr/?vue=territoire&territoire=34', now };

describe('provenance on every figure (issue 19 point 4)', () => {
  test('a chart by indicator flags NSI (DEPP) real and the other indicators illustrative, and its note names only those', async () => {
    const page = await loadTerritory(db, args);
    const comparison = page.charts?.comparison;
    if (!comparison) throw new Error('no comparison chart');
    const shown = comparison.series.flatMap((s) => s.points.filter((p) => p.y !== null).map((p) => [String(p.x), p.flags?.illustratif]));
    expect(shown.filter(([x]) => x === 'nsi_lycee').map(([, f]) => f)).toEqual([false, false, false]);
    expect(shown.filter(([x]) => x === 'emploi_numerique').map(([, f]) => f)).toEqual([true, true, true]);
    const note = comparison.notes.find((n) => n.startsWith('Données illustratives'));
    expect(note).toMatch(/^Données illustratives, non officielles : .*emplois/i);
    expect(note).not.toMatch(/NSI/);
    const csv = snapshotCsv(comparison).split('\r\n');
    const nsi = csv.filter((l) => l.includes(',nsi_lycee,'));
    expect(nsi.length).toBe(3);
    for (const l of nsi) {
      expect(l).toMatch(/,reelle,/);
      expect(l).toMatch(/DEPP/);
      expect(l).not.toMatch(/illustratives générées/i);
    }
    for (const l of csv.filter((x) => x.includes(',emploi_numerique,'))) expect(l).toMatch(/,illustrative,.*illustratives/i);
  });

  test('a real indicator\'s overview has no illustrative value or note, in the charts or their CSV', async () => {
    const model = await loadOverview(db, { lang: 'fr', indicateur: 'nsi_lycee', cible: 50, anneeCible: 2030, permalink: '', now });
    const charts = model.charts;
    if (!charts) throw new Error('no charts');
    for (const s of [charts.kpi, charts.map, charts.ranking, charts.trend]) {
      const flags = s.series.filter((x) => x.role !== 'projection').flatMap((x) => x.points.filter((p) => p.y !== null).map((p) => p.flags?.illustratif));
      expect(flags.length).toBeGreaterThan(0);
      expect(new Set(flags)).toEqual(new Set([false]));
      expect(snapshotCsv(s)).not.toMatch(/,illustrative,|Données illustratives/);
    }
  });
});

/**
 * The answers DuckDB gives a territory page, recorded by a fresh connector (the catalogue is read once per
 * connector) and passed through JSON, as the build's files are served.
 */
async function recordedAnswers(a: Parameters<typeof queryTerritory>[1]) {
  const seen = new Map<string, RawRow[]>();
  const recording: Connector = { ...db, query: async (q) => {
    const rows = await db.query(q);
    seen.set(answerKey(q), rows);
    return rows;
  } };
  await queryTerritory(recording, a);
  return AnswerFile.parse(JSON.parse(JSON.stringify(encodeAnswers(seen))));
}

describe('territory pages from build-time answers (issue 20 point 6)', () => {
  test('the page replayed from the recorded answers equals the page DuckDB gives, in both languages', async () => {
    for (const a of [args, { ...args, code: '12', indicateur: 'sup_numerique', annee: 2021 }]) {
      const file = await recordedAnswers(a);
      const replayed = await loadTerritory(replayConnector([file]), a);
      const live = await loadTerritory(db, a);
      expect(replayed.byLang).toEqual(live.byLang);
      expect(replayed.quality).toEqual(live.quality);
      expect(replayed.illustrative).toEqual(live.illustrative);
    }
  });
  test('the answers recorded at the default target stand for any other target (the pace is derived from the trend)', async () => {
    const file = await recordedAnswers(args);
    const other = { ...args, cible: 37, anneeCible: 2027 };
    const replayed = await loadTerritory(replayConnector([file]), other);
    const live = await loadTerritory(db, other);
    expect(replayed.byLang).toEqual(live.byLang);
    const pace = (m: typeof live) => m.byLang?.fr.kpi.kpis?.find((k) => k.id === 'rythme_requis');
    expect(pace(replayed)?.label).toContain('2027');
    expect(pace(replayed)?.numeric).not.toEqual(pace(await loadTerritory(db, args))?.numeric);
  });
  test('a statement the build did not answer fails (the page then waits for DuckDB), it is never answered empty', async () => {
    await expect(loadTerritory(replayConnector([{ v: 1, a: [] }]), args)).rejects.toThrow(/no build-time answer/);
  });
});
