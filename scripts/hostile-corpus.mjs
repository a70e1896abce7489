#!/usr/bin/env node
/**
 * The hostile-input corpus that is not committed as files: binaries, other encodings and large files, built
 * deterministically from code (tests/fixtures/hostile/cases.json lists every case, committed or generated).
 *
 *   node scripts/hostile-corpus.mjs DIR     writes every generated file into DIR (the one over the size cap as a
 *                                           sparse file: it takes no disk space)
 *   node scripts/hostile-corpus.mjs --docs  rewrites the case tables of docs/reliability.md from cases.json (the
 *                                           import files' `cases`, and the stored records' `stored`)
 *
 * Tests call `generate(name)` directly: nothing large is written to disk, and the file over the size cap is a
 * zero-filled buffer whose pages the engine never touches (the size check comes before any read).
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, ftruncateSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CASES_PATH = path.join(root, 'tests/fixtures/hostile/cases.json');
export const DOC_PATH = path.join(root, 'docs/reliability.md');

/** The import's size cap (src/data/import/guard.ts MAX_BYTES; a test checks they agree). */
export const SIZE_CAP = 256 * 1024 * 1024;

const CANONICAL = 'territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source';
const enc = (s) => new TextEncoder().encode(s);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Windows-1252 bytes: Latin-1 letters as their code point, and the 0x80–0x9F punctuation used below. */
const CP1252 = { '€': 0x80, '‚': 0x82, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Œ': 0x8c };
export function cp1252(s) {
  return Uint8Array.from([...s].map((c) => {
    const b = CP1252[c] ?? c.charCodeAt(0);
    if (b > 0xff) throw new Error(`not in Windows-1252: ${c}`);
    return b;
  }));
}

/** UTF-16 LE, with a byte order mark unless `bom` is false. */
export function utf16le(s, bom = true) {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[(bom ? 2 : 0) + i * 2] = s.charCodeAt(i) & 0xff;
    out[(bom ? 3 : 1) + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive with stored (uncompressed) entries and a fixed date: what `unzip -l` and Excel can open. */
export function zipStore(entries) {
  const u16 = (n) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  const DOS_TIME = 0;
  const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = enc(name);
    const crc = crc32(data);
    const common = [...u16(20), ...u16(0), ...u16(0), ...u16(DOS_TIME), ...u16(DOS_DATE), ...u32(crc), ...u32(data.length), ...u32(data.length), ...u16(n.length), ...u16(0)];
    const local = concat(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...common]), n, data);
    centrals.push(concat(Uint8Array.from([0x50, 0x4b, 0x01, 0x02, ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset)]), n));
    locals.push(local);
    offset += local.length;
  }
  const central = concat(...centrals);
  const end = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length), ...u32(central.length), ...u32(offset), ...u16(0)]);
  return concat(...locals, central, end);
}

/** A 1×1 PNG (signature, IHDR, IDAT, IEND). */
export function png1x1() {
  const chunk = (type, data) => {
    const td = concat(enc(type), data);
    const len = data.length;
    const crc = crc32(td);
    return concat(Uint8Array.from([len >>> 24, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff]), td, Uint8Array.from([crc >>> 24, (crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]));
  };
  const ihdr = Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const idat = new Uint8Array(deflateSync(Uint8Array.from([0, 0xcc, 0x33, 0x66])));
  return concat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0)));
}

const XLSX_PARTS = [
  ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'],
  ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
  ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>'],
  ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
  ['xl/worksheets/sheet1.xml', '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>territoire</t></is></c></row></sheetData></worksheet>'],
];

/** Words of the long sources of the share cases: a text of exactly `n` characters, cut between words. */
const SOURCE_WORDS = ['Insee,', 'recensement', 'de', 'la', 'population', '2021,', 'exploitation', 'complémentaire,', 'tableaux', 'détaillés', 'des', 'métiers', 'du', 'numérique', 'par', 'département', 'et', 'sexe'];
export function longSource(n, seed = 0) {
  let s = `Source ${seed}`;
  for (let i = 0; s.length < n; i++) s += ` ${SOURCE_WORDS[(i + seed) % SOURCE_WORDS.length]}`;
  return s.length > n ? `${s.slice(0, n - 1).trimEnd()}.`.padEnd(n, '.') : s;
}

