import type { Connector } from './connector';
import { CREATE_TABLES, CREATE_VIEWS, refreshMeasures } from './sql/schema';
import { quoteLiteral } from './sql/quote';
import { readCsvColumns } from './sql/observation-schema';

/** The committed default data, as text (fetched in the browser, read from disk in Node). */
export interface DefaultFiles {
  readonly territories: string;
  readonly indicators: string;
  readonly datasets: string;
  /** Observation files by the name `data/datasets.csv` gives them in its `fichier` column. */
  readonly observations: Readonly<Record<string, string>>;
}

/** Settings that keep DuckDB from reaching outside the page: the wasm build has only the core. */
export const SAFE_SETTINGS = `SET autoload_known_extensions = false; SET autoinstall_known_extensions = false;`;

const OBS_COLUMNS = readCsvColumns();

/**
 * read_csv with explicit types and no detection: our own files have a fixed layout. `padded`: a row may stop before
 * the last columns (NULL there): datasets.csv rows written before `producteur` and `url` existed still load.
 */
function readCsv(file: string, columns: string, padded = false): string {
  return `read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns}${padded ? ', null_padding = true' : ''})`;
}

/**
 * Creates the schema and loads the committed default data into an empty database. Each observation file is
 * loaded under the dataset row that names it, so the dataset list and the observations never disagree. Resolves
 * to the default datasets' ids, in priority order: no stored import may take one (restoreImports).
 */
export async function loadDefaults(conn: Connector, files: DefaultFiles): Promise<string[]> {
  await conn.exec(SAFE_SETTINGS);
  await conn.exec(CREATE_TABLES);
  await conn.exec(CREATE_VIEWS);
  await conn.registerText('territoires.csv', files.territories);
  await conn.registerText('indicators.csv', files.indicators);
  await conn.registerText('datasets.csv', files.datasets);
  await conn.exec(`
    INSERT INTO territories SELECT * FROM ${readCsv('territoires.csv', `{'code': 'VARCHAR', 'code_cog': 'VARCHAR', 'type': 'VARCHAR', 'nom_fr': 'VARCHAR', 'nom_en': 'VARCHAR', 'region': 'VARCHAR', 'occitanie': 'BOOLEAN', 'lieu_fr': 'VARCHAR', 'lieu_en': 'VARCHAR'}`)};
    INSERT INTO indicators SELECT * FROM ${readCsv('indicators.csv', `{'id': 'VARCHAR', 'etape': 'VARCHAR', 'ordre': 'INTEGER', 'libelle_fr': 'VARCHAR', 'libelle_en': 'VARCHAR', 'definition_fr': 'VARCHAR', 'definition_en': 'VARCHAR', 'unite': 'VARCHAR', 'producteur': 'VARCHAR', 'phrase_fr': 'VARCHAR', 'phrase_en': 'VARCHAR'}`)};
    CREATE TEMP TABLE default_datasets AS SELECT * FROM ${readCsv('datasets.csv', `{'id': 'VARCHAR', 'fichier': 'VARCHAR', 'nom_fr': 'VARCHAR', 'nom_en': 'VARCHAR', 'source': 'VARCHAR', 'source_en': 'VARCHAR', 'licence': 'VARCHAR', 'licence_en': 'VARCHAR', 'derniere_maj': 'DATE', 'illustratif': 'BOOLEAN', 'priorite': 'INTEGER', 'producteur': 'VARCHAR', 'url': 'VARCHAR'}`, true)};
    INSERT INTO datasets (id, nom_fr, nom_en, origine, source, source_en, licence, licence_en, derniere_maj, illustratif, priorite, actif, producteur, url)
      SELECT id, nom_fr, nom_en, 'defaut', source, source_en, licence, licence_en, derniere_maj, illustratif, priorite, TRUE, producteur, url FROM default_datasets;
  `);
  const rows = await conn.query({ sql: 'SELECT id, fichier FROM default_datasets ORDER BY priorite', params: [] });
  const ids: string[] = [];
  for (const row of rows) {
    const id = String(row['id']);
    const file = String(row['fichier']);
    const text = files.observations[file];
    if (text === undefined) throw new Error(`Default dataset ${id}: file ${file} was not provided`);
    await conn.registerText(file, text);
    await conn.exec(`INSERT INTO observations_base SELECT ${quoteLiteral(id)}, * FROM ${readCsv(file, OBS_COLUMNS)};`);
    await conn.dropFile(file);
    ids.push(id);
  }
  await conn.exec('DROP TABLE default_datasets;');
  await refreshMeasures(conn);
  for (const f of ['territoires.csv', 'indicators.csv', 'datasets.csv']) await conn.dropFile(f);
  return ids;
}
