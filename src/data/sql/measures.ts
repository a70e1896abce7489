import { z } from 'zod';
import { sqlQuery } from './quote';
import type { SqlQuery } from '../connector';

/** Why a value is missing: secret (statistical confidentiality), a région with only shares below it, or no data. */
export const MissingReason = z.enum(['secret', 'parts_seules', 'absent']);

/** One territory × year × indicator with every derived measure (view mesures over the view valeurs). */
export const MeasureRow = z.object({
  territoire: z.string(),
  annee: z.number().int(),
  indicateur: z.string(),
  femmes: z.number().nullable(),
  hommes: z.number().nullable(),
  effectif: z.number().nullable(),
  /** Share of women, percent. */
  part: z.number().nullable(),
  /** Points missing to parity: 50 − share (negative above parity). */
  ecart_parite: z.number().nullable(),
  /** Women per man. */
  indice_parite: z.number().nullable(),
  faible_fiabilite: z.boolean(),
  statut: z.string().nullable(),
  raison: MissingReason.nullable(),
  origine: z.enum(['observe', 'calcul_departements']),
  n_departements: z.number().int().nullable(),
  n_manquants: z.number().int().nullable(),
  illustratif: z.boolean(),
  source: z.string().nullable(),
});
export type MeasureRow = z.infer<typeof MeasureRow>;

const COLUMNS = `territoire, annee, indicateur, femmes, hommes_calc AS hommes, effectif, part, ecart_parite, indice_parite,
  faible_fiabilite, statut, raison, origine, n_departements, n_manquants, coalesce(illustratif, FALSE) AS illustratif, source`;

export interface MeasuresArgs {
  /** One indicator, or every indicator when absent. */
  readonly indicateur?: string;
  /** Several indicators (with or instead of `indicateur`). */
  readonly indicateurs?: readonly string[];
  /** One year, or every year when absent. */
  readonly annee?: number;
  /** Territory codes; every territory when absent. */
  readonly territoires?: readonly string[];
}

/**
 * Share of women, gap to parity and parity index for an indicator, computed from counts (or the published share
 * when no counts exist). Régions are computed from their départements' counts (table valeurs_calculees, under the view valeurs).
 */
export function measuresQuery(a: MeasuresArgs): SqlQuery {
  const where = ['TRUE'];
  const params: (string | number)[] = [];
  if (a.indicateur !== undefined) {
    where.push('indicateur = ?');
    params.push(a.indicateur);
  }
  if (a.indicateurs !== undefined) {
    where.push(`list_contains(string_split(?, ','), indicateur)`);
    params.push(a.indicateurs.join(','));
  }
  if (a.annee !== undefined) {
    where.push('annee = ?::INTEGER');
    params.push(a.annee);
  }
  if (a.territoires !== undefined) {
    where.push(`list_contains(string_split(?, ','), territoire)`);
    params.push(a.territoires.join(','));
  }
  return sqlQuery(`SELECT ${COLUMNS} FROM mesures WHERE ${where.join(' AND ')} ORDER BY territoire, indicateur, annee`, params);
}

/** The région's value computed from its départements' counts, with how many départements are missing. */
export function regionValueQuery(a: { region: string; indicateur: string; annee?: number }): SqlQuery {
  const params: (string | number)[] = [a.region, a.indicateur];
  let yearFilter = '';
  if (a.annee !== undefined) {
    yearFilter = ' AND annee = ?::INTEGER';
    params.push(a.annee);
  }
  return sqlQuery(
    `SELECT ${COLUMNS} FROM mesures WHERE territoire = ? AND indicateur = ?${yearFilter} AND origine = 'calcul_departements' ORDER BY annee`,
    params,
  );
}
