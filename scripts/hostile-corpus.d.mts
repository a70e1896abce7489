export const CASES_PATH: string;
export const DOC_PATH: string;
export const SIZE_CAP: number;
export function cp1252(s: string): Uint8Array;
export function utf16le(s: string, bom?: boolean): Uint8Array;
export function zipStore(entries: [string, Uint8Array][]): Uint8Array;
export function png1x1(): Uint8Array;
export const GENERATED: Record<string, () => Uint8Array>;
export function generate(name: string): Uint8Array;
/** A canonical file over the fast path's 2 MB (56,000 rows), `late` being its last lines. */
export function bigCanonical(late: readonly string[]): Uint8Array;
export function writeAll(dir: string): string[];
export interface CaseForTable {
  file: string;
  generated?: boolean;
  cas_fr: string;
  cas_en: string;
  outcome: 'imported' | 'partial' | 'refused';
  lecture_fr: string;
  lecture_en: string;
  expect: { rows: number; problems: [string, number | null, string | null][] };
}
export function renderCasesTable(cases: readonly CaseForTable[], lang: 'fr' | 'en'): string;
export function withCaseTables(doc: string, cases: readonly CaseForTable[]): string;
export interface StoredForTable {
  cas_fr: string;
  cas_en: string;
  record: { id?: unknown };
  expect: { fr: string; en: string };
}
export function renderStoredTable(stored: readonly StoredForTable[], lang: 'fr' | 'en'): string;
export function withStoredTables(doc: string, stored: readonly StoredForTable[]): string;
export function longSource(n: number, seed?: number): string;
export const SHARE_FILES: Record<string, () => Uint8Array>;
export function generateShare(name: string): Uint8Array;
export interface EmbedCaseForTable {
  cas_fr: string;
  cas_en: string;
  fragment?: { base: string; set: [string, unknown][] };
  import?: { file: string; indicateur: string };
  host?: number;
  outcome: 'refused' | 'drawn' | 'shared';
  resultat_fr: string;
  resultat_en: string;
}
export function renderEmbedsTable(embeds: readonly EmbedCaseForTable[], lang: 'fr' | 'en'): string;
export function withEmbedTables(doc: string, embeds: readonly EmbedCaseForTable[]): string;
