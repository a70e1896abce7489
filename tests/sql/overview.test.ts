import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { runQuery } from '../../src/data/client';
import type { Connector } from '../../src/data/connector';
import { rankingQuery, rankingsQuery, RankingRow } from '../../src/data/sql/ranking';
import { trendQuery, trendsQuery, TrendRow } from '../../src/data/sql/trend';
import { pipelineQuery, pipelinesQuery, PipelineRow } from '../../src/data/sql/pipeline';
import { loadOverview, loadOverviews } from '../../src/features/overview/model';
import { z } from 'zod';

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

const IDS = ['nsi_lycee', 'nsi_premiere', 'sup_numerique', 'formation_numerique', 'emploi_numerique', 'emploi_technique', 'demandeurs_numerique', 'specialistes_tic'];
// Years with data and without (2030), repeated indicators, a year before every series (1995).
const JOBS = IDS.flatMap((indicateur, i) => [{ indicateur, annee: 2015 + i }, { indicateur, annee: 2022 }]).concat([{ indicateur: 'emploi_numerique', annee: 2030 }, { indicateur: 'sup_numerique', annee: 1995 }]);
const K = z.object({ k: z.number() });

describe('the order of the measures\' rows changes nothing', () => {
  // The measures' stored tables (under the views `valeurs` and `mesures`) are materialised without sorting (the
  // sort cost 0.3 to 0.5 s per refresh with 1,000,000 imported rows): every order-sensitive aggregate orders its own input.
  test('trends (and so the paces derived from them), with the rows stored in other orders', async () => {
    const jobs = IDS.map((indicateur) => ({ indicateur, territoires: ['76', 'FR', '31', '48', '09'], fin: 2024 }));
    const read = async () => ({
      trends: await runQuery(db, trendsQuery(jobs), TrendRow.and(K)),
    });
    const before = await read();
    expect(before.trends.filter((t) => t.pente !== null).length).toBeGreaterThan(10);
    const tables = ['observations_retenues', 'valeurs_calculees'];
    for (const t of tables) await db.exec(`CREATE TEMP TABLE ${t}_avant AS SELECT * FROM ${t};`);
    try {
      for (const order of ['annee DESC, territoire DESC', 'hash(territoire, annee, indicateur)', 'part_femmes, femmes DESC']) {
        for (const t of tables) await db.exec(`CREATE OR REPLACE TABLE ${t} AS SELECT * FROM ${t}_avant ORDER BY ${order};`);
        expect(await read()).toEqual(before);
      }
    } finally {
      for (const t of tables) await db.exec(`CREATE OR REPLACE TABLE ${t} AS SELECT * FROM ${t}_avant; DROP TABLE ${t}_avant;`);
    }
  });
});

describe('the overview\'s queries for several indicators at once equal the single ones', () => {
  test('rankings', async () => {
    const all = await runQuery(db, rankingsQuery({ region: '76', jobs: JOBS }), RankingRow.and(K));
    for (const [k, job] of JOBS.entries()) {
      const one = await runQuery(db, rankingQuery({ region: '76', ...job }), RankingRow);
      expect(one.length).toBe(13);
      expect(all.filter((r) => r.k === k).map(({ k: _, ...r }) => r)).toEqual(one);
    }
    expect(all.some((r) => r.rang !== null && r.evolution_rang !== null)).toBe(true);
  });
  test('trends', async () => {
    const jobs = JOBS.map((j, i) => ({ indicateur: j.indicateur, territoires: ['76', 'FR', i % 2 ? '31' : '48'], fin: j.annee }));
    const all = await runQuery(db, trendsQuery(jobs), TrendRow.and(K));
    let rows = 0;
    for (const [k, job] of jobs.entries()) {
      const one = await runQuery(db, trendQuery(job), TrendRow);
      rows += one.length;
      expect(all.filter((r) => r.k === k).map(({ k: _, ...r }) => r)).toEqual(one);
    }
    expect(rows).toBeGreaterThan(20);
  });
  test('pipelines up to several years', async () => {
    const years = [2024, 2018, 1995, 2024, 2100];
    const all = await runQuery(db, pipelinesQuery({ territoire: ['76', 'FR', '31'], annees: years }), PipelineRow.and(z.object({ jusqua: z.number() })));
    for (const y of new Set(years)) {
      const one = await runQuery(db, pipelineQuery({ territoire: ['76', 'FR', '31'], annee: y }), PipelineRow);
      expect(one.length).toBe(24); // 8 indicators × 3 territories
      expect(all.filter((r) => r.jusqua === y).map(({ jusqua: _, ...r }) => r)).toEqual(one);
    }
  });
  test('the overview models of every indicator, computed together, equal each computed alone', async () => {
    const now = new Date('2026-11-29T08:00:00Z');
    const common = { lang: 'fr' as const, cible: 40, anneeCible: 2030, now, territoires: ['31', '12'] };
    const jobs = IDS.map((indicateur) => ({ indicateur, permalink: `https://example.org/?indicateur=${indicateur}` }));
    const together = await loadOverviews(db, common, [...jobs, { indicateur: 'emploi_numerique', annee: 2019, permalink: 'p' }]);
    expect(together).toHaveLength(IDS.length + 1);
    for (const [i, job] of jobs.entries()) {
      const alone = await loadOverview(db, { ...common, ...job });
      expect(together[i]?.indicator.id).toBe(job.indicateur);
      expect(together[i]?.byLang).toEqual(alone.byLang);
      expect(together[i]?.years).toEqual(alone.years);
    }
    const older = await loadOverview(db, { ...common, indicateur: 'emploi_numerique', annee: 2019, permalink: 'p' });
    expect(together.at(-1)?.year).toBe(2019);
    expect(together.at(-1)?.byLang).toEqual(older.byLang);
    expect(together.filter((m) => m.charts !== null).length).toBeGreaterThanOrEqual(6);
  });
});
