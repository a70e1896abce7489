/**
 * `npm run depp-nsi -- DIR [--write]`: recomputes `data/depp-nsi.csv` from DEPP's two spécialités files in DIR (or
 * `$DEPP_DIR`) through the import pipeline, and checks it byte for byte against the committed file (exit code 1 on
 * any difference); `--write` rewrites the committed file instead. Bundled by `vite build --ssr`, run by Node.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { deppNsiCsv, DEPP_FILES, hasDeppFiles } from './depp-nsi-lib';
import type { ImportCatalogue } from '../src/data/import/canonical';

const root = process.cwd();
const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? process.env['DEPP_DIR'];
if (!hasDeppFiles(dir)) {
  console.error(`Dossier des fichiers DEPP attendu (argument ou $DEPP_DIR), contenant ${Object.values(DEPP_FILES).join(' et ')}.`);
  console.error(`Expected the DEPP files' folder (argument or $DEPP_DIR), holding ${Object.values(DEPP_FILES).join(' and ')}.`);
  process.exit(2);
}
const csv = (f: string) => Papa.parse<Record<string, string>>(readFileSync(path.join(root, 'data', f), 'utf8'), { header: true, skipEmptyLines: true }).data;
const catalogue: ImportCatalogue = {
  territories: csv('territoires.csv').map((r) => ({ code: r['code'] ?? '', code_cog: r['code_cog'] ?? '', type: r['type'] ?? '', nom_fr: r['nom_fr'] ?? '' })),
  indicators: csv('indicators.csv').map((r) => r['id'] ?? ''),
};
const text = deppNsiCsv(dir, catalogue);
const target = path.join(root, 'data', 'depp-nsi.csv');
if (process.argv.includes('--write')) {
  writeFileSync(target, text);
  console.log(`data/depp-nsi.csv écrit / written (${text.split('\n').length - 2} lignes / rows)`);
} else if (readFileSync(target, 'utf8') === text) {
  console.log('data/depp-nsi.csv : identique, octet pour octet / identical, byte for byte');
} else {
  console.error('data/depp-nsi.csv diffère du calcul sur les fichiers DEPP / differs from the figures computed from the DEPP files');
  process.exit(1);
}
