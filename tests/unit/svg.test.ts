import { describe, expect, test } from 'vitest';
import { chartSvg } from '../../src/render/svg/chart';
import { DARK, LIGHT } from '../../src/render/palette';
import { snapshotSvg } from '../../src/render/to-svg';
import type { ChartSnapshot, Point } from '../../src/snapshot/schema';
import { OCCITANIE_DEPARTEMENTS } from '../helpers/constants';

const DEPS = OCCITANIE_DEPARTEMENTS;

const pt = (x: string | number, label: string, y: number | null, over: Partial<Point> = {}): Point => ({ x, label, y, ...over });

const snap = (kind: ChartSnapshot['kind'], over: Partial<ChartSnapshot> = {}): ChartSnapshot => ({
  v: 1, kind, lang: 'fr', title: 'Titre <b>', unit: '%', indicateur: 'emploi_numerique', definition: 'Déf', summary: 'Résumé',
  series: [], references: [{ id: 'parite', label: 'Parité (50 %)', value: 50 }], notes: [], illustratif: false,
  sources: [{ name: 'Insee', date: '2026-11-29', licence: 'Licence Ouverte 2.0', illustratif: false }],
  generatedAt: '2026-11-29T10:00:00.000Z', permalink: 'https://exemple.fr/', ...over,
});

const CASES: ChartSnapshot[] = [
  snap('ranking', {
    series: [{ id: 'classement', label: 'Occitanie', role: 'departement', points: DEPS.map((c, i) => pt(c, i === 0 ? 'Pyrénées-Orientales <script>' : `Dép ${c}`, i === 3 ? null : 20 + i / 2, { rang: i + 1, evolution_rang: i % 3 - 1, flags: i === 3 ? { raison: 'secret' } : { faible: i === 2 } })) }],
    references: [{ id: 'parite', label: 'Parité (50 %)', value: 50 }, { id: 'region', label: 'Occitanie (25 %)', value: 25 }, { id: 'france', label: 'France (24 %)', value: 24 }],
  }),
  snap('pipeline', {
    series: ['76', 'FR'].map((id, j) => ({ id, label: id, role: j ? 'pays' as const : 'focus' as const, points: ['a', 'b', 'c'].map((x, i) => pt(x, `Étape ${x} · Un indicateur au libellé assez long pour être coupé`, 10 + i * 5 + j, { annee: 2024 })) })),
  }),
  snap('trend', {
    series: [
      { id: '76', label: 'Occitanie', role: 'region', points: [2015, 2016, 2017, 2018].map((x) => pt(x, String(x), x === 2017 ? null : 20 + x - 2015, { flags: x === 2018 ? { statut: 'rupture' } : undefined })) },
      { id: 'FR', label: 'France', role: 'pays', points: [2015, 2016, 2017, 2018].map((x) => pt(x, String(x), 19 + x - 2015)) },
      { id: '76-projection', label: 'Projection', role: 'projection', points: [pt(2018, '2018', 23), pt(2030, '2030', 30)] },
    ],
  }),
  snap('map', { series: [{ id: 'departements', label: 'Occitanie', role: 'departement', points: DEPS.map((c, i) => pt(c, `Dép ${c}`, i === 8 ? null : 20 + i, { flags: i === 8 ? { raison: 'secret' } : { faible: i === 1 } })) }] }),
  snap('kpi', { kpis: [{ id: 'part', label: 'Part des femmes', value: '25,2 %', numeric: 25.2 }, { id: 'ecart', label: 'Écart', value: '24,8 pts', numeric: 24.8, detail: 'à la parité' }] }),
];

