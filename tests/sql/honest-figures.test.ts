import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { runQuery } from '../../src/data/client';
import type { Connector } from '../../src/data/connector';
import { refreshMeasures } from '../../src/data/sql/schema';
import { measuresQuery, MeasureRow, regionValueQuery } from '../../src/data/sql/measures';
import { rankingQuery, RankingRow } from '../../src/data/sql/ranking';
import { trendQuery, TrendRow } from '../../src/data/sql/trend';
import { paceOf } from '../../src/data/sql/pace';
import { pipelineQuery, PipelineRow } from '../../src/data/sql/pipeline';
import { loadOverview } from '../../src/features/overview/model';
import { snapshotCsv } from '../../src/snapshot/to-csv';
import { loadTerritory } from '../../src/features/territory/model';
import { coverageQuery, CoverageRow, defaultYear, yearsQuery, YearsRow } from '../../src/data/sql/catalogue';
import { OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

/**
 * Issue 19: a series is either real or illustrative. Once a non-illustrative dataset gives an indicator for the
 * région's départements, no builder returns an illustrative value of that indicator, and the région's value is
 * computed from real départements only (partial when some are missing).
 */
const DEPS = OCCITANIE_DEPARTEMENTS;

/** Adds an active, non-illustrative dataset `id` with `rows` (territoire, annee, indicateur, femmes, hommes). */
async function addReal(db: Connector, id: string, rows: readonly [string, number, string, number, number][]): Promise<void> {
  const values = rows.map(([t, a, i, f, h]) => `('${id}', '${t}', ${a}, '${i}', ${f}, ${h}, ${f + h}, NULL, NULL, 'Réel')`).join(', ');
  await db.exec(`INSERT INTO jeux VALUES ('${id}', 'Réel', 'Real', 'import', 'Producteur réel', 'Real producer', 'Licence Ouverte 2.0', 'Licence Ouverte 2.0', DATE '2026-01-15', FALSE, 10, TRUE, 'Producteur réel', NULL, NULL);
    INSERT INTO observations_base VALUES ${values};`);
  await refreshMeasures(db);
}

describe('a real dataset for the départements replaces every illustrative value of its indicator', () => {
  let db: Connector & { close(): void };
  // Women 100 + i and 300 men in département i, years 2021 and 2022: the région is 13 × 300 men and 1300 + 78 women.
  const rows = DEPS.flatMap((d, i) => [2021, 2022].map((a) => [d, a, 'emploi_numerique', 100 + i, 300] as [string, number, string, number, number]));
  beforeAll(async () => {
    db = await openDefaultDb();
    await addReal(db, 'reel_emploi', rows);
  });
  afterAll(() => db.close());

  test('measures: only the real rows and the région computed from them, no other year, no illustrative row', async () => {
    const m = await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique' }), MeasureRow);
    expect(m.filter((r) => r.illustratif)).toEqual([]);
    expect([...new Set(m.map((r) => r.annee))].sort()).toEqual([2021, 2022]);
    // France had illustrative rows only: it has no value now.
    expect(m.filter((r) => r.territoire === 'FR')).toEqual([]);
    expect(new Set(m.map((r) => r.territoire))).toEqual(new Set([...DEPS, '76']));
  });

  test('région value: the sum of the real départements, complete, not illustrative', async () => {
    const r = await runQuery(db, regionValueQuery({ region: '76', indicateur: 'emploi_numerique' }), MeasureRow);
    expect(r.map((x) => [x.annee, x.femmes, x.effectif, x.n_manquants, x.illustratif])).toEqual([
      [2021, 1378, 1378 + 3900, 0, false],
      [2022, 1378, 1378 + 3900, 0, false],
    ]);
  });

  test('ranking: the real shares, nothing in a year the real data does not cover', async () => {
    const r2022 = await runQuery(db, rankingQuery({ region: '76', indicateur: 'emploi_numerique', annee: 2022 }), RankingRow);
    expect(r2022[0]?.territoire).toBe('82');
    expect(r2022[0]?.part).toBeCloseTo((100 * 112) / 412, 10);
    expect(r2022[0]?.rang_precedent).toBe(1);
    const r2024 = await runQuery(db, rankingQuery({ region: '76', indicateur: 'emploi_numerique', annee: 2024 }), RankingRow);
    expect(r2024.every((x) => x.part === null && x.raison === 'absent')).toBe(true);
  });

  test('trend and pace: over the real years only', async () => {
    const t = await runQuery(db, trendQuery({ indicateur: 'emploi_numerique', territoires: ['76', 'FR', '09'] }), TrendRow);
    expect(t.map((x) => [x.territoire, x.debut, x.fin, x.n_points])).toEqual([['09', 2021, 2022, 2], ['76', 2021, 2022, 2]]);
    const p = [paceOf(t.find((x) => x.territoire === '76'), { cible: 50, anneeCible: 2030 })];
    expect(p.map((x) => x?.fin)).toEqual([2022]);
    expect(p[0]?.part_fin).toBeCloseTo((100 * 1378) / 5278, 10);
  });

  test('pipeline: the real value in a covered year, none in a year the real data does not cover', async () => {
    const at = async (annee: number) => (await runQuery(db, pipelineQuery({ territoire: '76', annee }), PipelineRow)).find((x) => x.indicateur === 'emploi_numerique');
    const y2022 = await at(2022);
    expect([y2022?.annee, y2022?.illustratif]).toEqual([2022, false]);
    expect(y2022?.part).toBeCloseTo((100 * 1378) / 5278, 10);
    const y2024 = await at(2024);
    expect(y2024?.illustratif ?? false).toBe(false);
    expect(y2024?.part === null || y2024?.annee === 2022).toBe(true);
  });

  test('coverage: the indicator is fed by the real dataset alone, over its years', async () => {
    const rows = await runQuery(db, coverageQuery(), CoverageRow);
    expect(rows.filter((r) => r.indicateur === 'emploi_numerique').map((r) => [r.jeu, r.illustratif, r.debut, r.fin])).toEqual([['reel_emploi', false, 2021, 2022]]);
    expect(rows.filter((r) => r.indicateur === 'emploi_technique').map((r) => [r.jeu, r.illustratif])).toEqual([['illustratif', true]]);
  });

  test('other indicators keep their illustrative rows', async () => {
    const m = await runQuery(db, measuresQuery({ indicateur: 'emploi_technique', annee: 2024, territoires: ['31'] }), MeasureRow);
    expect(m.map((r) => r.illustratif)).toEqual([true]);
  });

  test('the overview opens on the latest real year, and its charts name no illustrative source', async () => {
    const model = await loadOverview(db, { lang: 'fr', indicateur: 'emploi_numerique', cible: 50, anneeCible: 2030, permalink: '', now: new Date('2026-12-01') });
    expect(model.year).toBe(2022);
    expect(model.years).toEqual([2022, 2021]);
    const charts = model.charts;
    if (!charts) throw new Error('no charts');
    for (const k of ['kpi', 'map', 'ranking', 'trend'] as const) {
      expect(charts[k].illustratif, k).toBe(false);
      expect(charts[k].sources.map((s) => s.name), k).toEqual(['Producteur réel']);
    }
  });
});

describe('a real dataset for some départements only', () => {
  let db: Connector & { close(): void };
  beforeAll(async () => {
    db = await openDefaultDb();
    await addReal(db, 'reel_partiel', ['31', '34', '30'].map((d) => [d, 2022, 'emploi_technique', 50, 150] as [string, number, string, number, number]));
  });
  afterAll(() => db.close());

  test('the région is the sum of the real départements, marked partial with how many are missing, never blended', async () => {
    const r = await runQuery(db, regionValueQuery({ region: '76', indicateur: 'emploi_technique' }), MeasureRow);
    expect(r.map((x) => [x.annee, x.femmes, x.effectif, x.n_departements, x.n_manquants, x.illustratif])).toEqual([[2022, 150, 600, 13, 10, false]]);
    const m = await runQuery(db, measuresQuery({ indicateur: 'emploi_technique' }), MeasureRow);
    expect(m.filter((x) => x.illustratif)).toEqual([]);
  });
});

describe('a real series for France only', () => {
  let db: Connector & { close(): void };
  beforeAll(async () => {
    db = await openDefaultDb();
    await addReal(db, 'reel_france', [2018, 2019, 2020].map((a) => ['FR', a, 'sup_numerique', 1000, 4000] as [string, number, string, number, number]));
  });
  afterAll(() => db.close());

  test('France is real in every year (no illustrative year joined to it); the départements stay illustrative', async () => {
    const fr = await runQuery(db, measuresQuery({ indicateur: 'sup_numerique', territoires: ['FR'] }), MeasureRow);
    expect(fr.map((r) => [r.annee, r.illustratif])).toEqual([[2018, false], [2019, false], [2020, false]]);
    const dep = await runQuery(db, measuresQuery({ indicateur: 'sup_numerique', territoires: ['31'], annee: 2024 }), MeasureRow);
    expect(dep.map((r) => r.illustratif)).toEqual([true]);
  });

  test('the overview opens on the latest year with real data', async () => {
    const model = await loadOverview(db, { lang: 'fr', indicateur: 'sup_numerique', cible: 50, anneeCible: 2030, permalink: '', now: new Date('2026-12-01') });
    expect(model.year).toBe(2020);
    expect(model.years[0]).toBe(2024);
    // The trend mixes a real series (France) with illustrative ones: its note names the illustrative ones only.
    const notes = model.charts?.trend.notes ?? [];
    const note = notes.find((n) => n.startsWith('Données illustratives'));
    expect(note).toMatch(/^Données illustratives, non officielles : .*Occitanie/);
    expect(note).not.toMatch(/France/);
    expect(model.charts?.trend.sources.map((x) => [x.name, x.illustratif])).toEqual([
      ['Producteur réel', false],
      ['Données illustratives générées, calibrées sur des chiffres publiés (Insee, DEPP, Eurostat) : ce ne sont pas des statistiques officielles', true],
    ]);
    expect(model.illustrative.types).toEqual(['departement', 'region']);
    // Its CSV export says the same.
    const csv = snapshotCsv(model.charts?.trend as NonNullable<typeof model.charts>['trend']);
    expect(csv).toContain(`# ${note ?? ''}`);
  });

  test('the territory page opens on the latest real year too', async () => {
    const years = await runQuery(db, yearsQuery('sup_numerique'), YearsRow);
    expect(years.filter((y) => y.reel).map((y) => y.annee)).toEqual([2020, 2019, 2018]);
    expect(defaultYear(years)).toBe(2020);
    const page = await loadTerritory(db, { lang: 'fr', code: '31', indicateur: 'sup_numerique', cible: 50, anneeCible: 2030, permalink: '', now: new Date('2026-12-01') });
    expect(page.charts?.comparison.title).toMatch(/2020/);
  });
});

describe('an indicator with no data for the départements', () => {
  let db: Connector & { close(): void };
  beforeAll(async () => {
    db = await openDefaultDb();
  });
  afterAll(() => db.close());

  test('the sources are written for people, never a file path', async () => {
    for (const indicateur of ['emploi_numerique', 'specialistes_tic']) {
      const model = await loadOverview(db, { lang: 'fr', indicateur, cible: 50, anneeCible: 2030, permalink: '', now: new Date('2026-12-01') });
      for (const s of Object.values(model.byLang ?? {}).flatMap((c) => Object.values(c))) {
        for (const src of s.sources) expect(src.name, `${indicateur} ${s.kind} ${s.lang}`).not.toMatch(/scripts\/|\.mjs|\.csv/);
      }
    }
  });

  test('is national only: the overview has no région charts to wait for', async () => {
    const model = await loadOverview(db, { lang: 'fr', indicateur: 'specialistes_tic', cible: 50, anneeCible: 2030, permalink: '', now: new Date('2026-12-01') });
    expect(model.national).toBe(true);
    expect(model.charts?.trend.series.map((s) => s.id).sort()).toEqual(['EU27_2020', 'FR']);
    // The sentence describes what is drawn (France), never « Aucune donnée » under two drawn lines; no projection is
    // drawn, so the title promises none.
    expect(model.charts?.trend.summary).toMatch(/^En 2022, les femmes représentent 19,0\s% des .* en France/);
    expect(model.charts?.trend.title).not.toMatch(/projection/);
    const other = await loadOverview(db, { lang: 'fr', indicateur: 'emploi_numerique', cible: 50, anneeCible: 2030, permalink: '', now: new Date('2026-12-01') });
    expect(other.national).toBe(false);
    const page = await loadTerritory(db, { lang: 'fr', code: '31', indicateur: 'specialistes_tic', cible: 50, anneeCible: 2030, permalink: '', now: new Date('2026-12-01') });
    expect(page.national).toBe(true);
    expect(page.illustrative.types).toEqual([]);
  });
});
