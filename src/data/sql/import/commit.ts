import { z } from 'zod';
import type { SqlQuery } from '../../connector';
import { quoteIdent, quoteLiteral, sqlQuery } from '../quote';
import { candidateMeasuresSql, dropCandidatesSql, observationsViewSql, OWN_TABLE_PREFIX } from '../schema';
import { OBSERVATION_LIST, readCsvColumns } from '../observation-schema';

/**
 * The SQL of a commit (src/data/import/commit.ts): staging the full pipeline's rows, comparing them with what is
 * loaded, swapping a dataset in or out in one transaction, the measures computed ahead, the catalogue's rows.
 */

/** The catalogue row of an imported dataset. */
export interface DatasetMeta {
  readonly id: string;
  readonly nom: string;
  readonly source: string;
  readonly licence: string;
  readonly priorite: number;
  readonly actif: boolean;
  /** The source's publication date as the analyst confirmed it (YYYY-MM-DD), else null: never the import's day. */
  readonly derniere_maj: string | null;
  /** The licence's English wording (defaults to `licence`). */
  readonly licence_en?: string;
  /** Who publishes the data, and the source's page (null: not stated). */
  readonly producteur?: string | null;
  readonly url?: string | null;
  /** The files the dataset is made of, in the order they were added. */
  readonly fichiers?: readonly string[];
}

/** Reads our own CSV `file` of validated rows (header, the observation's columns) into the temporary table `preparation`. */
export function stageCsvSql(file: string): string {
  return `CREATE OR REPLACE TEMP TABLE preparation AS SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = ${readCsvColumns()});`;
}

/** Drops a table if it is there (`name` unquoted). */
export function dropTableSql(name: string): string {
  return `DROP TABLE IF EXISTS ${quoteIdent(name)};`;
}

export const ROLLBACK_SQL = 'ROLLBACK;';

export const DiffRow = z.object({ ajoutees: z.number().int(), retirees: z.number().int(), modifiees: z.number().int(), inchangees: z.number().int() });
export type DiffRow = z.infer<typeof DiffRow>;

/** What replacing dataset `id` with the rows of `from` (a table or view, unquoted) changes: rows added, removed, changed, unchanged. */
export function diffQuery(id: string, from: string): SqlQuery {
  const same = `o.femmes IS NOT DISTINCT FROM s.femmes AND o.hommes IS NOT DISTINCT FROM s.hommes AND o.total IS NOT DISTINCT FROM s.total
    AND o.part_femmes IS NOT DISTINCT FROM s.part_femmes AND o.statut IS NOT DISTINCT FROM s.statut`;
  return sqlQuery(
    `WITH o AS (SELECT * FROM observations WHERE jeu = ?)
       SELECT CAST(count(*) FILTER (WHERE o.territoire IS NULL) AS INTEGER) AS ajoutees,
              CAST(count(*) FILTER (WHERE s.territoire IS NULL) AS INTEGER) AS retirees,
              CAST(count(*) FILTER (WHERE o.territoire IS NOT NULL AND s.territoire IS NOT NULL AND NOT (${same})) AS INTEGER) AS modifiees,
              CAST(count(*) FILTER (WHERE o.territoire IS NOT NULL AND s.territoire IS NOT NULL AND ${same}) AS INTEGER) AS inchangees
       FROM o FULL JOIN ${quoteIdent(from)} s ON o.territoire = s.territoire AND o.annee = s.annee AND o.indicateur = s.indicateur`,
    [id],
  );
}

/** The columns whose statistics statsProveRules reads. */
export const STATS_COLUMNS = ['territoire', 'indicateur', 'annee', 'femmes', 'hommes', 'total', 'part_femmes', 'statut'] as const;

/** DuckDB's column statistics of `table` (unquoted), one text per column (one row read). */
export function statsQuery(table: string): SqlQuery {
  return sqlQuery(`SELECT ${STATS_COLUMNS.map((c) => `stats(${c}) AS ${c}`).join(', ')} FROM ${quoteIdent(table)} LIMIT 1`);
}

