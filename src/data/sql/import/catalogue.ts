import { z } from 'zod';
import type { SqlQuery } from '../../connector';
import { sqlQuery } from '../quote';

/** What an import session reads of the loaded catalogue (src/data/import/session.ts). */

export const CatalogueTerritoryRow = z.object({ code: z.string(), code_cog: z.string(), type: z.string(), nom_fr: z.string() });
/** The territories an import is checked against. */
export function importTerritoriesQuery(): SqlQuery {
  return sqlQuery('SELECT code, code_cog, type, nom_fr FROM territoires');
}

export const IndicatorIdRow = z.object({ id: z.string(), libelle_fr: z.string(), libelle_en: z.string() });
/** The indicator ids an import is checked against, in the catalogue's order, with their names (the report's lists). */
export function importIndicatorsQuery(): SqlQuery {
  return sqlQuery('SELECT id, libelle_fr, libelle_en FROM indicateurs ORDER BY ordre');
}

export const PrioritiesRow = z.object({ priorite: z.number().int().nullable(), max: z.number().int() });
/** Dataset `id`'s priority when it is loaded (else NULL), and the highest loaded priority (0 when none). */
export function prioritiesQuery(id: string): SqlQuery {
  return sqlQuery('SELECT (SELECT priorite FROM jeux WHERE id = ?) AS priorite, coalesce((SELECT max(priorite) FROM jeux), 0) AS max', [id]);
}

export const MaxPriorityRow = z.object({ p: z.number().int().nullable() });
/** The highest loaded priority (NULL when none). */
export function maxPriorityQuery(): SqlQuery {
  return sqlQuery('SELECT max(priorite) AS p FROM jeux');
}

export const DatasetIdRow = z.object({ id: z.string() });
/** Every loaded dataset's id. */
export function datasetIdsQuery(): SqlQuery {
  return sqlQuery('SELECT id FROM jeux');
}

export const DatasetOriginRow = z.object({ id: z.string(), origine: z.string() });
/** Every loaded dataset's id and origin (`defaut` or `import`). */
export function datasetOriginsQuery(): SqlQuery {
  return sqlQuery('SELECT id, origine FROM jeux');
}

export const ImportedDatasetRow = z.object({ id: z.string(), nom: z.string() });
/** The imported datasets (id and name), highest priority first. */
export function importedDatasetsQuery(): SqlQuery {
  return sqlQuery("SELECT id, nom_fr AS nom FROM jeux WHERE origine = 'import' ORDER BY priorite DESC, id");
}

/** The temporary table a preview of an addition sums into (see previewImport). */
export const PREVIEW_SUM_TABLE = 'apercu_somme';
