/** The Node DuckDB connector lives with the build scripts (which must not import from tests/); tests use it from here. */
export { openNodeDb, openDefaultDb, readDefaultFiles, ROOT } from '../../scripts/node-db';