/** Fails the batch (error()) when a row of `table` (unquoted) meets `rules` (a condition a row breaks). */
export function rulesCheckSql(table: string, rules: string): string {
  return `SELECT CASE WHEN count(*) > 0 THEN error(count(*) || ' rows break the observation rules') END FROM ${quoteIdent(table)} WHERE ${rules};`;
}

export const LoadedStateRow = z.object({ jeu: z.string(), catalogue: z.boolean() });
/** The datasets that have their own table (catalogue false), and `id`'s catalogue row if there is one (catalogue true). */
export function loadedStateQuery(id: string): SqlQuery {
  return sqlQuery('SELECT jeu, FALSE AS catalogue FROM jeux_tables UNION ALL SELECT id, TRUE FROM jeux WHERE id = ?', [id]);
}

/** Removes dataset `id`'s rows, wherever they are (run inside the caller's transaction); `own`: the datasets with their own table. */
export function dropRowsSql(id: string, own: readonly string[]): string {
  const sql = `DELETE FROM observations_base WHERE jeu = ${quoteLiteral(id)};`;
  return own.includes(id) ? `${sql} DROP TABLE IF EXISTS ${quoteIdent(OWN_TABLE_PREFIX + id)}; DELETE FROM jeux_tables WHERE jeu = ${quoteLiteral(id)};` : sql;
}

/** Writes dataset `meta`'s catalogue row (UPDATE when `listed`: DuckDB refuses re-inserting a primary key deleted in the same transaction). */
export function catalogueRowSql(meta: DatasetMeta, listed: boolean): string {
  if (!Number.isInteger(meta.priorite)) throw new Error(`Priority ${meta.priorite} is not an integer`);
  const [nom, source, licence, licenceEn, id] = [meta.nom, meta.source, meta.licence, meta.licence_en ?? meta.licence, meta.id].map(quoteLiteral);
  const orNull = (v: string | null | undefined) => (v ? quoteLiteral(v) : 'NULL');
  const files = orNull(meta.fichiers?.join(' ; '));
  const date = meta.derniere_maj === null ? 'NULL' : `CAST(${quoteLiteral(meta.derniere_maj)} AS DATE)`;
  const actif = meta.actif ? 'TRUE' : 'FALSE';
  return listed
    ? `UPDATE jeux SET nom_fr = ${nom}, nom_en = ${nom}, origine = 'import', source = ${source}, source_en = ${source}, licence = ${licence}, licence_en = ${licenceEn},
         derniere_maj = ${date}, illustratif = FALSE, priorite = ${meta.priorite}, actif = ${actif}, producteur = ${orNull(meta.producteur)}, url = ${orNull(meta.url)}, fichiers = ${files} WHERE id = ${id};`
    : `INSERT INTO jeux (nom_fr, nom_en, origine, source, source_en, licence, licence_en, derniere_maj, illustratif, priorite, actif, producteur, url, fichiers, id)
         VALUES (${nom}, ${nom}, 'import', ${source}, ${source}, ${licence}, ${licenceEn}, ${date}, FALSE, ${meta.priorite}, ${actif}, ${orNull(meta.producteur)}, ${orNull(meta.url)}, ${files}, ${id});`;
}

/** What a swap writes besides the rows: the catalogue row, and measures computed ahead renamed into place (or nothing). */
export interface SwapTail {
  readonly catalogueRow: string;
  readonly adopt: string;
}

/** One transaction: dataset `id`'s rows replaced by a copy of `from` (unquoted) into observations_base. */
export function copySwapSql(id: string, own: readonly string[], from: string, tail: SwapTail): string {
  const others = own.filter((x) => x !== id);
  return `BEGIN TRANSACTION; ${dropRowsSql(id, own)}
          INSERT INTO observations_base SELECT ${quoteLiteral(id)}, ${OBSERVATION_LIST} FROM ${quoteIdent(from)};
          ${own.includes(id) ? observationsViewSql(others) : ''}
          ${tail.catalogueRow}
          ${tail.adopt}
          COMMIT;`;
}

/** Opens the transaction that makes a fast analysis's own table dataset `id`'s: its old rows go, `finalize` runs. */
export function ownSwapBeginSql(id: string, own: readonly string[], finalize: string): string {
  return `BEGIN TRANSACTION; ${dropRowsSql(id, own)} ${finalize}`;
}

