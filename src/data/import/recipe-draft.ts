import { foldKey } from './numbers';
import { Recipe } from './recipe';

/** The first column whose folded name is one of `names`, else '' (a field is only pre-filled from a column's name). */
function byName(header: readonly string[], names: readonly string[]): string {
  return header.find((h) => names.includes(foldKey(h))) ?? '';
}

/**
 * A new recipe for a file no recipe fits: only columns whose names say what they hold are pre-filled (a territory,
 * a year, a women column); the indicator is the one given (the form gives '': the analyst chooses); every other field starts empty (the analyst must fill it before the recipe is valid), never
 * with a column chosen for its place in the header nor with a year or codes made up.
 */
export function blankRecipe(header: readonly string[], indicator: string): Recipe {
  return {
    v: 1, nom: 'Ma recette', indicateur: indicator,
    // Also as SIES's exports name them: Parcoursup's `Code départemental de l’établissement` and `Session`, the
    // Atlas's `dep_id` and `annee_universitaire` (`2022-23`).
    territoire: { colonne: byName(header, ['territoire', 'territory', 'departement', 'dep', 'dept', 'code_departement', 'code_du_departement', 'code_departemental_de_l_etablissement', 'dep_id', 'geo']) },
    annee: { colonne: byName(header, ['annee', 'an', 'year', 'rentree', 'rentree_scolaire', 'rentree_universitaire', 'annee_universitaire', 'session', 'time_period', 'millesime']) },
    sexe: { mode: 'colonnes', femmes: byName(header, ['femmes', 'filles', 'women', 'female']) },
    mesure: { mode: 'compte' },
    filtres: [],
  };
}

/**
 * A recipe as the analyst edits it in the form: `patch` applied. A preset's dataset page (`url`, not a field of the
 * form) stays only while the preset is applied as it is: the recipe changed, the page may not be its file's.
 */
export function editedRecipe(r: Recipe, patch: Partial<Recipe>): Recipe {
  return { ...r, ...patch, url: undefined };
}

/**
 * The analyst's recipe as saved, for this file's header exactly (it applies itself to that layout only): without a
 * preset's recognising columns (`requiert`) or dataset page. Null when it is not a valid recipe.
 */
export function recipeToSave(r: Recipe, header: readonly string[]): Recipe | null {
  const p = Recipe.safeParse({ ...r, entete: [...header], requiert: undefined, url: undefined });
  return p.success ? p.data : null;
}