const DEPS = ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'];
const years = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The files of the share cases: valid imports whose charts once made « Partager » fail (issue 17, defect 5). */
export const SHARE_FILES = {
  // One source of 450 characters (the import accepts 500).
  'partage-source-450.csv': () => enc(`${CANONICAL}\n${['31', '34', '09'].map((d, i) => `${d},2024,emploi_numerique,${900 + i},${2100 + i},${3000 + 2 * i},,,"${longSource(450)}"`).join('\n')}\n`),
  // Three sources of 500 characters each: the dataset cites the first three, joined.
  'partage-trois-sources-500.csv': () => enc(`${CANONICAL}\n${['31', '34', '09'].map((d, i) => `${d},2024,emploi_numerique,${900 + i},${2100 + i},${3000 + 2 * i},,,"${longSource(500, i + 1)}"`).join('\n')}\n`),
  // Five départements over 25 years, the région summed from them: a partial sum every year.
  'partage-sommes-partielles.csv': () => enc(`${CANONICAL}\n${years(2000, 2024).flatMap((y) => DEPS.slice(0, 5).map((d, i) => `${d},${y},specialistes_tic,${100 + i + y - 2000},${900 + i},${1000 + 2 * i + y - 2000},,,Insee`)).join('\n')}\n`),
  // A source ending with U+202E (right-to-left override): what follows it on the same line would be mirrored.
  'partage-source-bidi.csv': () => enc(`${CANONICAL}\n31,2024,emploi_technique,500,1500,2000,,,Insee\u202e\n34,2024,emploi_technique,400,1600,2000,,,Insee\u202e\n`),
  // Every département secret for 25 years: the secret note names each of them, year by year.
  'partage-secret-13.csv': () => enc(`${CANONICAL}\n${years(2000, 2024).flatMap((y) => DEPS.map((d) => `${d},${y},demandeurs_numerique,,,,,secret,Dares`)).join('\n')}\n`),
};


/**
 * A canonical file over the fast import path's 2 MB (src/data/import/fast.ts FAST_MIN_BYTES): 56,000 rows in all,
 * clean and grouped as published files are, `late` being its last lines, far beyond the head the fast path analyses.
 * No clean row uses the indicator `specialistes_tic`: late lines use it for keys of their own.
 */
export function bigCanonical(late) {
  const territories = Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((c) => c !== '20' && c !== '76').concat(['2A', '2B']);
  const indicators = ['emploi_numerique', 'emploi_technique', 'nsi_lycee', 'sup_numerique', 'formation_numerique', 'demandeurs_numerique'];
  const lines = [CANONICAL];
  const clean = 56000 - late.length;
  let i = 0;
  for (const ind of indicators) {
    for (const t of territories) {
      for (let y = 1990; y <= 2100 && i < clean; y++, i++) {
        const w = 100 + ((i * 37) % 900);
        const m = 200 + ((i * 53) % 800);
        lines.push(`${t},${y},${ind},${w},${m},${w + m},,,Insee`);
      }
    }
  }
  return enc([...lines, ...late].join('\n') + '\n');
}