/** Ends it: `check` (rulesCheckSql or ''), the table renamed into place, the view rebuilt, `leftovers` dropped, COMMIT. */
export function ownSwapEndSql(id: string, own: readonly string[], a: { readonly table: string; readonly check: string; readonly leftovers: string } & SwapTail): string {
  const others = own.filter((x) => x !== id);
  return `${a.check}
          ALTER TABLE ${quoteIdent(a.table)} RENAME TO ${quoteIdent(OWN_TABLE_PREFIX + id)};
          INSERT INTO jeux_tables VALUES (${quoteLiteral(id)});
          ${observationsViewSql([...others, id].sort())}
          ${a.catalogueRow}
          ${a.adopt}
          ${a.leftovers}
          COMMIT;`;
}

/** The views a speculation reads: the loaded observations and datasets with the analysis swapped in. */
function candidateViews(prefix: string): { readonly obs: string; readonly sets: string } {
  return { obs: quoteIdent(`${prefix}observations`), sets: quoteIdent(`${prefix}jeux_de_donnees`) };
}

/**
 * The measures that swapping the rows of `accepted` (unquoted) in as dataset `id`, active, with priority
 * `priorite`, would give, as candidate tables named `prefix`… (see speculateMeasures).
 */
export function speculationSql(id: string, accepted: string, prefix: string, priorite: number): string {
  if (!Number.isInteger(priorite)) throw new Error(`Priority ${priorite} is not an integer`);
  const { obs, sets } = candidateViews(prefix);
  return `CREATE OR REPLACE TEMP VIEW ${obs} AS SELECT * FROM observations WHERE jeu <> ${quoteLiteral(id)}
        UNION ALL SELECT ${quoteLiteral(id)} AS jeu, ${OBSERVATION_LIST} FROM ${quoteIdent(accepted)};
      CREATE OR REPLACE TEMP VIEW ${sets} AS SELECT id, actif, illustratif, priorite FROM jeux WHERE id <> ${quoteLiteral(id)}
        UNION ALL SELECT ${quoteLiteral(id)}, TRUE, FALSE, ${priorite};
      ${candidateMeasuresSql(prefix, obs, sets)}
      DROP VIEW ${obs}; DROP VIEW ${sets};`;
}

/** Drops what a speculation on `prefix` left, if anything (its candidate tables, and its views if it failed midway). */
export function dropSpeculationSql(prefix: string): string {
  const { obs, sets } = candidateViews(prefix);
  return `${dropCandidatesSql(prefix)} DROP VIEW IF EXISTS ${obs}; DROP VIEW IF EXISTS ${sets};`;
}

/** Activates or deactivates dataset `id`. */
export function setActiveQuery(id: string, actif: boolean): SqlQuery {
  return sqlQuery('UPDATE jeux SET actif = ?::BOOLEAN WHERE id = ?', [actif, id]);
}

/** One transaction: imported dataset `id`, its rows and its catalogue row, removed. */
export function removeDatasetSql(id: string, own: readonly string[]): string {
  return `BEGIN TRANSACTION; ${dropRowsSql(id, own)}
    ${own.includes(id) ? observationsViewSql(own.filter((x) => x !== id)) : ''}
    DELETE FROM jeux WHERE id = ${quoteLiteral(id)} AND origine = 'import';
    COMMIT;`;
}

/**
 * Adds indicator ids declared by the analyst to the catalogue (stage "emploi" and the id as label until someone
 * edits data/indicators.csv); ids already there are left alone. One statement for all, ids as quoted literals
 * (a first INSERT … SELECT with parameters binds untyped parameters, a cost paid on the commit).
 */
export function declareIndicatorsSql(ids: readonly string[]): string {
  return `INSERT INTO indicateurs SELECT id, 'emploi', 100, id, id, 'Indicateur déclaré à l’import.', 'Indicator declared at import.', '%', 'Import', '(' || id || ')', '(' || id || ')'
     FROM (VALUES ${ids.map((id) => `(${quoteLiteral(id)})`).join(', ')}) AS d(id) WHERE id NOT IN (SELECT id FROM indicateurs);`;
}