/** Checks that markup is well-formed XML as far as tags and text go: balanced tags, no stray `<` or `&`. */
function wellFormed(xml: string): void {
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (const m of xml.matchAll(re)) {
    expect(m.index, `unparsable markup at ${xml.slice(consumed, consumed + 60)}`).toBe(consumed);
    consumed += m[0].length;
    if (m[5] !== undefined) {
      expect(m[5]).not.toMatch(/&(?!(lt|gt|amp|quot|#39);)/);
      continue;
    }
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2] ?? '');
  }
  expect(consumed).toBe(xml.length);
  expect(stack).toEqual([]);
}

/** Narrow no-break spaces (French number formatting) read as plain spaces. */
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const fontSizes = (svg: string) => [...svg.matchAll(/<text[^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('the SVG renderer shared by the embed and the exports', () => {
  test.each(CASES.map((s) => [s.kind, s] as const))('%s: well-formed at 320 and 1000 px, labels escaped, no script', (_k, s) => {
    for (const w of [320, 1000]) {
      const { svg, height } = chartSvg(s, w, { links: (c) => `https://exemple.fr/?territoire=${c}&lang=en` });
      wellFormed(svg);
      expect(svg).toContain(`width="${w}"`);
      expect(height).toBeGreaterThan(50);
      expect(svg).not.toMatch(/<script/i);
      if (s.kind === 'ranking') expect(svg).toContain('Pyrénées-Orientales &lt;script&gt;');
      // Chart text keeps at least 11 px (map labels are in the map's own units, scaled at drawing).
      if (s.kind !== 'map') expect(Math.min(...fontSizes(svg))).toBeGreaterThanOrEqual(11);
    }
    wellFormed(snapshotSvg(s).svg);
  });

  test('bars: labels beside the bars when wide, above them when narrow; every value written, a missing one in words', () => {
    const s = CASES[0] as ChartSnapshot;
    const wide = nb(chartSvg(s, 900).svg);
    const narrow = nb(chartSvg(s, 340).svg);
    expect((wide.match(/text-anchor="end"[^>]*>\d+\. /g) ?? []).length).toBe(13);
    expect((narrow.match(/text-anchor="end"[^>]*>\d+\. /g) ?? []).length).toBe(0);
    // The full name in the label column, the rank change with the value; on a phone, after the name above the bar.
    expect(wide).toContain('1. Pyrénées-Orientales &lt;script&gt;</text>');
    expect(wide).toMatch(/data-value-label="">[^<]*▼1<\/text>/);
    expect(narrow).toContain('1. Pyrénées-Orientales &lt;script&gt; ▼1</text>');
    expect(narrow).toContain('secret statistique');
    expect(narrow).toContain('21,0 % *');
    // Reference lines: explained in the legend with their own dash pattern.
    expect(narrow).toContain('Occitanie (25 %)');
    expect(narrow).toContain('stroke-dasharray="6 3"');
  });

  test('bars: a label longer than its lines ends with « … », never cut silently', () => {
    const long = 'Un indicateur dont le libellé est vraiment très long, bien trop long pour tenir en quatre lignes dans la colonne des libellés, même sur un téléphone où il a toute la largeur, car il répète encore et encore des mots, puis d’autres mots encore, et encore d’autres, et toujours d’autres mots qui ne tiendront jamais, jusqu’à la fin';
    const s = snap('pipeline', { series: [{ id: '76', label: '76', role: 'focus', points: [pt('a', `Étape · ${long}`, 20, { annee: 2024 }), pt('b', 'Étape · Court', 30)] }] });
    const texts = (w: number) => [...nb(chartSvg(s, w).svg).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
    // Labels beside the bars or above them on a phone, six lines at most: the last line says it is cut.
    for (const w of [3000, 700, 340]) {
      expect(texts(w).join(' ')).not.toContain('jusqu’à la fin');
      expect(texts(w).filter((t) => t.endsWith('…'))).toHaveLength(1);
      expect(texts(w)).toContain('Court');
    }
  });

  test('map: 13 départements, links only when asked, each named with its value; a secret value hatched', () => {
    const s = CASES[3] as ChartSnapshot;
    const linked = nb(chartSvg(s, 600, { links: (c) => `https://exemple.fr/?territoire=${c}&x="y"` }).svg);
    expect((linked.match(/<a href="https:\/\/exemple\.fr\/\?territoire=\d\d&amp;x=&quot;y&quot;" target="_blank" rel="noopener"/g) ?? []).length).toBe(13);
    expect(linked).toContain('aria-label="Dép 31 : 24,0 %. Voir la fiche du département"');
    expect(chartSvg(s, 600).svg).not.toContain('<a ');
    expect(linked).toMatch(/fill="url\(#pno-hatch\)"[^>]*><title>Dép 48 : secret statistique<\/title>/);
  });

  test('trend: a gap where a value is missing, a hollow marker and a dotted line at a series break', () => {
    const { svg } = chartSvg(CASES[2] as ChartSnapshot, 700);
    const occitanie = [...svg.matchAll(/<polyline points="([^"]+)"[^>]*stroke="#0072B2" stroke-width="3"/g)];
    expect(occitanie).toHaveLength(2); // 2015–2016, then 2018
    expect(svg).toContain('stroke-dasharray="1 3"');
    expect(svg).toMatch(/<circle [^>]*fill="#ffffff" stroke="#0072B2"/);
  });

  test('the dark palette draws no mark or text in the light ink, and leaves exports light', () => {
    for (const s of CASES) {
      // Map labels sit on the colour scale's fills, dark on light ones whatever the theme: left out here.
      const dark = chartSvg(s, 500, { palette: DARK }).svg.replace(/<g aria-hidden="true"><text [^>]*data-map-name[\s\S]*?<\/g>/, '');
      expect(dark, s.kind).not.toContain(`"${LIGHT.ink}"`);
      expect(dark, s.kind).not.toContain(`"${LIGHT.soft}"`);
      expect(snapshotSvg(s).svg).toContain(`fill="${LIGHT.paper}"`);
    }
  });
});
