import { quoteLiteral, sqlQuery } from './quote';
import type { SqlQuery } from '../connector';
import { readCsvColumns } from './observation-schema';

/** Settings that keep DuckDB from reaching outside the page: the wasm build has only the core. */
export const SAFE_SETTINGS = `SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;`;

/** The SQL that loads the committed default data (src/data/load.ts) from files registered under these names. */

/**
 * read_csv with explicit types and no detection: our own files have a fixed layout. `padded`: a row may stop before
 * the last columns (NULL there): datasets.csv rows written before `producteur` and `url` existed still load.
 */
function readCsv(file: string, columns: string, padded = false): string {
  return `read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns}${padded ? ', null_padding = true' : ''})`;
}

/** The territories, the indicators and the default datasets (into the temporary table jeux_par_defaut) from their files. */
export function catalogueInsertSql(files: { readonly territories: string; readonly indicators: string; readonly datasets: string }): string {
  return `
    INSERT INTO territoires SELECT * FROM ${readCsv(files.territories, `{'code': 'VARCHAR', 'code_cog': 'VARCHAR', 'type': 'VARCHAR', 'nom_fr': 'VARCHAR', 'nom_en': 'VARCHAR', 'region': 'VARCHAR', 'occitanie': 'BOOLEAN', 'lieu_fr': 'VARCHAR', 'lieu_en': 'VARCHAR'}`)};
    INSERT INTO indicateurs SELECT * FROM ${readCsv(files.indicators, `{'id': 'VARCHAR', 'etape': 'VARCHAR', 'ordre': 'INTEGER', 'libelle_fr': 'VARCHAR', 'libelle_en': 'VARCHAR', 'definition_fr': 'VARCHAR', 'definition_en': 'VARCHAR', 'unite': 'VARCHAR', 'producteur': 'VARCHAR', 'phrase_fr': 'VARCHAR', 'phrase_en': 'VARCHAR'}`)};
    CREATE TEMP TABLE jeux_par_defaut AS SELECT * FROM ${readCsv(files.datasets, `{'id': 'VARCHAR', 'fichier': 'VARCHAR', 'nom_fr': 'VARCHAR', 'nom_en': 'VARCHAR', 'source': 'VARCHAR', 'source_en': 'VARCHAR', 'licence': 'VARCHAR', 'licence_en': 'VARCHAR', 'derniere_maj': 'DATE', 'illustratif': 'BOOLEAN', 'priorite': 'INTEGER', 'producteur': 'VARCHAR', 'url': 'VARCHAR'}`, true)};
    INSERT INTO jeux (id, nom_fr, nom_en, origine, source, source_en, licence, licence_en, derniere_maj, illustratif, priorite, actif, producteur, url)
      SELECT id, nom_fr, nom_en, 'defaut', source, source_en, licence, licence_en, derniere_maj, illustratif, priorite, TRUE, producteur, url FROM jeux_par_defaut;
  `;
}

/** The default datasets and the file each is read from, in priority order. */
export function defaultDatasetsQuery(): SqlQuery {
  return sqlQuery('SELECT id, fichier FROM jeux_par_defaut ORDER BY priorite');
}

/** Dataset `id`'s observations from the canonical CSV `file`. */
export function defaultObservationsSql(id: string, file: string): string {
  return `INSERT INTO observations_base SELECT ${quoteLiteral(id)}, * FROM ${readCsv(file, readCsvColumns())};`;
}

export const DROP_DEFAULT_DATASETS = 'DROP TABLE jeux_par_defaut;';
