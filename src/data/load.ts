import type { Connector } from './connector';
import { CREATE_TABLES, CREATE_VIEWS, refreshMeasures } from './sql/schema';
import { SAFE_SETTINGS, catalogueInsertSql, defaultDatasetsQuery, defaultObservationsSql, DROP_DEFAULT_DATASETS } from './sql/defaults';

/** The committed default data, as text (fetched in the browser, read from disk in Node). */
export interface DefaultFiles {
  readonly territories: string;
  readonly indicators: string;
  readonly datasets: string;
  /** Observation files by the name `data/datasets.csv` gives them in its `fichier` column. */
  readonly observations: Readonly<Record<string, string>>;
}

export { SAFE_SETTINGS } from './sql/defaults';

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
  await conn.exec(catalogueInsertSql({ territories: 'territoires.csv', indicators: 'indicators.csv', datasets: 'datasets.csv' }));
  const rows = await conn.query(defaultDatasetsQuery());
  const ids: string[] = [];
  for (const row of rows) {
    const id = String(row['id']);
    const file = String(row['fichier']);
    const text = files.observations[file];
    if (text === undefined) throw new Error(`Default dataset ${id}: file ${file} was not provided`);
    await conn.registerText(file, text);
    await conn.exec(defaultObservationsSql(id, file));
    await conn.dropFile(file);
    ids.push(id);
  }
  await conn.exec(DROP_DEFAULT_DATASETS);
  await refreshMeasures(conn);
  for (const f of ['territoires.csv', 'indicators.csv', 'datasets.csv']) await conn.dropFile(f);
  return ids;
}
