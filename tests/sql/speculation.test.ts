import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import { declareIndicators, dropSpeculationSql, rowsToCsv, setActive, speculateMeasures, stageCsv, swapIn } from '../../src/data/import/commit';
import type { CanonicalRow } from '../../src/data/import/canonical';
import { OCCITANIE, OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

/**
 * The measures computed ahead of a commit (speculationSql) must be exactly the tables the refresh writes once the
 * same rows are swapped in, whatever the indicators of the import share with the loaded datasets: indicators no other
 * active dataset gives in the dashboard's scope, indicators the illustrative data or another import gives (priority
 * window, illustrative rows left out), rows out of scope, a dataset replaced by rows of other indicators, an inactive
 * dataset.
 */
let db: Awaited<ReturnType<typeof openDefaultDb>>;
beforeAll(async () => {
  db = await openDefaultDb();
  await declareIndicators(db, ['propre_a', 'propre_b', 'propre_c']);
});
afterAll(() => db.close());

const TABLES = { retenues: 'observations_retenues', calculees: 'valeurs_calculees', jeux: 'jeux_indicateurs' } as const;
const read = async (table: string) => db.query({ sql: `SELECT * FROM ${table} ORDER BY ALL`, params: [] });

let n = 0;
/** The rows of `indicateur` for `territoires` × `years`, counts varying by row (`seed`), as an accepted table. */
function rows(indicateur: string, territoires: readonly string[], years: readonly number[], seed: number, source = 'Analyste'): CanonicalRow[] {
  return territoires.flatMap((territoire, i) => years.map((annee, j) => {
    const total = 100 + ((seed * 31 + i * 7 + j * 13) % 900);
    const femmes = Math.floor(total * (0.1 + ((seed + i + j) % 7) / 20));
    return { line: 2, territoire, annee, indicateur, femmes, hommes: total - femmes, total, part_femmes: null, statut: null, source };
  }));
}

/** Speculates on `accepted` as dataset `id` (priority `priorite`), swaps it in, and compares every measure table. */
async function sameAsRefresh(id: string, accepted: readonly CanonicalRow[], priorite: number): Promise<void> {
  const table = `accepte_${++n}`;
  await stageCsv(db, rowsToCsv(accepted));
  await db.exec(`CREATE TEMP TABLE ${table} AS SELECT * FROM preparation`);
  const prefix = `${table}_mesures_`;
  expect(await speculateMeasures(db, id, table, prefix, priorite)).toBe(true);
  const ahead = { retenues: await read(`"${prefix}retenues"`), calculees: await read(`"${prefix}calculees"`), jeux: await read(`"${prefix}jeux"`) };
  await db.exec(dropSpeculationSql(prefix));
  await swapIn(db, { id, nom: `${id}.csv`, source: 'Analyste', licence: 'Licence Ouverte 2.0', priorite, actif: true, derniere_maj: null }, table);
  const after = { retenues: await read(TABLES.retenues), calculees: await read(TABLES.calculees), jeux: await read(TABLES.jeux) };
  expect(ahead.retenues).toEqual(after.retenues);
  expect(ahead.calculees).toEqual(after.calculees);
  expect(ahead.jeux).toEqual(after.jeux);
  expect(after.retenues.filter((r) => r['jeu'] === id).length).toBeGreaterThan(0);
}

const DEPS = OCCITANIE_DEPARTEMENTS;
const YEARS = [2019, 2020, 2021, 2022];
const OUT = ['75', '13', 'DEP-76', '2A'];

describe('measures computed ahead of a commit are those of the refresh after it', () => {
  test('indicators no other dataset gives, with rows out of scope, the région and France', async () => {
    await sameAsRefresh('propre', [
      ...rows('propre_a', [...DEPS, ...OUT, OCCITANIE, 'FR'], YEARS, 1),
      ...rows('propre_b', DEPS.slice(0, 5), YEARS, 2, 'Autre source'),
      ...rows('propre_c', OUT, YEARS, 3), // out of scope only
    ], 20);
  });
  test('indicators the illustrative data gives (its rows left out), and indicators of another import (priority window)', async () => {
    await sameAsRefresh('mixte', [
      ...rows('emploi_numerique', DEPS.slice(0, 3), [2020, 2021], 4),
      ...rows('formation_numerique', OUT, YEARS, 5), // out of scope: the illustrative rows stay
      ...rows('propre_a', DEPS.slice(2, 8), [2018, ...YEARS], 6), // some keys of 'propre' (higher priority) too
      ...rows('propre_b', ['EU27_2020', 'FR', OCCITANIE], YEARS, 7),
    ], 15);
  });
  test('a dataset replaced by rows of other indicators, and a higher priority than the other import', async () => {
    await sameAsRefresh('propre', [...rows('propre_c', DEPS, YEARS, 8), ...rows('propre_b', DEPS.slice(4), YEARS, 9), ...rows('nsi_lycee', ['FR'], YEARS, 10)], 20);
    await sameAsRefresh('mixte', [...rows('propre_c', DEPS.slice(0, 6), YEARS, 11), ...rows('propre_a', DEPS, YEARS, 12)], 25);
  });
  test('an inactive dataset gives the same indicators: its rows are not measured', async () => {
    await setActive(db, 'mixte', false);
    await sameAsRefresh('troisieme', [...rows('propre_a', DEPS.slice(0, 4), YEARS, 13), ...rows('emploi_technique', DEPS.slice(3, 9), YEARS, 14)], 30);
  });
});
