import type { Connector } from '../connector';
import { quoteIdent, quoteLiteral } from './quote';
import { observationColumnsDdl, OBSERVATION_LIST } from './observation-schema';

/**
 * The canonical data model as DuckDB tables and views (docs/architecture.md). Tables hold what was loaded; views derive
 * everything else, so a share is always computed in SQL and a région's value always from its départements' counts.
 */

/** Statuses an observation may carry (docs/contract.md), declared in observation-schema.ts. */
export { STATUSES } from './observation-schema';

/** Counts of women under this are flagged as low reliability (INSEE's rule of thumb). */
export const LOW_RELIABILITY_THRESHOLD = 200;

export const CREATE_TABLES = `
CREATE TABLE IF NOT EXISTS territoires (
  code VARCHAR PRIMARY KEY,
  code_cog VARCHAR NOT NULL,
  type VARCHAR NOT NULL CHECK (type IN ('region', 'departement', 'pays', 'ue')),
  nom_fr VARCHAR NOT NULL,
  nom_en VARCHAR NOT NULL,
  region VARCHAR,
  occitanie BOOLEAN NOT NULL,
  lieu_fr VARCHAR NOT NULL,
  lieu_en VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS indicateurs (
  id VARCHAR PRIMARY KEY,
  etape VARCHAR NOT NULL CHECK (etape IN ('orientation', 'education', 'formation_pro', 'emploi', 'insertion')),
  ordre INTEGER NOT NULL,
  libelle_fr VARCHAR NOT NULL,
  libelle_en VARCHAR NOT NULL,
  definition_fr VARCHAR NOT NULL,
  definition_en VARCHAR NOT NULL,
  unite VARCHAR NOT NULL,
  producteur VARCHAR NOT NULL,
  phrase_fr VARCHAR NOT NULL,
  phrase_en VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS jeux (
  id VARCHAR PRIMARY KEY,
  nom_fr VARCHAR NOT NULL,
  nom_en VARCHAR NOT NULL,
  origine VARCHAR NOT NULL CHECK (origine IN ('defaut', 'import')),
  source VARCHAR NOT NULL,
  source_en VARCHAR NOT NULL,
  licence VARCHAR NOT NULL,
  licence_en VARCHAR NOT NULL,
  derniere_maj DATE,
  illustratif BOOLEAN NOT NULL,
  priorite INTEGER NOT NULL,
  actif BOOLEAN NOT NULL,
  -- Who publishes the data and where (NULL: not stated); derniere_maj is the source's publication date.
  producteur VARCHAR,
  url VARCHAR,
  -- An import's files, in the order they were added, joined by ' ; ' (NULL for the defaults).
  fichiers VARCHAR
);
CREATE TABLE IF NOT EXISTS observations_base (
  jeu VARCHAR NOT NULL,
${observationColumnsDdl()}
);
CREATE TABLE IF NOT EXISTS jeux_tables (jeu VARCHAR NOT NULL);
`;

/** Prefix of the table that holds the rows of a dataset imported by the fast path (`jeu:ID`). */
export const OWN_TABLE_PREFIX = 'jeu:';

/**
 * observations: every loaded row. The defaults and the imports of the full pipeline are rows of
 * `observations_base`; a large import read by the fast path keeps its rows in its own table (listed in
 * `jeux_tables`), renamed into place when it is committed, so its million rows are written once, not copied again
 * (docs/performance.md). The view is rebuilt whenever that list changes, in the same transaction,
 * with `lignes_par_jeu` (each dataset's row count, for the data view).
 */
export function observationsViewSql(ownTables: readonly string[]): string {
  const cols = OBSERVATION_LIST;
  const table = (id: string) => quoteIdent(OWN_TABLE_PREFIX + id);
  const parts = ['SELECT * FROM observations_base', ...ownTables.map((id) => `SELECT ${quoteLiteral(id)} AS jeu, ${cols} FROM ${table(id)}`)];
  // Rows per dataset without reading them: an own table's count(*) needs no column, where counting through the view
  // above would group every row after each import.
  const counts = ['SELECT jeu, count(*) AS lignes FROM observations_base GROUP BY jeu', ...ownTables.map((id) => `SELECT ${quoteLiteral(id)}, count(*) FROM ${table(id)}`)];
  return `CREATE OR REPLACE VIEW observations AS ${parts.join('\nUNION ALL ')};
CREATE OR REPLACE VIEW lignes_par_jeu AS ${counts.join('\nUNION ALL ')};`;
}