/** Generators of the files that are not committed, by the file name used in cases.json. */
export const GENERATED = {
  'windows-1252.csv': () =>
    cp1252('Territoire;Année;Indicateur;Femmes;Hommes;Total;Part_femmes;Statut;Source\r\n'
      + 'Ariège;2024;emploi_numerique;120;380;500;;;Données d’Insee – coût 0 €\r\n'
      + 'Hérault;2024;emploi_numerique;1 234,5;2 765,5;4 000;;;Œuvre « régionale »…\r\n'
      + 'Pyrénées-Orientales;2024;nsi_lycee;;;;14,5;;Depp\r\n'),
  'utf16le-tabulations.txt': () =>
    utf16le('territoire\tannée\tindicateur\tfemmes\thommes\ttotal\tpart_femmes\tstatut\tsource\r\n'
      + 'Ariège\t2024\temploi_numerique\t120\t380\t500\t\t\tEnquête « emploi »\r\n'
      + '2A\t2024\tnsi_lycee\t\t\t\t12,5\testimation\t\r\n'),
  'utf16le-sans-bom.txt': () => utf16le('territoire\tannee\tindicateur\tfemmes\ttotal\r\n31\t2024\temploi_numerique\t1\t3\r\n', false),
  'utf8-octets-invalides.csv': () =>
    concat(enc(`${CANONICAL}\n31,2024,emploi_numerique,1,2,3,,,Données régionales\n`),
      enc('H'), Uint8Array.from([0xe9]), enc(`rault,2024,emploi_numerique,1,2,3,,,Hérault\n`),
      enc('48,2024,emploi_numerique,1,2,3,,,Lozère '), Uint8Array.from([0xc3, 0x28]), enc('\n'),
      enc('11,2024,emploi_numerique,1,2,3,,,Aude é è à ç\n')),
  'nul-apres-4-ko.csv': () => enc(`${CANONICAL}\n31,2024,emploi_numerique,1,2,3,,,${'x'.repeat(5000)}\n34,2024,emploi_numerique,1,2,3,,,a\u0000b\n`),
  'cellule-10-mo.csv': () => enc(`${CANONICAL}\n31,2024,emploi_numerique,1,2,3,,,"${'Insee, '.repeat(1_497_966)}"\n34,2024,emploi_numerique,1,2,3,,,Insee\n`),
  '10000-colonnes.csv': () => {
    const extra = Array.from({ length: 9991 }, (_, i) => `c${i + 1}`);
    return enc(`${CANONICAL},${extra.join(',')}\n31,2024,emploi_numerique,1,2,3,,,Insee,${extra.map((_, i) => i).join(',')}\n34,2024,emploi_numerique,4,6,10,,,Insee,${extra.map(() => '').join(',')}\n`);
  },
  'trop-gros.csv': () => {
    // Zero-filled past the header: the pages are never touched, so this costs no memory in practice.
    const big = new Uint8Array(SIZE_CAP + 1);
    big.set(enc(`${CANONICAL}\n`));
    return big;
  },
  'archive-zip.csv': () => zipStore([['donnees.csv', enc(`${CANONICAL}\n31,2024,emploi_numerique,1,2,3,,,\n`)]]),
  'classeur-xlsx.csv': () => zipStore(XLSX_PARTS.map(([n, x]) => [n, enc(x)])),
  'image-png.csv': () => png1x1(),
  // Issue 17, defect 4: a number cell of 300,000 digits (or spaces) then a letter, in a `;` file (once minutes to report).
  'limite-chiffres-300000.csv': () => enc(`${CANONICAL.replace(/,/g, ';')}\n31;2024;emploi_numerique;1;2;3;;;\n34;2024;emploi_numerique;${'1'.repeat(300_000)}a;2;3;;;\n`),
  'limite-espaces-300000.csv': () => enc(`${CANONICAL.replace(/,/g, ';')}\n31;2024;emploi_numerique;1;2;3;;;\n34;2024;emploi_numerique;${' '.repeat(300_000)}a;2;3;;;\n`),
  // Issue 17: the fast path (files over 2 MB) and the full one must read these late lines alike.
  'rapide-bom-doublon.csv': () => bigCanonical(['\ufeff31,2024,emploi_numerique,10,90,100,,,Insee']),
  'rapide-double-bom.csv': () => bigCanonical(['\ufeff\ufeff81,2024,specialistes_tic,10,90,100,,,Insee']),
  'rapide-espace-guillemet-nombres.csv': () =>
    bigCanonical(['31,2024,specialistes_tic, "30",70,100,,,Insee', '34,2024,specialistes_tic, "1,5",70,100,,,Insee']),
  'rapide-texte-apres-guillemet.csv': () => bigCanonical(['46,2024,specialistes_tic,1,2,3,,,"Insee" RP']),
  'rapide-espace-guillemet-source.csv': () => bigCanonical(['48,2024,specialistes_tic,10,90,100,,, "Insee0"']),
};

