import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openFixtureDb } from '../helpers/fixture-db';
import { runQuery } from '../../src/data/client';
import type { Connector } from '../../src/data/connector';
import { measuresQuery, MeasureRow, regionValueQuery } from '../../src/data/sql/measures';
import { rankingQuery, RankingRow } from '../../src/data/sql/ranking';
import { trendQuery, TrendRow } from '../../src/data/sql/trend';
import { paceOf } from '../../src/data/sql/pace';
import { pipelineQuery, PipelineRow } from '../../src/data/sql/pipeline';
import { refreshMeasures } from '../../src/data/sql/schema';

// Hand-made rows. emploi_numerique: 31 and 34 have counts, 48 is secret; 31 rises 2 points a year.
// sup_numerique: 34 has only a published share, so the région cannot be summed.
// emploi_technique: 31 falls, 34 is already above parity, 48 has two points only.
const ROWS = [
  '31,2021,emploi_numerique,240,760,1000,,,',
  '31,2022,emploi_numerique,260,740,1000,,,',
  '31,2023,emploi_numerique,280,720,,,,',
  '31,2024,emploi_numerique,300,,1000,,,',
  '34,2023,emploi_numerique,20,80,100,,,',
  '34,2024,emploi_numerique,50,50,100,,,',
  '48,2024,emploi_numerique,,,,,secret,',
  'FR,2024,emploi_numerique,,,,23.6,,',
  '31,2022,sup_numerique,150,450,600,,,',
  '34,2022,sup_numerique,,,,20,,',
  '31,2020,emploi_technique,300,700,1000,,,',
  '31,2021,emploi_technique,290,710,1000,,,',
  '31,2022,emploi_technique,280,720,1000,,,',
  '34,2021,emploi_technique,520,480,1000,,,',
  '34,2022,emploi_technique,550,450,1000,,,',
  '34,2023,emploi_technique,560,440,1000,,,',
  '48,2021,emploi_technique,10,90,100,,,',
  '48,2022,emploi_technique,12,88,100,,,',
];

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openFixtureDb(ROWS);
});
afterAll(() => db.close());

const close = (a: number | null | undefined, b: number, digits = 6) => {
  expect(a).not.toBeNull();
  expect(a).toBeCloseTo(b, digits);
};

describe('share of women, gap to parity, parity index', () => {
  const cases: { t: string; year: number; part: number | null; gap: number | null; index: number | null; low: boolean; raison: string | null }[] = [
    // from femmes and total; hommes derived as total − femmes
    { t: '31', year: 2024, part: 30, gap: 20, index: 300 / 700, low: false, raison: null },
    // from femmes and hommes, no total
    { t: '31', year: 2023, part: 28, gap: 22, index: 280 / 720, low: false, raison: null },
    // small count: 50 women < 200
    { t: '34', year: 2024, part: 50, gap: 0, index: 1, low: true, raison: null },
    // published share only
    { t: 'FR', year: 2024, part: 23.6, gap: 26.4, index: 23.6 / 76.4, low: false, raison: null },
    // secret: NULL with its status, never zero
    { t: '48', year: 2024, part: null, gap: null, index: null, low: false, raison: 'secret' },
  ];
  test.each(cases)('$t $year', async (c) => {
    const [row] = await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', annee: c.year, territoires: [c.t] }), MeasureRow);
    expect(row).toBeDefined();
    if (c.part === null) expect(row?.part).toBeNull();
    else close(row?.part, c.part);
    if (c.gap === null) expect(row?.ecart_parite).toBeNull();
    else close(row?.ecart_parite, c.gap);
    if (c.index === null) expect(row?.indice_parite).toBeNull();
    else close(row?.indice_parite, c.index);
    expect(row?.faible_fiabilite).toBe(c.low);
    expect(row?.raison).toBe(c.raison);
  });

  test('a secret cell keeps its status and NULL counts', async () => {
    const [row] = await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', annee: 2024, territoires: ['48'] }), MeasureRow);
    expect(row?.statut).toBe('secret');
    expect(row?.femmes).toBeNull();
    expect(row?.effectif).toBeNull();
  });
});