/**
 * The rows v_observations retains, read from `observations` and `jeux` (or relations shaped like them).
 * A series is either real or illustrative, never both: an illustrative row is left out when a non-illustrative
 * active dataset gives the same indicator for the same territory (any year), and every illustrative row of an
 * indicator is left out once a non-illustrative dataset gives it for one of the région's départements (the
 * région's sum, ranks and map then read real rows only; years the real data does not cover have no value).
 * Only indicators that have illustrative rows are looked at for real ones (a large import of another indicator
 * adds no scan).
 */
function retainedSql(observations: string, datasets: string): string {
  return `WITH actives AS MATERIALIZED (
  SELECT o.*, d.illustratif, d.priorite
  FROM ${observations} o JOIN ${datasets} d ON d.id = o.jeu
  WHERE d.actif AND o.territoire IN (SELECT code FROM territoires WHERE occitanie OR type IN ('pays', 'ue'))
),
illustres AS (SELECT DISTINCT indicateur FROM actives WHERE illustratif),
reelles AS (
  SELECT DISTINCT indicateur, territoire FROM actives
  WHERE NOT illustratif AND indicateur IN (SELECT indicateur FROM illustres)
),
reels_departements AS (
  SELECT DISTINCT indicateur FROM reelles WHERE territoire IN (SELECT code FROM territoires WHERE type = 'departement')
),
o AS MATERIALIZED (
  SELECT * FROM actives a
  WHERE NOT a.illustratif
     OR NOT EXISTS (SELECT 1 FROM reelles r WHERE r.indicateur = a.indicateur AND r.territoire = a.territoire)
    AND a.indicateur NOT IN (SELECT indicateur FROM reels_departements)
),
plusieurs AS (SELECT indicateur FROM o GROUP BY indicateur HAVING min(jeu) <> max(jeu))
SELECT * EXCLUDE (priorite) FROM o WHERE indicateur NOT IN (SELECT indicateur FROM plusieurs)
UNION ALL
SELECT * EXCLUDE (priorite, rang_priorite) FROM (
  SELECT *, row_number() OVER (PARTITION BY territoire, annee, indicateur ORDER BY priorite DESC, jeu) AS rang_priorite
  FROM o WHERE indicateur IN (SELECT indicateur FROM plusieurs)
) WHERE rang_priorite = 1`;
}

/**
 * The région rows computed from their départements' counts, from the retained rows in `retenues`: the rows
 * `valeurs` adds to the observed ones (see `valuesSql`).
 */
function computedSql(retenues: string): string {
  return `WITH obs AS NOT MATERIALIZED (
  SELECT *, femmes IS NOT NULL AND coalesce(total, femmes + hommes) IS NOT NULL AS a_comptes
  FROM ${retenues}
),
n_deps AS (
  SELECT region AS territoire, CAST(count(*) AS INTEGER) AS n_departements
  FROM territoires WHERE type = 'departement' GROUP BY region
),
calc AS (
  SELECT t.region AS territoire, o.annee, o.indicateur,
    sum(o.femmes) FILTER (WHERE o.a_comptes) AS femmes,
    sum(coalesce(o.total, o.femmes + o.hommes)) FILTER (WHERE o.a_comptes) AS total,
    CAST(count(*) FILTER (WHERE o.a_comptes) AS INTEGER) AS n_comptes,
    CAST(count(*) FILTER (WHERE NOT o.a_comptes AND o.part_femmes IS NOT NULL) AS INTEGER) AS n_parts,
    bool_or(o.statut = 'rupture') AS rupture,
    bool_or(o.illustratif) AS illustratif,
    min(o.source) AS source_min,
    max(o.source) AS source_max,
    min(o.jeu) AS jeu
  FROM obs o JOIN territoires t ON t.code = o.territoire AND t.type = 'departement'
  GROUP BY t.region, o.annee, o.indicateur
),
sources AS (
  SELECT t.region AS territoire, o.annee, o.indicateur, string_agg(DISTINCT o.source, ' ; ' ORDER BY o.source) AS source
  FROM obs o JOIN territoires t ON t.code = o.territoire AND t.type = 'departement'
  SEMI JOIN (SELECT * FROM calc WHERE source_min <> source_max) c ON c.territoire = t.region AND c.annee = o.annee AND c.indicateur = o.indicateur
  GROUP BY t.region, o.annee, o.indicateur
),
calc_n AS (
  SELECT c.* EXCLUDE (source_min, source_max), CASE WHEN c.source_min = c.source_max THEN c.source_min ELSE s.source END AS source, n.n_departements
  FROM calc c JOIN n_deps n ON n.territoire = c.territoire
  LEFT JOIN sources s ON c.source_min <> c.source_max AND s.territoire = c.territoire AND s.annee = c.annee AND s.indicateur = c.indicateur
)
SELECT c.territoire, c.annee, c.indicateur,
  CASE WHEN c.n_parts = 0 THEN c.femmes END AS femmes,
  CASE WHEN c.n_parts = 0 THEN c.total - c.femmes END AS hommes,
  CASE WHEN c.n_parts = 0 THEN c.total END AS total,
  NULL::DOUBLE AS part_femmes,
  CASE WHEN c.rupture THEN 'rupture' END AS statut,
  c.source, c.jeu, c.illustratif, 'calcul_departements' AS origine, c.n_departements, c.n_departements - c.n_comptes AS n_manquants,
  c.n_parts > 0 AS parts_seules
FROM calc_n c
WHERE c.n_parts = 0 OR NOT EXISTS (SELECT 1 FROM ${retenues} o WHERE o.territoire = c.territoire AND o.annee = c.annee AND o.indicateur = c.indicateur)`;
}