/** The bytes of a generated case. */
export function generate(name) {
  const g = GENERATED[name];
  if (!g) throw new Error(`no generator for ${name}`);
  return g();
}

/** The bytes of a share case's import file (the `embeds` entries of cases.json name them). */
export function generateShare(name) {
  const g = SHARE_FILES[name];
  if (!g) throw new Error(`no share file ${name}`);
  return g();
}

/** Writes every generated file into `dir`; the one over the size cap is a sparse file. */
export function writeAll(dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(GENERATED)) {
    const file = path.join(dir, name);
    if (name === 'trop-gros.csv') {
      const fd = openSync(file, 'w');
      writeSync(fd, enc(`${CANONICAL}\n`));
      ftruncateSync(fd, SIZE_CAP + 1);
      closeSync(fd);
    } else writeFileSync(file, generate(name));
  }
  return Object.keys(GENERATED);
}

const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s) => `\`${String(s).replace(/`/g, "'")}\``;

/** The markdown table of cases, in one language: file, case, outcome, what is read or reported. */
export function renderCasesTable(cases, lang) {
  const fr = lang === 'fr';
  const outcome = { imported: fr ? 'importé' : 'imported', partial: fr ? 'partiel' : 'partial', refused: fr ? 'refusé' : 'refused' };
  const head = fr
    ? '| fichier | cas | résultat | lignes lues | lecture, et problèmes signalés (code, ligne, colonne) |\n| --- | --- | --- | --- | --- |'
    : '| file | case | outcome | rows read | reading, and problems reported (code, line, column) |\n| --- | --- | --- | --- | --- |';
  const lines = cases.map((c) => {
    const where = (l, col) => [l === null ? '' : `${fr ? 'ligne' : 'line'} ${l}`, col === null ? '' : `${fr ? 'colonne' : 'column'} ${code(col)}`].filter(Boolean).join(', ');
    const problems = c.expect.problems.map(([k, l, col]) => [code(k), where(l, col)].filter(Boolean).join(' ')).join(' ; ');
    const what = [fr ? c.lecture_fr : c.lecture_en, problems].filter(Boolean).join(fr ? ' — problèmes : ' : ' — problems: ');
    const file = `${code(c.file)}${c.generated ? (fr ? ' (généré)' : ' (generated)') : ''}`;
    return `| ${file} | ${esc(fr ? c.cas_fr : c.cas_en)} | ${outcome[c.outcome]} | ${c.expect.rows} | ${esc(what)} |`;
  });
  return [head, ...lines].join('\n');
}

/** Replaces the text between `<!-- hostile:LANG -->` and `<!-- /hostile:LANG -->` with the generated table. */
export function withCaseTables(doc, cases) {
  return withMarkedTables(doc, 'hostile', (lang) => renderCasesTable(cases, lang));
}

/**
 * The markdown table of the stored-record cases (cases.json's `stored`: records planted in IndexedDB, replayed on
 * start), in one language: case, id planted, expected outcome.
 */
export function renderStoredTable(stored, lang) {
  const fr = lang === 'fr';
  const head = fr
    ? '| cas | identifiant planté | résultat attendu |\n| --- | --- | --- |'
    : '| case | id planted | expected outcome |\n| --- | --- | --- |';
  const lines = stored.map((c) => `| ${esc(fr ? c.cas_fr : c.cas_en)} | ${code(JSON.stringify(c.record.id ?? null))} | ${esc(fr ? c.expect.fr : c.expect.en)} |`);
  return [head, ...lines].join('\n');
}

