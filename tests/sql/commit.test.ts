import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';
import { declareIndicators, diffStaged, removeDataset, setActive, stage, swapIn, transaction } from '../../src/data/import/commit';
import type { CanonicalRow } from '../../src/data/import/canonical';
import { runQuery } from '../../src/data/client';
import { measuresQuery, MeasureRow } from '../../src/data/sql/measures';

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

const row = (territoire: string, femmes: number, total: number, extra: Partial<CanonicalRow> = {}): CanonicalRow => ({
  line: 2, territoire, annee: 2024, indicateur: 'emploi_numerique', femmes, hommes: total - femmes, total, part_femmes: null, statut: null, source: 'Analyste', ...extra,
});
const meta = { id: 'analyste', nom: 'analyste.csv', source: 'Analyste', licence: 'Licence Ouverte 2.0', priorite: 10, actif: true, derniere_maj: '2026-11-29' };
const count = async (sql: string) => Number((await db.query({ sql, params: [] }))[0]?.['n']);
const part = async (t: string) => (await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', annee: 2024, territoires: [t] }), MeasureRow))[0];

describe('commit of an import', () => {
  test('swap in: the imported rows win over the illustrative ones, and the région follows', async () => {
    await stage(db, [row('31', 9000, 30000), row('34', 4000, 12000)]);
    await swapIn(db, meta);
    expect(await count("SELECT count(*) AS n FROM observations WHERE jeu = 'analyste'")).toBe(2);
    expect((await part('31'))?.part).toBeCloseTo(30, 9);
    expect((await part('31'))?.illustratif).toBe(false);
    // Not covered by the import: once real rows give the indicator for départements, no illustrative value
    // stands beside them (issue 19); the région is the sum of the real ones, marked partial.
    expect(await part('09')).toBeUndefined();
    expect((await part('76'))?.n_manquants).toBe(11);
    expect((await part('76'))?.illustratif).toBe(false);
  });
  test('replacing the same dataset: diff, then swap', async () => {
    await stage(db, [row('31', 9300, 30000), row('48', 60, 200)]);
    expect(await diffStaged(db, 'analyste')).toEqual({ ajoutees: 1, retirees: 1, modifiees: 1, inchangees: 0 });
    await swapIn(db, meta);
    expect(await count("SELECT count(*) AS n FROM observations WHERE jeu = 'analyste'")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM jeux WHERE id = 'analyste'")).toBe(1);
  });
  test('a failing swap rolls back: the previous rows stay exactly as they were', async () => {
    const before = await db.query({ sql: "SELECT * FROM observations WHERE jeu = 'analyste' ORDER BY territoire", params: [] });
    // A CHECK constraint (share ≤ 100) fails inside the transaction.
    await stage(db, [row('31', 1, 10), { ...row('34', 1, 10), part_femmes: 150 }]);
    await expect(swapIn(db, meta)).rejects.toThrow();
    expect(await db.query({ sql: "SELECT * FROM observations WHERE jeu = 'analyste' ORDER BY territoire", params: [] })).toEqual(before);
  });
  test('the catalogue row keeps names, sources and dates exactly, quotes included; an undated one reads NULL', async () => {
    const odd = { ...meta, nom: "l'emploi \"numérique\" ; 2024.csv", source: "Insee ; Dares' notes", priorite: 11, derniere_maj: null };
    await stage(db, [row('31', 9300, 30000)]);
    await swapIn(db, odd);
    const read = async () => db.query({ sql: "SELECT nom_fr, nom_en, source, source_en, strftime(derniere_maj, '%Y-%m-%d') AS d, priorite, actif FROM jeux WHERE id = 'analyste'", params: [] });
    expect(await read()).toEqual([{ nom_fr: odd.nom, nom_en: odd.nom, source: odd.source, source_en: odd.source, d: null, priorite: 11, actif: true }]);
    await stage(db, [row('31', 9300, 30000)]);
    await swapIn(db, { ...odd, derniere_maj: '2026-11-29', priorite: 10 });
    expect((await read())[0]).toMatchObject({ d: '2026-11-29', priorite: 10 });
    await stage(db, [row('31', 1, 10)]);
    await expect(swapIn(db, { ...odd, priorite: 10.5 })).rejects.toThrow(/not an integer/);
    expect(await count("SELECT count(*) AS n FROM observations WHERE jeu = 'analyste' AND femmes = 9300")).toBe(1);
    expect((await read())[0]).toMatchObject({ d: '2026-11-29', priorite: 10 });
  });
  test('deactivate, reactivate, delete', async () => {
    await setActive(db, 'analyste', false);
    expect((await part('31'))?.illustratif).toBe(true);
    await setActive(db, 'analyste', true);
    expect((await part('31'))?.illustratif).toBe(false);
    await removeDataset(db, 'analyste');
    expect(await count("SELECT count(*) AS n FROM observations WHERE jeu = 'analyste'")).toBe(0);
    expect((await part('31'))?.illustratif).toBe(true);
  });
});

describe('declared indicators', () => {
  const ids = async () => (await db.query({ sql: "SELECT id, etape, libelle_fr, phrase_en FROM indicateurs WHERE producteur = 'Import' OR id = 'nsi_lycee' ORDER BY id", params: [] }));
  test('added once each, in one statement; ids already in the catalogue are left alone', async () => {
    const before = await db.query({ sql: "SELECT * FROM indicateurs WHERE id = 'nsi_lycee'", params: [] });
    await declareIndicators(db, ['decl_b', 'decl_a', 'decl_b', 'nsi_lycee', "o'brien"]);
    await declareIndicators(db, ['decl_a', 'decl_c']);
    await declareIndicators(db, []);
    expect((await ids()).map((r) => r['id'])).toEqual(['decl_a', 'decl_b', 'decl_c', 'nsi_lycee', "o'brien"]);
    expect((await ids()).find((r) => r['id'] === 'decl_a')).toEqual({ id: 'decl_a', etape: 'emploi', libelle_fr: 'decl_a', phrase_en: '(decl_a)' });
    expect(await db.query({ sql: "SELECT * FROM indicateurs WHERE id = 'nsi_lycee'", params: [] })).toEqual(before);
  });
});

describe('transaction()', () => {
  test('transaction(): rolled back and thrown again when its body fails; never opened inside another', async () => {
    await db.exec('CREATE TABLE trace_transaction (a INTEGER);');
    await expect(transaction(db, async () => {
      await db.exec('BEGIN TRANSACTION; INSERT INTO trace_transaction VALUES (1);');
      throw new Error('en cours de route');
    })).rejects.toThrow('en cours de route');
    expect(await db.query({ sql: 'SELECT count(*) AS n FROM trace_transaction', params: [] })).toEqual([{ n: 0 }]);
    // A second one while the first is open is refused before it sends anything; the first still commits.
    let inner: Promise<void> | null = null;
    await transaction(db, async () => {
      await db.exec('BEGIN TRANSACTION; INSERT INTO trace_transaction VALUES (2);');
      inner = transaction(db, () => db.exec('BEGIN TRANSACTION; INSERT INTO trace_transaction VALUES (3); COMMIT;'));
      await expect(inner).rejects.toThrow('in progress');
      await db.exec('COMMIT;');
    });
    expect(await db.query({ sql: 'SELECT a FROM trace_transaction', params: [] })).toEqual([{ a: 2 }]);
    await db.exec('DROP TABLE trace_transaction;');
  });
});
