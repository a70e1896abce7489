/**
 * The real NSI default data (`data/depp-nsi.csv`), recomputed from DEPP's published spécialités files through the
 * project's own import pipeline: `runImport` with the DEPP presets, nothing typed. `nsi_lycee` is terminale (the
 * doublettes file, rentrées 2020–2022), `nsi_premiere` is première (the triplettes file, 2021–2022): one rentrée's
 * counts per file, never added together. France is the sum of every row of a file (every département of France);
 * the région is not written, the dashboard computes it from its départements' counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runImport } from '../src/data/import/run';
import type { CanonicalRow, ImportCatalogue } from '../src/data/import/canonical';

export const DEPP_FILES = {
  terminale: 'fr-en-effectifs-specialites-doublettes-terminale-generale.csv',
  premiere: 'fr-en-effectifs-specialites-triplettes-1ere-generale.csv',
} as const;

const HEADER = 'territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source';

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Canonical CSV of the rows: by indicator, year, then France before the départements in code order. */
export function toCanonicalCsv(rows: readonly CanonicalRow[]): string {
  const rank = (t: string) => (t === 'FR' ? '' : t);
  const sorted = [...rows].sort((a, b) => a.indicateur.localeCompare(b.indicateur) || a.annee - b.annee || rank(a.territoire).localeCompare(rank(b.territoire)));
  const lines = sorted.map((r) => [r.territoire, r.annee, r.indicateur, r.femmes, r.hommes, r.total, r.part_femmes, r.statut, r.source].map(csvCell).join(','));
  return `${[HEADER, ...lines].join('\n')}\n`;
}

/** Imports one DEPP file through its preset; throws, naming the file, on any error or on another preset. */
export function importDeppFile(bytes: Uint8Array, fileName: string, catalogue: ImportCatalogue, indicator: string): { rows: CanonicalRow[]; skipped: number; warnings: string[] } {
  const r = runImport(bytes, catalogue, { fileName });
  if (r.errors > 0) throw new Error(`${fileName}: ${r.errors} erreur(s) / error(s): ${r.problems.filter((p) => p.severity === 'erreur').slice(0, 5).map((p) => p.message_fr).join(' | ')}`);
  if (r.recipe?.indicateur !== indicator) throw new Error(`${fileName}: recette ${r.recipe?.nom ?? '(aucune)'} au lieu de celle de ${indicator} / recipe for ${indicator} expected`);
  return { rows: r.rows, skipped: r.skipped, warnings: r.problems.map((p) => p.message_fr) };
}

/** The committed file's text recomputed from the two DEPP files in `dir`. */
export function deppNsiCsv(dir: string, catalogue: ImportCatalogue): string {
  const read = (f: string) => new Uint8Array(readFileSync(path.join(dir, f)));
  const terminale = importDeppFile(read(DEPP_FILES.terminale), DEPP_FILES.terminale, catalogue, 'nsi_lycee');
  const premiere = importDeppFile(read(DEPP_FILES.premiere), DEPP_FILES.premiere, catalogue, 'nsi_premiere');
  return toCanonicalCsv([...terminale.rows, ...premiere.rows]);
}

/** Whether `dir` holds both DEPP files. */
export function hasDeppFiles(dir: string | undefined): dir is string {
  return Boolean(dir) && Object.values(DEPP_FILES).every((f) => existsSync(path.join(dir as string, f)));
}
