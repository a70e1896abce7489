import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { runQuery } from '../../src/data/client';
import type { Connector } from '../../src/data/connector';
import { measuresQuery, MeasureRow } from '../../src/data/sql/measures';
import { activeSourcesQuery, IndicatorSourceRow, indicatorsQuery, IndicatorRow, scopeTerritoriesQuery, sourcesByIndicatorQuery, TerritoryRow, sourcesQuery, SourceRow, yearsQuery, YearsRow } from '../../src/data/sql/catalogue';
import { rankingQuery, RankingRow } from '../../src/data/sql/ranking';
import { pipelineQuery, PipelineRow } from '../../src/data/sql/pipeline';

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

describe('the default data in DuckDB', () => {
  test('eight indicators, in pipeline order, with the fixed ids', async () => {
    const rows = await runQuery(db, indicatorsQuery(), IndicatorRow);
    expect(rows.map((r) => r.id)).toEqual([
      'nsi_lycee', 'nsi_premiere', 'sup_numerique', 'formation_numerique', 'emploi_numerique', 'emploi_technique', 'demandeurs_numerique', 'specialistes_tic',
    ]);
  });
  test('the scope: Occitanie, its 13 départements, France and the EU', async () => {
    const rows = await runQuery(db, scopeTerritoriesQuery('76'), TerritoryRow);
    expect(rows.map((r) => r.code)).toEqual(['76', '09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82', 'FR', 'EU27_2020']);
    expect(rows.find((r) => r.code === '11')?.nom_fr).toBe('Aude'); // not Île-de-France, whose COG code is also 11
  });
  test('every territory of the COG is in the catalogue', async () => {
    const [row] = await db.query({ sql: "SELECT count(*) FILTER (WHERE type = 'departement') AS d, count(*) FILTER (WHERE type = 'region') AS r FROM territoires", params: [] });
    expect(row).toEqual({ d: 109, r: 26 });
  });
  test('the région is the sum of its départements counts', async () => {
    const [direct] = await db.query({
      sql: `SELECT sum(femmes) AS f, sum(total) AS t FROM observations
            WHERE indicateur = 'emploi_numerique' AND annee = 2024 AND territoire IN ('09','11','12','30','31','32','34','46','48','65','66','81','82')`,
      params: [],
    });
    const [region] = await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', annee: 2024, territoires: ['76'] }), MeasureRow);
    expect(region?.femmes).toBe(direct?.['f']);
    expect(region?.effectif).toBe(direct?.['t']);
    expect(region?.part).toBeCloseTo((100 * Number(direct?.['f'])) / Number(direct?.['t']), 9);
    expect(region?.illustratif).toBe(true);
  });
  test('a secret département makes the région partial, not zero', async () => {
    const [row] = await runQuery(db, measuresQuery({ indicateur: 'demandeurs_numerique', annee: 2016, territoires: ['76'] }), MeasureRow);
    expect(row?.n_manquants).toBe(1);
    expect(row?.part).not.toBeNull();
    const ranking = await runQuery(db, rankingQuery({ region: '76', indicateur: 'demandeurs_numerique', annee: 2016 }), RankingRow);
    expect(ranking.find((r) => r.territoire === '48')?.raison).toBe('secret');
    expect(ranking.filter((r) => r.rang !== null)).toHaveLength(12);
  });
  test("NSI is DEPP's real data only: terminale 2020–2022, première 2021–2022, no generated row", async () => {
    expect((await runQuery(db, yearsQuery('nsi_lycee'), YearsRow)).map((y) => y.annee)).toEqual([2022, 2021, 2020]);
    expect((await runQuery(db, yearsQuery('nsi_premiere'), YearsRow)).map((y) => y.annee)).toEqual([2022, 2021]);
    for (const id of ['nsi_lycee', 'nsi_premiere']) {
      expect((await runQuery(db, sourcesQuery(id), SourceRow)).map((s) => [s.id, s.illustratif])).toEqual([['depp_nsi', false]]);
    }
  });
  test('NSI terminale 2022: Occitanie computed from its départements, France and Haute-Garonne as published', async () => {
    const rows = await runQuery(db, measuresQuery({ indicateur: 'nsi_lycee', annee: 2022, territoires: ['76', 'FR', '31'] }), MeasureRow);
    const at = (t: string) => rows.find((r) => r.territoire === t);
    expect([at('76')?.femmes, at('76')?.effectif, at('76')?.illustratif]).toEqual([220, 1496, false]);
    expect(at('76')?.part).toBeCloseTo(14.7, 1);
    expect([at('FR')?.femmes, at('FR')?.effectif]).toEqual([2674, 18030]);
    expect([at('31')?.femmes, at('31')?.effectif]).toEqual([61, 437]);
  });
  test('sources are the datasets that hold the indicator', async () => {
    const tic = await runQuery(db, sourcesQuery('specialistes_tic'), SourceRow);
    expect(tic.map((s) => [s.id, s.illustratif])).toEqual([['eurostat_tic', false]]);
    const emploi = await runQuery(db, sourcesQuery('emploi_numerique'), SourceRow);
    expect(emploi.map((s) => [s.id, s.illustratif, s.derniere_maj])).toEqual([['illustratif', true, '2026-11-29']]);
  });
  test('Eurostat France 2022 reads 19.0 % from its counts', async () => {
    const [row] = await runQuery(db, measuresQuery({ indicateur: 'specialistes_tic', annee: 2022, territoires: ['FR'] }), MeasureRow);
    expect(row?.part).toBeCloseTo(19.0, 1);
    expect(row?.statut).toBe('rupture');
  });
});

describe('queries merged for speed give what the single ones gave', () => {
  test('sources of every indicator in one query; pipelines of several territories in one query', async () => {
    const db = await openDefaultDb();
    const all = await runQuery(db, sourcesByIndicatorQuery(), IndicatorSourceRow);
    for (const id of ['emploi_numerique', 'specialistes_tic', 'nsi_lycee']) {
      const one = await runQuery(db, sourcesQuery(id), SourceRow);
      expect(all.filter((r) => r.indicateur === id).map(({ indicateur: _, ...r }) => r)).toEqual(one);
    }
    const active = await runQuery(db, activeSourcesQuery(), SourceRow);
    expect([...new Map(all.map(({ indicateur: _, ...r }) => [r.id, r])).values()]).toEqual(active);
    const both = await runQuery(db, pipelineQuery({ territoire: ['31', 'FR'], annee: 2022 }), PipelineRow);
    for (const code of ['31', 'FR']) {
      expect(both.filter((r) => r.territoire === code)).toEqual(await runQuery(db, pipelineQuery({ territoire: code, annee: 2022 }), PipelineRow));
    }
    db.close();
  });
});