/** Replaces the text between `<!-- hostile-stored:LANG -->` and `<!-- /hostile-stored:LANG -->` with the generated table. */
export function withStoredTables(doc, stored) {
  return withMarkedTables(doc, 'hostile-stored', (lang) => renderStoredTable(stored, lang));
}

/** What an embed case feeds: a v1 fragment with values set by path, an embed code pasted on a page, or an import. */
function embedInput(e, fr) {
  if (e.import) return `${code(e.import.file)}${fr ? ' (généré), indicateur ' : ' (generated), indicator '}${code(e.import.indicateur)}${fr ? ', puis « Partager »' : ', then “Share”'}`;
  // Bidirectional controls written as escapes: in the docs they would reorder the table itself.
  const shown = (v) => JSON.stringify(v).replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const sets = e.fragment.set.map(([k, v]) => code(`${k} = ${shown(v)}`)).join(', ');
  const base = `fragment ${code(e.fragment.base)}${sets ? `${fr ? ' :' : ':'} ${sets}` : ''}`;
  return e.host ? `${base}${fr ? `, code d’intégration ×${e.host} sur une page d’un autre site` : `, embed code ×${e.host} on another site's page`}` : base;
}

/** The markdown table of the embed and share cases (the `embeds` key of cases.json), in one language. */
export function renderEmbedsTable(embeds, lang) {
  const fr = lang === 'fr';
  const outcome = { refused: fr ? 'refusé' : 'refused', drawn: fr ? 'dessiné' : 'drawn', shared: fr ? 'partagé' : 'shared' };
  const head = fr ? '| cas | entrée | résultat | ce qui est vérifié |\n| --- | --- | --- | --- |' : '| case | input | outcome | what is checked |\n| --- | --- | --- | --- |';
  const lines = embeds.map((e) => `| ${esc(fr ? e.cas_fr : e.cas_en)} | ${esc(embedInput(e, fr))} | ${outcome[e.outcome]} | ${esc(fr ? e.resultat_fr : e.resultat_en)} |`);
  return [head, ...lines].join('\n');
}

/** Replaces the text between `<!-- hostile-embeds:LANG -->` and `<!-- /hostile-embeds:LANG -->` with the table. */
export function withEmbedTables(doc, embeds) {
  return withMarkedTables(doc, 'hostile-embeds', (lang) => renderEmbedsTable(embeds, lang));
}

/**
 * Replaces the text between `<!-- NAME:LANG -->` and `<!-- /NAME:LANG -->` with the table in that language, for
 * each language whose markers the document holds (docs/reliability.md is in French: its markers are `:fr`). A
 * document without any marker of that name is an error: its table would silently be missing.
 */
function withMarkedTables(doc, name, table) {
  let out = doc;
  let found = 0;
  for (const lang of ['fr', 'en']) {
    const re = new RegExp(`(<!-- ${name}:${lang} -->)[\\s\\S]*?(<!-- /${name}:${lang} -->)`);
    if (!re.test(out)) continue;
    found++;
    out = out.replace(re, (_m, a, b) => `${a}\n${table(lang)}\n${b}`);
  }
  if (!found) throw new Error(`docs: no ${name} markers found`);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2];
  if (arg === '--docs') {
    const all = JSON.parse(readFileSync(CASES_PATH, 'utf8'));
    const cases = all.cases;
    const stored = all.stored ?? [];
    const embeds = all.embeds ?? [];
    const doc = withEmbedTables(withStoredTables(withCaseTables(readFileSync(DOC_PATH, 'utf8'), cases), stored), embeds);
    writeFileSync(DOC_PATH, doc);
    console.log(`docs/reliability.md: ${cases.length} cases, ${stored.length} stored records, ${embeds.length} embed cases`);
  } else if (arg) {
    console.log(writeAll(path.resolve(arg)).join('\n'));
  } else {
    console.error('usage: node scripts/hostile-corpus.mjs DIR | --docs');
    process.exit(1);
  }
}
