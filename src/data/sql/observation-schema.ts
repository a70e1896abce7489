import { z } from 'zod';

/**
 * The observation, declared once: its columns in file order with their DuckDB types, its statuses and its row
 * rules. The table DDL (schema.ts), every `read_csv` column list of the defaults and of the import, the zod types
 * of an imported row (import/canonical.ts), the SQL proofs (sql/import/fast-read.ts) and the byte-level proofs
 * (import/row-check.ts) derive from what is here; none of them writes a column list, a status or a bound itself.
 */

/** Statuses an observation may carry (docs/contract.md). */
export const STATUSES = ['secret', 'estimation', 'faible_fiabilite', 'rupture', 'provisoire'] as const;
export type ObservationStatus = (typeof STATUSES)[number];
export const ObservationStatus = z.enum(STATUSES);

/** The statuses from strongest to weakest: the one kept when rows of several files are summed into one key. */
export const STATUSES_BY_STRENGTH: readonly ObservationStatus[] = ['secret', 'rupture', 'provisoire', 'estimation', 'faible_fiabilite'];

/** Years an observation may have. */
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;
/** A share of women is a percentage. */
export const PART_MAX = 100;

/** The observation's columns, in the order of the canonical CSV, with their DuckDB types. */
export const OBSERVATION_COLUMNS = [
  { name: 'territoire', duck: 'VARCHAR' },
  { name: 'annee', duck: 'INTEGER' },
  { name: 'indicateur', duck: 'VARCHAR' },
  { name: 'femmes', duck: 'DOUBLE' },
  { name: 'hommes', duck: 'DOUBLE' },
  { name: 'total', duck: 'DOUBLE' },
  { name: 'part_femmes', duck: 'DOUBLE' },
  { name: 'statut', duck: 'VARCHAR' },
  { name: 'source', duck: 'VARCHAR' },
] as const;

export type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number]['name'];
/** The column names, in order. */
export const OBSERVATION_NAMES: readonly ObservationColumn[] = OBSERVATION_COLUMNS.map((c) => c.name);
/** The column names as an SQL list (`territoire, annee, …, source`). */
export const OBSERVATION_LIST = OBSERVATION_NAMES.join(', ');

/** The DuckDB type of a column. */
export function duckType(c: ObservationColumn): string {
  return OBSERVATION_COLUMNS.find((x) => x.name === c)?.duck ?? 'VARCHAR';
}

/** A `read_csv` `columns = {…}` struct of the observation's columns, then `extra` ones (name → DuckDB type), with `first` ones before. */
export function readCsvColumns(extra: readonly (readonly [string, string])[] = [], first: readonly (readonly [string, string])[] = []): string {
  const all = [...first, ...OBSERVATION_COLUMNS.map((c) => [c.name, c.duck] as const), ...extra];
  return `{${all.map(([n, t]) => `'${n}': '${t}'`).join(', ')}}`;
}

/** SQL that a status is one of STATUSES (or NULL), on column or expression `statut`. */
export function statusOkSql(statut = 'statut'): string {
  return `(${statut} IS NULL OR ${statut} IN (${STATUSES.map((s) => `'${s}'`).join(', ')}))`;
}

/** The row rules as CHECK constraints of the table that holds the default rows and the full pipeline's (schema.ts). */
export function observationColumnsDdl(): string {
  const checks: Partial<Record<ObservationColumn, string>> = {
    territoire: 'NOT NULL',
    annee: `NOT NULL CHECK (annee BETWEEN ${YEAR_MIN} AND ${YEAR_MAX})`,
    indicateur: 'NOT NULL',
    femmes: 'CHECK (femmes >= 0)',
    hommes: 'CHECK (hommes >= 0)',
    total: 'CHECK (total >= 0)',
    part_femmes: `CHECK (part_femmes BETWEEN 0 AND ${PART_MAX})`,
    statut: `CHECK ${statusOkSql()}`,
  };
  return OBSERVATION_COLUMNS.map((c) => `  ${c.name} ${c.duck}${checks[c.name] ? ` ${checks[c.name]}` : ''}`).join(',\n');
}

/**
 * The row rules as one SQL condition that a row breaks (NULL counts and shares pass, as under the constraints),
 * for tables that have no CHECK (a fast import's own table). Plain comparisons: DuckDB drops those its column
 * statistics rule out.
 */
export const BREAKS_STATUS_RULE = `(statut IS NOT NULL AND ${STATUSES.map((st) => `statut <> '${st}'`).join(' AND ')})`;
export const BREAKS_ROW_RULES = `territoire IS NULL OR indicateur IS NULL OR annee IS NULL OR annee < ${YEAR_MIN} OR annee > ${YEAR_MAX} OR femmes < 0 OR hommes < 0 OR total < 0
  OR (part_femmes IS NOT NULL AND (part_femmes < 0 OR part_femmes > ${PART_MAX})) OR ${BREAKS_STATUS_RULE}`;

/** The zod types of an observation's values (the import adds its own limits and the line: import/canonical.ts). */
export const ObservationValues = z.object({
  territoire: z.string().min(1),
  annee: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
  indicateur: z.string().min(1),
  femmes: z.number().finite().nonnegative().nullable(),
  hommes: z.number().finite().nonnegative().nullable(),
  total: z.number().finite().nonnegative().nullable(),
  part_femmes: z.number().finite().min(0).max(PART_MAX).nullable(),
  statut: ObservationStatus.nullable(),
  source: z.string().nullable(),
});
