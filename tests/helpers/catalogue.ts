import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { ImportCatalogue } from '../../src/data/import/canonical';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The import catalogue built from the committed CSVs (the app builds the same from DuckDB). */
export function importCatalogue(): ImportCatalogue {
  const t = Papa.parse<Record<string, string>>(readFileSync(path.join(ROOT, 'data/territoires.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  const i = Papa.parse<Record<string, string>>(readFileSync(path.join(ROOT, 'data/indicators.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  return {
    territories: t.map((r) => ({ code: r['code'] ?? '', code_cog: r['code_cog'] ?? '', type: r['type'] ?? '', nom_fr: r['nom_fr'] ?? '' })),
    indicators: i.map((r) => r['id'] ?? ''),
  };
}

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1252 bytes of a Latin text (each character's code point, which is right for Latin-1 letters). */
export function cp1252(s: string): Uint8Array {
  return Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
}

/** UTF-16 LE with its byte order mark. */
export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + i * 2] = s.charCodeAt(i) & 0xff;
    out[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
}
