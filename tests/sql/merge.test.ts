import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { openDefaultDb, readDefaultFiles, openNodeDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';
import { addIn, diffStaged, stage, swapIn } from '../../src/data/import/commit';
import type { CanonicalRow } from '../../src/data/import/canonical';
import { runQuery } from '../../src/data/client';
import { IndicatorRow, overridableIndicatorsQuery, overridesQuery, OverrideRow } from '../../src/data/sql/merge';
import { activeSourcesQuery, SourceRow } from '../../src/data/sql/catalogue';
import { datasetsQuery, DatasetRow } from '../../src/data/sql/datasets';
import { loadDefaults } from '../../src/data/load';

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

const row = (territoire: string, femmes: number | null, total: number, extra: Partial<CanonicalRow> = {}): CanonicalRow => ({
  line: 2, territoire, annee: 2024, indicateur: 'nsi_lycee', femmes, hommes: femmes === null ? null : total - femmes, total, part_femmes: null, statut: null, source: 'DEPP', ...extra,
});
const meta = { id: 'essai_nsi', nom: 'DEPP NSI', source: 'DEPP, NSI', licence: 'Licence Ouverte 2.0', priorite: 10, actif: true, derniere_maj: '2025-06-30', producteur: 'DEPP', url: 'https://www.education.gouv.fr/' };
const rows = async (sql: string) => db.query({ sql, params: [] });

describe('several files, one dataset', () => {
  test('adding a file sums counts per territory × year × indicator; a secret stays secret, never zero', async () => {
    await stage(db, [row('31', 100, 1000, { source: 'DEPP première' }), row('34', 50, 400, { source: 'DEPP première' }), row('09', null, 90, { statut: 'secret', source: 'DEPP première' })]);
    await swapIn(db, meta);
    await stage(db, [row('31', 80, 900, { source: 'DEPP terminale' }), row('09', 5, 60, { source: 'DEPP terminale' }), row('11', 20, 300, { source: 'DEPP terminale' })]);
    // What adding changes, against the dataset as it is.
    await db.exec((await import('../../src/data/sql/merge')).sumIntoSql('essai_nsi', 'preparation', 'apercu'));
    expect(await diffStaged(db, 'essai_nsi', 'apercu')).toEqual({ ajoutees: 1, retirees: 0, modifiees: 2, inchangees: 1 });
    await db.exec('DROP TABLE apercu;');
    await addIn(db, meta);
    const got = await rows("SELECT territoire, femmes, hommes, total, statut, source FROM observations WHERE jeu = 'essai_nsi' ORDER BY territoire");
    expect(got).toEqual([
      { territoire: '09', femmes: null, hommes: null, total: 150, statut: 'secret', source: 'DEPP première ; DEPP terminale' },
      { territoire: '11', femmes: 20, hommes: 280, total: 300, statut: null, source: 'DEPP terminale' },
      { territoire: '31', femmes: 180, hommes: 1720, total: 1900, statut: null, source: 'DEPP première ; DEPP terminale' },
      { territoire: '34', femmes: 50, hommes: 350, total: 400, statut: null, source: 'DEPP première' },
    ]);
    expect(await rows("SELECT count(*) AS n FROM jeux WHERE id = 'essai_nsi'")).toEqual([{ n: 1 }]);
    expect(await rows('SELECT count(*) AS n FROM preparation_somme').catch(() => 'gone')).toBe('gone');
  });

  test('replacing instead drops what was there', async () => {
    await stage(db, [row('31', 7, 70)]);
    await swapIn(db, meta);
    expect(await rows("SELECT territoire, femmes FROM observations WHERE jeu = 'essai_nsi'")).toEqual([{ territoire: '31', femmes: 7 }]);
  });

  test('the override listing names the keys of other active datasets the new priority wins over, old → new', async () => {
    // After the test above, essai_nsi (priority 10) holds nsi_lycee 2024 for 31 at 10 %; the illustrative default
    // (priority 1) holds emploi_numerique 2024 for every département. An import above both overrides them.
    await stage(db, [row('31', 300, 1000), row('34', 50, 400, { indicateur: 'emploi_numerique' }), row('75', 1, 10), row('75', 1, 10, { indicateur: 'emploi_numerique' })]);
    // A loaded row for Paris too: the same key on both sides, but outside the scope.
    await db.exec("INSERT INTO observations_base SELECT 'illustratif', '75', 2024, 'emploi_numerique', 5, 5, 10, NULL, NULL, 'Test'");
    const list = await runQuery(db, overridesQuery('nouveau', 'preparation', 20, 10), OverrideRow);
    // Restricted to the indicators the loaded side can collide on, the listing is the same; none, nothing.
    const indicators = (await runQuery(db, overridableIndicatorsQuery('nouveau', 20), IndicatorRow)).map((r) => r.indicateur);
    expect(indicators).toContain('nsi_lycee');
    expect(indicators).toContain('emploi_numerique');
    expect(await runQuery(db, overridesQuery('nouveau', 'preparation', 20, 10, indicators), OverrideRow)).toEqual(list);
    expect(await runQuery(db, overridesQuery('nouveau', 'preparation', 20, 10, ['nsi_lycee']), OverrideRow)).toEqual(list.filter((r) => r.indicateur === 'nsi_lycee').map((r) => ({ ...r, n: 1 })));
    expect(await runQuery(db, overridesQuery('nouveau', 'preparation', 20, 10, []), OverrideRow)).toEqual([]);
    // Below every dataset, no indicator can collide.
    expect(await runQuery(db, overridableIndicatorsQuery('nouveau', 0), IndicatorRow)).toEqual([]);
    await db.exec("DELETE FROM observations_base WHERE jeu = 'illustratif' AND territoire = '75'");
    expect(list.map((r) => [r.territoire, r.indicateur, r.jeu]).sort()).toEqual([['31', 'nsi_lycee', 'essai_nsi'], ['34', 'emploi_numerique', 'illustratif']]);
    expect(list.find((r) => r.territoire === '31')).toMatchObject({ ancienne: 10, nouvelle: 30, n: 2 }); // Paris (75) is outside the scope
    // Below every dataset, nothing is overridden; the dataset itself is never listed against itself.
    expect(await runQuery(db, overridesQuery('nouveau', 'preparation', 0), OverrideRow)).toEqual([]);
    expect((await runQuery(db, overridesQuery('essai_nsi', 'preparation', 20), OverrideRow)).map((r) => r.jeu)).toEqual(['illustratif']);
    const one = await runQuery(db, overridesQuery('nouveau', 'preparation', 20, 1), OverrideRow);
    expect(one).toHaveLength(1);
    expect(one[0]?.n).toBe(2);
  });
});

describe('dataset identity', () => {
  test('producer, URL, publication date and licence reach the source rows the charts cite', async () => {
    const sources = await runQuery(db, activeSourcesQuery(), SourceRow);
    expect(sources.find((s) => s.id === 'essai_nsi')).toMatchObject({ producteur: 'DEPP', url: 'https://www.education.gouv.fr/', derniere_maj: '2025-06-30', licence: 'Licence Ouverte 2.0' });
    expect(sources.find((s) => s.id === 'depp_nsi')).toMatchObject({ producteur: "Ministère de l'Éducation nationale, DEPP", licence: 'Licence Ouverte 2.0' });
    expect(sources.find((s) => s.id === 'eurostat_tic')).toMatchObject({ producteur: 'Eurostat', url: 'https://ec.europa.eu/eurostat/databrowser/view/isoc_sks_itsps/default/table' });
    const listed = await runQuery(db, datasetsQuery(), DatasetRow);
    expect(listed.find((d) => d.id === 'illustratif')?.producteur).toMatch(/illustratives/);
  });

  test('an undated import reads NULL, never today', async () => {
    await stage(db, [row('31', 7, 70)]);
    await swapIn(db, { ...meta, derniere_maj: null, url: null });
    expect(await rows("SELECT derniere_maj, url FROM jeux WHERE id = 'essai_nsi'")).toEqual([{ derniere_maj: null, url: null }]);
  });

  test('a datasets.csv row written before producteur and url existed still loads', async () => {
    const files = readDefaultFiles();
    const parsed = Papa.parse<Record<string, string>>(files.datasets.trim(), { header: true });
    const old = Papa.unparse(parsed.data.map(({ producteur: _p, url: _u, ...rest }) => rest), { newline: '\n' }) + '\n';
    expect(old.split('\n')[0]).not.toMatch(/producteur|url/);
    const db2 = await openNodeDb();
    try {
      await loadDefaults(db2, { ...files, datasets: old });
      expect(await db2.query({ sql: 'SELECT id, producteur FROM jeux ORDER BY id', params: [] })).toEqual([{ id: 'depp_nsi', producteur: null }, { id: 'eurostat_tic', producteur: null }, { id: 'illustratif', producteur: null }]);
    } finally {
      db2.close();
    }
  });
});