describe('région from its départements counts', () => {
  test('sums counts, which differs from the mean of shares', async () => {
    const [row] = await runQuery(db, regionValueQuery({ region: '76', indicateur: 'emploi_numerique', annee: 2024 }), MeasureRow);
    // (300 + 50) / (1000 + 100) = 31.818…%, while the mean of the shares 30 % and 50 % would be 40 %.
    close(row?.part, (350 / 1100) * 100);
    expect(row?.part).not.toBeCloseTo(40, 1);
    expect(row?.femmes).toBe(350);
    expect(row?.effectif).toBe(1100);
    expect(row?.n_departements).toBe(3);
    expect(row?.n_manquants).toBe(1); // Lozère is secret
    expect(row?.origine).toBe('calcul_departements');
  });

  test('is n/a with a reason when a département has only a share', async () => {
    const [row] = await runQuery(db, regionValueQuery({ region: '76', indicateur: 'sup_numerique', annee: 2022 }), MeasureRow);
    expect(row?.part).toBeNull();
    expect(row?.raison).toBe('parts_seules');
  });
});

describe('sources of a région, and which dataset wins a key', () => {
  // A second database: the same région with sources that differ by département, and a second dataset that gives
  // some of the same keys. The refresh takes a shortcut for indicators only one dataset gives (no priority window)
  // and for groups whose départements all name one source: these tests pin what it must still give.
  let db2: Connector & { close(): void };
  beforeAll(async () => {
    db2 = await openFixtureDb([
      '31,2024,emploi_numerique,300,700,1000,,,Insee',
      '34,2024,emploi_numerique,50,50,100,,,Dares',
      '48,2024,emploi_numerique,5,5,10,,,Insee',
      '31,2023,emploi_numerique,280,720,1000,,,Insee',
      '34,2023,emploi_numerique,40,60,100,,,Insee',
      '31,2022,emploi_numerique,280,720,1000,,,',
      '34,2022,emploi_numerique,40,60,100,,,',
      '31,2024,nsi_lycee,30,70,100,,,',
      '34,2024,nsi_lycee,30,70,100,,,',
    ]);
    await db2.exec(`INSERT INTO jeux (id, nom_fr, nom_en, origine, source, source_en, licence, licence_en, derniere_maj, illustratif, priorite, actif) VALUES ('zz_haut', 'Haut', 'High', 'import', 's', 's', 'l', 'l', NULL, FALSE, 5, TRUE), ('aa_egal', 'Égal', 'Equal', 'import', 's', 's', 'l', 'l', NULL, FALSE, 1, TRUE);
      INSERT INTO observations_base VALUES ('zz_haut', '31', 2024, 'nsi_lycee', 40, 60, 100, NULL, NULL, 'Haut'), ('aa_egal', '34', 2024, 'nsi_lycee', 45, 55, 100, NULL, NULL, 'Égal'),
        ('aa_egal', '31', 2021, 'nsi_lycee', 10, 90, 100, NULL, NULL, 'Égal');`);
    await refreshMeasures(db2);
  });
  afterAll(() => db2.close());
  const region = async (indicateur: string, annee: number) => (await runQuery(db2, regionValueQuery({ region: '76', indicateur, annee }), MeasureRow))[0];

  test('the région names its départements\' distinct sources, in order, or none', async () => {
    expect((await region('emploi_numerique', 2024))?.source).toBe('Dares ; Insee');
    expect((await region('emploi_numerique', 2023))?.source).toBe('Insee');
    expect((await region('emploi_numerique', 2022))?.source).toBeNull();
  });

  test('the higher priority wins a key; at equal priority, the first dataset by id', async () => {
    const at = async (t: string, a: number) => (await db2.query({ sql: `SELECT jeu, femmes FROM mesures WHERE indicateur = 'nsi_lycee' AND territoire = ? AND annee = ?`, params: [t, a] })).map((r) => [r['jeu'], r['femmes']]);
    expect(await at('31', 2024)).toEqual([['zz_haut', 40]]);
    expect(await at('34', 2024)).toEqual([['aa_egal', 45]]); // priority 1 each: 'aa_egal' < 'test'
    expect(await at('31', 2021)).toEqual([['aa_egal', 10]]);
    expect((await region('nsi_lycee', 2024))?.femmes).toBe(85);
    // emploi_numerique, given by one dataset only, keeps every row.
    expect((await runQuery(db2, measuresQuery({ indicateur: 'emploi_numerique' }), MeasureRow)).filter((r) => r.origine === 'observe')).toHaveLength(7);
  });

  test('the stored values are the rows v_observations retains, and the datasets they come from are listed', async () => {
    const q = async (sql: string) => (await db2.query({ sql, params: [] })).map((r) => JSON.stringify(r));
    const cols = 'jeu, territoire, annee, indicateur, femmes, hommes, total, part_femmes, statut, source, illustratif';
    const observed = await q(`SELECT ${cols} FROM valeurs WHERE origine = 'observe' ORDER BY ALL`);
    // A retained row is measured as it is, unless its région is computed from its départements' counts.
    const retained = await q(`SELECT ${cols} FROM v_observations v WHERE NOT EXISTS (SELECT 1 FROM valeurs c WHERE c.origine = 'calcul_departements'
      AND NOT c.parts_seules AND c.territoire = v.territoire AND c.annee = v.annee AND c.indicateur = v.indicateur) ORDER BY ALL`);
    expect(observed.length).toBeGreaterThan(5);
    expect(observed).toEqual(retained);
    expect(await q('SELECT jeu, indicateur FROM jeux_indicateurs ORDER BY ALL')).toEqual(await q('SELECT DISTINCT jeu, indicateur FROM v_observations ORDER BY ALL'));
    // The lower-priority dataset's row on a key the higher one gives is not shown, and not cited for it.
    expect(await q("SELECT jeu FROM valeurs WHERE indicateur = 'nsi_lycee' AND territoire = '31' AND annee = 2024")).toEqual([JSON.stringify({ jeu: 'zz_haut' })]);
  });
});