/**
 * The values measured: each retained row of `retenues` as it is, unless its région is computed from its
 * départements' counts (a row of `calculees` that is not `parts_seules`), plus the rows of `calculees`.
 */
function valuesSql(retenues: string, calculees: string): string {
  return `SELECT o.territoire, o.annee, o.indicateur, o.femmes, o.hommes, o.total, o.part_femmes, o.statut, o.source, o.jeu,
  o.illustratif, 'observe' AS origine, NULL::INTEGER AS n_departements, NULL::INTEGER AS n_manquants, FALSE AS parts_seules
FROM ${retenues} o
WHERE NOT EXISTS (SELECT 1 FROM ${calculees} c WHERE NOT c.parts_seules AND c.territoire = o.territoire AND c.annee = o.annee AND c.indicateur = o.indicateur)
UNION ALL
SELECT * FROM ${calculees}`;
}

/**
 * v_observations: rows of active datasets within the dashboard's scope (Occitanie, its départements, France, the
 *   EU); where two active datasets give the same key, the higher priority wins. Rows for other territories stay in
 *   `observations` (data view, exports) but are not measured: nothing shows them, and an analyst's national file
 *   would otherwise make every refresh several times slower (docs/performance.md). Only
 *   indicators that several active datasets give need the priority window (within a dataset, keys are unique):
 *   the others' rows are taken as they are.
 * observations_retenues: v_observations materialised by refreshMeasures (the computed régions read it three
 *   times: each read scans the table again rather than a copy DuckDB would make of it).
 * valeurs_calculees: each région computed from its départements' counts (never from their shares), materialised
 *   by refreshMeasures. A région row is computed when any of its départements has a row; if one of them has only a
 *   share, the sum is impossible: the computed value is NULL with raison 'parts_seules', unless the région itself
 *   was published (then only the published row is kept). Secret or missing départements leave the sum incomplete:
 *   n_manquants says how many. The région's source lists its départements' distinct sources; the ordered aggregate
 *   runs only for groups that have more than one (it was most of the grouping's time).
 * valeurs: the retained rows plus the computed régions, a view: a région's published row gives way to the row
 *   computed from its départements' counts. Only the computed rows are stored (a few per région, year and
 *   indicator); storing every retained row a second time made each refresh slower, where a query filters both
 *   tables first and pays little for the anti-join.
 * mesures: every measure derived from `valeurs` (share, gap, parity index, low reliability, reason for NULL),
 *   computed when read: a projection of the rows a query keeps (storing its seven columns made each refresh slower).
 */
