import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDefaults } from '../../src/data/load';
import { openNodeDb, ROOT } from './node-db';

/**
 * A small database with hand-made observations, so that expected values can be computed by hand.
 * Région 76 has three départements here (31, 34, 48); région REG-11 has one (75).
 */
export const FIXTURE_TERRITORIES = `code,code_cog,type,nom_fr,nom_en,region,occitanie,lieu_fr,lieu_en
76,76,region,Occitanie,Occitanie,,true,en X,in X
REG-11,11,region,Île-de-France,Île-de-France,,false,en X,in X
31,31,departement,Haute-Garonne,Haute-Garonne,76,true,en X,in X
34,34,departement,Hérault,Hérault,76,true,en X,in X
48,48,departement,Lozère,Lozère,76,true,en X,in X
75,75,departement,Paris,Paris,REG-11,false,en X,in X
FR,FR,pays,France,France,,false,en X,in X
`;

export const FIXTURE_DATASETS = `id,fichier,nom_fr,nom_en,source,source_en,licence,licence_en,derniere_maj,illustratif,priorite
test,test.csv,Jeu de test,Test dataset,Tests,Tests,Licence Ouverte 2.0,Open Licence 2.0,2026-01-15,true,1
`;

/** Builds a fixture database from observation rows (canonical CSV without the header). */
export async function openFixtureDb(rows: string[]) {
  const db = await openNodeDb();
  await loadDefaults(db, {
    territories: FIXTURE_TERRITORIES,
    indicators: readFileSync(path.join(ROOT, 'data/indicators.csv'), 'utf8'),
    datasets: FIXTURE_DATASETS,
    observations: { 'test.csv': ['territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source', ...rows].join('\n') + '\n' },
  });
  return db;
}