describe('ranking and rank change', () => {
  test('2024 against 2023', async () => {
    const rows = await runQuery(db, rankingQuery({ region: '76', indicateur: 'emploi_numerique', annee: 2024 }), RankingRow);
    expect(rows.map((r) => [r.territoire, r.rang, r.rang_precedent, r.evolution_rang, r.raison])).toEqual([
      ['34', 1, 2, 1, null], // 50 % (2023: 20 %, second)
      ['31', 2, 1, -1, null], // 30 % (2023: 28 %, first)
      ['48', null, null, null, 'secret'],
    ]);
  });
});

describe('trend slope and projected parity year', () => {
  const cases: { t: string; slope: number | null; status: string; year: number | null }[] = [
    // 24, 26, 28, 30 % over 2021–2024: 2 points a year, 20 points to go → 2034
    { t: '31', slope: 2, status: 'projetee', year: 2034 },
    { t: '34', slope: 2.5, status: 'projetee', year: 2024 + Math.ceil(50 / 2.5) },
    { t: '48', slope: null, status: 'insuffisant', year: null },
  ];
  test.each(cases)('emploi_numerique / emploi_technique $t', async (c) => {
    if (c.t === '48') {
      const [row] = await runQuery(db, trendQuery({ indicateur: 'emploi_technique', territoires: ['48'] }), TrendRow);
      expect(row?.n_points).toBe(2);
      expect(row?.pente).toBeNull();
      expect(row?.statut_parite).toBe('insuffisant');
      return;
    }
    if (c.t === '34') {
      // 34 is above parity on emploi_technique: reached in its latest year
      const [row] = await runQuery(db, trendQuery({ indicateur: 'emploi_technique', territoires: ['34'] }), TrendRow);
      close(row?.pente, 2); // 52, 55, 56 → slope 2
      expect(row?.statut_parite).toBe('atteinte');
      expect(row?.annee_parite).toBe(2023);
      return;
    }
    const [row] = await runQuery(db, trendQuery({ indicateur: 'emploi_numerique', territoires: [c.t] }), TrendRow);
    close(row?.pente, c.slope ?? 0);
    expect(row?.statut_parite).toBe(c.status);
    expect(row?.annee_parite).toBe(c.year);
  });

  test('a falling share is "not at this pace"', async () => {
    const [row] = await runQuery(db, trendQuery({ indicateur: 'emploi_technique', territoires: ['31'] }), TrendRow);
    close(row?.pente, -1);
    expect(row?.statut_parite).toBe('pas_a_ce_rythme');
    expect(row?.annee_parite).toBeNull();
  });

  test('the window limits the points', async () => {
    const [row] = await runQuery(db, trendQuery({ indicateur: 'emploi_numerique', territoires: ['31'], debut: 2022, fin: 2023 }), TrendRow);
    expect(row?.n_points).toBe(2);
    expect(row?.fin).toBe(2023);
  });

  test('the région trend uses its computed values', async () => {
    // région 2023: (280 + 20) / (1000 + 100) = 27.27 %; 2024: 31.82 %; 2021–2022 only 31 → 24 %, 26 %
    const [row] = await runQuery(db, trendQuery({ indicateur: 'emploi_numerique', territoires: ['76'] }), TrendRow);
    expect(row?.n_points).toBe(4);
    close(row?.part_fin, (350 / 1100) * 100);
  });
});