export const CREATE_VIEWS = `
${observationsViewSql([])}

CREATE OR REPLACE VIEW v_observations AS
${retainedSql('observations', 'jeux')};

CREATE OR REPLACE TABLE observations_retenues AS SELECT * FROM v_observations LIMIT 0;

CREATE OR REPLACE TABLE valeurs_calculees AS SELECT * FROM (${computedSql('observations_retenues')}) LIMIT 0;

CREATE OR REPLACE VIEW valeurs AS
${valuesSql('observations_retenues', 'valeurs_calculees')};

CREATE OR REPLACE VIEW mesures AS
SELECT m.*,
  50 - m.part AS ecart_parite,
  CASE WHEN m.part IS NULL THEN NULL
       WHEN m.hommes_calc IS NOT NULL AND m.hommes_calc > 0 THEN m.femmes / m.hommes_calc
       WHEN m.hommes_calc IS NULL AND m.part < 100 THEN m.part / (100 - m.part) END AS indice_parite,
  coalesce(m.statut = 'faible_fiabilite', FALSE) OR coalesce(m.femmes < ${LOW_RELIABILITY_THRESHOLD}, FALSE) AS faible_fiabilite,
  CASE WHEN m.part IS NOT NULL THEN NULL
       WHEN m.statut = 'secret' THEN 'secret'
       WHEN m.parts_seules THEN 'parts_seules'
       ELSE 'absent' END AS raison
FROM (
  SELECT v.*,
    coalesce(v.total, v.femmes + v.hommes) AS effectif,
    CASE WHEN v.femmes IS NOT NULL THEN coalesce(v.hommes, v.total - v.femmes) END AS hommes_calc,
    CASE WHEN v.femmes IS NOT NULL AND coalesce(v.total, v.femmes + v.hommes) > 0
         THEN 100.0 * v.femmes / coalesce(v.total, v.femmes + v.hommes)
         ELSE v.part_femmes END AS part
  FROM valeurs v
) m;
`;

/** The tables refreshMeasures writes, by the short name their candidates take after a prefix (see speculateMeasures). */
const MEASURE_TABLES = { retenues: 'observations_retenues', calculees: 'valeurs_calculees', jeux: 'jeux_indicateurs' } as const;
type MeasureTables = Record<keyof typeof MEASURE_TABLES, string>;

/** Writes the tables `t` from relations shaped like `observations` and `jeux`. */
function measureTablesSql(t: MeasureTables, observations: string, datasets: string): string {
  return `CREATE OR REPLACE TABLE ${t.retenues} AS ${retainedSql(observations, datasets)};
CREATE OR REPLACE TABLE ${t.calculees} AS ${computedSql(t.retenues)};
CREATE OR REPLACE TABLE ${t.jeux} AS SELECT jeu, indicateur, min(annee) AS debut, max(annee) AS fin FROM ${t.retenues} GROUP BY jeu, indicateur;`;
}

/** The candidates' names for `prefix`. */
function candidates(prefix: string): MeasureTables {
  return { retenues: quoteIdent(`${prefix}retenues`), calculees: quoteIdent(`${prefix}calculees`), jeux: quoteIdent(`${prefix}jeux`) };
}

/**
 * The tables refreshMeasures writes, computed ahead as candidates named `prefix` + retenues, calculees, jeux, from
 * relations shaped like `observations` and `jeux` (an analysis not yet committed: see speculateMeasures).
 */
export function candidateMeasuresSql(prefix: string, observations: string, datasets: string): string {
  return measureTablesSql(candidates(prefix), observations, datasets);
}

/** Puts the candidates of `prefix` in the place of the tables refreshMeasures writes (renamed, not copied). */
export function adoptCandidatesSql(prefix: string): string {
  const c = candidates(prefix);
  return (Object.keys(MEASURE_TABLES) as (keyof MeasureTables)[])
    .map((k) => `DROP TABLE ${MEASURE_TABLES[k]}; ALTER TABLE ${c[k]} RENAME TO ${MEASURE_TABLES[k]};`).join('\n');
}

/** Drops the candidates of `prefix`, if any are left. */
export function dropCandidatesSql(prefix: string): string {
  return Object.values(candidates(prefix)).map((t) => `DROP TABLE IF EXISTS ${t};`).join(' ');
}

/**
 * Recomputes what every builder reads, once per change of data (load, import, activation) instead of once per
 * query: `observations_retenues` (v_observations), `valeurs_calculees` (the régions computed from their
 * départements, stored under the view `valeurs`) and
 * `jeux_indicateurs` (which dataset gives shown rows of which indicator, first and last year: the sources under each
 * chart and the data view's coverage). Not sorted
 * (sorting costs every refresh): every builder orders what it returns, and the one order-sensitive
 * aggregate (the trend's slope) orders its own input (tests/sql/overview.test.ts stores the rows in other orders).
 */
export async function refreshMeasures(conn: Connector): Promise<void> {
  await conn.exec(measureTablesSql(MEASURE_TABLES, 'observations', 'jeux'));
}
