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