describe('required pace to a target', () => {
  test('50 % by 2030 from 30 % in 2024', async () => {
    const [tr] = await runQuery(db, trendQuery({ indicateur: 'emploi_numerique', territoires: ['31'] }), TrendRow);
    const row = paceOf(tr, { cible: 50, anneeCible: 2030 });
    close(row?.gain_requis, 20 / 6);
    close(row?.gain_observe, 2);
    expect(row?.cible_atteinte).toBe(false);
  });
  test('no required pace when the target year has passed', async () => {
    const [tr] = await runQuery(db, trendQuery({ indicateur: 'emploi_numerique', territoires: ['31'] }), TrendRow);
    const row = paceOf(tr, { cible: 50, anneeCible: 2024 });
    expect(row?.gain_requis).toBeNull();
  });
});

describe('pipeline', () => {
  test('latest year per stage, absent stages listed', async () => {
    const rows = await runQuery(db, pipelineQuery({ territoire: '31' }), PipelineRow);
    const byId = Object.fromEntries(rows.map((r) => [r.indicateur, r]));
    expect(rows.map((r) => r.indicateur)).toEqual([
      'nsi_lycee', 'nsi_premiere', 'sup_numerique', 'formation_numerique', 'emploi_numerique', 'emploi_technique', 'demandeurs_numerique', 'specialistes_tic',
    ]);
    expect(byId['sup_numerique']?.annee).toBe(2022);
    close(byId['sup_numerique']?.part, 25);
    expect(byId['emploi_numerique']?.annee).toBe(2024);
    expect(byId['emploi_technique']?.annee).toBe(2022);
    close(byId['emploi_technique']?.part, 28);
    expect(byId['nsi_lycee']?.raison).toBe('absent');
    expect(byId['nsi_premiere']?.raison).toBe('absent');
  });
  test('up to a chosen year', async () => {
    const rows = await runQuery(db, pipelineQuery({ territoire: '31', annee: 2022 }), PipelineRow);
    const emploi = rows.find((r) => r.indicateur === 'emploi_numerique');
    expect(emploi?.annee).toBe(2022);
    close(emploi?.part, 26);
  });
});

describe('every builder is valid SQL for DuckDB', () => {
  const queries = {
    measuresQuery: measuresQuery({ indicateur: 'x', annee: 2020, territoires: ['31', '34'] }),
    regionValueQuery: regionValueQuery({ region: '76', indicateur: 'x' }),
    rankingQuery: rankingQuery({ region: '76', indicateur: 'x', annee: 2020 }),
    trendQuery: trendQuery({ indicateur: 'x', territoires: ['76'], debut: 2015, fin: 2024 }),
    pipelineQuery: pipelineQuery({ territoire: '76', annee: 2020 }),
  };
  test.each(Object.entries(queries))('%s runs through EXPLAIN', async (_name, q) => {
    // EXPLAIN binds and plans the statement without running it, so a typo or a wrong column fails here.
    const plan = await db.query({ sql: `EXPLAIN ${q.sql}`, params: q.params });
    expect(plan.length).toBeGreaterThan(0);
  });
});
