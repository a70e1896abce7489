import { describe, expect, it } from 'vitest';
import type { IndicatorRow, SourceRow, TerritoryRow } from '../../src/data/sql/catalogue';
import type { MeasureRow } from '../../src/data/sql/measures';
import type { TrendRow } from '../../src/data/sql/trend';
import { buildTrend } from '../../src/snapshot/build-series';
import type { SnapshotContext } from '../../src/snapshot/context';
import type { ChartSnapshot, Point, Series } from '../../src/snapshot/schema';
import { MAX_TICKS } from '../../src/render/svg/ticks';
import { chartSvg } from '../../src/render/svg/chart';
import { textWidth } from '../../src/render/svg/text';
import { LIGHT } from '../../src/render/palette';
import { valueAxis, yearTicks } from '../../src/render/grammar/scale';
import { departementColor, territoryColor } from '../../src/render/grammar/colors';
import { clearOfLines, MAX_LABEL_SHIFT, spread } from '../../src/render/grammar/labels';
import { inkOn, mapScale } from '../../src/render/grammar/map';
import { trendGrammar } from '../../src/render/grammar/trend';
import { fr } from '../../src/i18n/fr';

const DEPS = ['09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82'];
const NAMES: Record<string, string> = { '09': 'Ariège', '11': 'Aude', '12': 'Aveyron', '30': 'Gard', '31': 'Haute-Garonne', '32': 'Gers', '34': 'Hérault', '46': 'Lot', '48': 'Lozère', '65': 'Hautes-Pyrénées', '66': 'Pyrénées-Orientales', '81': 'Tarn', '82': 'Tarn-et-Garonne' };
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const pt = (x: string | number, label: string, y: number | null, over: Partial<Point> = {}): Point => ({ x, label, y, ...over });
const snap = (kind: ChartSnapshot['kind'], over: Partial<ChartSnapshot> = {}): ChartSnapshot => ({
  v: 1, kind, lang: 'fr', title: 'Titre', unit: '%', indicateur: 'emploi_numerique', definition: 'Déf', summary: 'Résumé',
  series: [], references: [{ id: 'parite', label: 'Parité (50 %)', value: 50 }], notes: [], illustratif: false,
  sources: [{ name: 'Insee', date: '2026-11-29', licence: 'Licence Ouverte 2.0', illustratif: false }],
  generatedAt: '2026-11-29T10:00:00.000Z', permalink: 'https://exemple.fr/', ...over,
});
const texts = (svg: string) => [...nb(svg).matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => ({ attrs: m[1] ?? '', text: m[2] ?? '' }));
const attr = (attrs: string, name: string) => Number(new RegExp(` ${name}="([-\\d.]+)"`).exec(attrs)?.[1]);

/** The ranking of the real page: names as published, rank changes compared with 2023, references near the values. */
const ranking = (values: readonly number[]) => snap('ranking', {
  series: [{ id: 'classement', label: 'Occitanie', role: 'departement', points: DEPS.map((c, i) => pt(c, NAMES[c] ?? c, values[i] ?? 20, { rang: i + 1, evolution_rang: (i % 3) - 1, rang_depuis: 2023 })) }],
  references: [{ id: 'parite', label: 'Parité (50 %)', value: 50 }, { id: 'region', label: 'Occitanie (25,2 %)', value: 25.2 }, { id: 'france', label: 'France (23,8 %)', value: 23.8 }],
});

describe('chart grammar: ticks', () => {
  it('includes a 50 % tick whenever parity is drawn, at any size and for any highest value', () => {
    for (const highest of [0, 3, 14.6, 22, 27.5, 38, 49.9, 50, 51, 63, 77.7, 99, 100]) {
      for (const px of [60, 120, 200, 270, 340, 500, 900, 1400]) {
        for (const dir of ['x', 'y'] as const) {
          const a = valueAxis(highest, px, { parity: true, dir });
          expect(a.ticks, `${highest} ${px} ${dir}`).toContain(50);
          expect(a.max).toBeGreaterThanOrEqual(Math.max(50, Math.min(100, highest)));
          expect(a.ticks.every((t, i) => i === 0 || t > (a.ticks[i - 1] as number))).toBe(true);
        }
      }
    }
  });

  it('draws at most MAX_TICKS ticks for hostile values, and round steps otherwise', () => {
    for (const v of [1e308, -1e308, NaN, Infinity, -5]) expect(valueAxis(v, 1e9, { parity: true, dir: 'y' }).ticks.length).toBeLessThanOrEqual(MAX_TICKS);
    expect(yearTicks(-1e12, 2100, 1e9).length).toBeLessThanOrEqual(MAX_TICKS);
    expect(yearTicks(NaN, 2100, 300)).toEqual([]);
    expect(valueAxis(28, 270, { parity: true, dir: 'y' }).ticks).toEqual([0, 10, 20, 30, 40, 50, 60]);
    // Whole years only, never two crowded at the end (« 2029 2030 »).
    expect(yearTicks(2015, 2030, 300)).toEqual([2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030]);
  });

  it('gives the exported trend the ticks of the trend shown on the page', () => {
    const s = snap('trend', { series: [{ id: '76', label: 'Occitanie', role: 'region', points: [2015, 2020, 2024].map((x) => pt(x, String(x), 20 + (x - 2015) / 2)) }, { id: '76-projection', label: 'p', role: 'projection', points: [pt(2024, '2024', 24.5), pt(2030, '2030', 27)] }] });
    // The dashboard's plot (charts/trend/TrendChart.tsx: 270 px high, about 1,200 px wide) and the export's (to-svg.ts: 1,120 × 340).
    const shown = trendGrammar(s, 1200, 270, LIGHT);
    const exported = trendGrammar(s, 1120, 340, LIGHT);
    expect(exported.y.ticks).toEqual(shown.y.ticks);
    expect(exported.years).toEqual(shown.years);
    expect(shown.y.ticks).toContain(50);
    // And the export writes them.
    const drawn = texts(chartSvg(s, 1120, { height: 340 }).svg).map((t) => t.text);
    for (const v of shown.y.ticks) expect(drawn).toContain(`${v} %`);
  });
});

describe('chart grammar: labels', () => {
  it('spreads end labels so that none overlaps another', () => {
    const ys = spread([100, 101, 102, 300], 14, 0, 320);
    const sorted = [...ys].sort((a, b) => a - b);
    sorted.forEach((y, i) => i && expect(y - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(14));
    expect(clearOfLines(100, 40, [120])).toBeGreaterThan(120);
  });

  /** The reference lines of a bar chart's SVG (vertical, 2 or 1.5 px wide), each segment with its ends. */
  const refSegments = (svg: string) => [...svg.matchAll(/<line x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)" y2="([\d.]+)" stroke="(#[0-9a-f]+)" stroke-width="(?:2|1.5)"/gi)]
    .filter((m) => m[1] === m[2]).map((m) => ({ x: Number(m[1]), y1: Number(m[3]), y2: Number(m[4]) }));
  /** The value labels, each with its glyphs' box (ascenders to descenders) from the renderer's width estimate. */
  const valueBoxes = (svg: string) => texts(svg).filter((t) => t.attrs.includes('data-value-label')).map((v) => {
    const size = attr(v.attrs, 'font-size');
    const y = attr(v.attrs, 'y');
    return { text: v.text, x: attr(v.attrs, 'x'), w: textWidth(v.text, size), top: y - size, bottom: y + 0.3 * size };
  });
  /** The bars of a bar chart's SVG, outside patterns and legend: their right ends, in drawing order. */
  const barEnds = (svg: string) => [...svg.replace(/<defs>.*?<\/defs>/g, '').matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="\d+"/g)].map((m) => Number(m[1]) + Number(m[3]));
  /** The comparison of the real territory page: three series, labels with their year, parity far right. */
  const comparison = () => snap('comparison', {
    series: (['34', '76', 'FR'] as const).map((id, j) => ({ id, label: id, role: (['focus', 'region', 'pays'] as const)[j] ?? 'focus', points: ['a', 'b', 'c', 'd'].map((x, i) => pt(x, `Étape · Indicateur ${x}`, [14.1, 21.5, 28.1, 25.7][i]! + j, { annee: 2022, flags: i === 1 ? { faible: true } : undefined })) })),
  });

  it('puts no value label of a bar chart under a reference line, at any width', () => {
    // Values just under the région's and France's lines, so that their labels would run across them.
    const charts = [ranking([25, 24.9, 23.5, 23.6, 22, 25.1, 21, 20, 19, 23.7, 18, 17, 16]), ranking(DEPS.map((_, i) => 27.5 - i / 2)), comparison()];
    for (const s of charts) {
      for (const w of [320, 340, 600, 700, 900, 1200]) {
        const { svg } = chartSvg(s, w);
        const lines = refSegments(svg);
        expect(new Set(lines.map((l) => l.x)).size, `${w}`).toBeGreaterThanOrEqual(s.references.length);
        const values = valueBoxes(svg);
        expect(values.length).toBe(s.series.length * (s.series[0]?.points.length ?? 0));
        for (const v of values) {
          for (const l of lines) {
            const under = l.x >= v.x - 1 && l.x <= v.x + v.w + 1 && l.y1 < v.bottom && l.y2 > v.top;
            expect(under, `${s.kind} ${w}px: « ${v.text} » at ${v.x}–${v.x + v.w} under the line at ${l.x} (${l.y1}–${l.y2})`).toBe(false);
          }
        }
      }
    }
  });

  it('draws each reference line of a bar chart as one line on a phone, broken only around the value labels it meets', () => {
    // Issue 20: at 320 px the comparison's parity line came as one fragment per row, cut at every label row.
    for (const s of [comparison(), ranking(DEPS.map((_, i) => 27.5 - i / 2)), ranking([25, 24.9, 23.5, 23.6, 22, 25.1, 21, 20, 19, 23.7, 18, 17, 16])]) {
      for (const w of [320, 375, 500]) {
        const { svg } = chartSvg(s, w);
        const lines = refSegments(svg);
        const values = valueBoxes(svg);
        for (const x of new Set(lines.map((l) => l.x))) {
          const segments = lines.filter((l) => l.x === x).sort((a, b) => a.y1 - b.y1);
          const met = values.filter((v) => x >= v.x - 4 && x <= v.x + v.w + 4).length;
          expect(segments.length, `${s.kind} ${w}px: the line at ${x}`).toBeLessThanOrEqual(1 + met);
          // From above the first row to below the last.
          expect(segments[0]?.y1, `${s.kind} ${w}px`).toBeLessThan(Math.min(...values.map((v) => v.top)));
          expect(segments.at(-1)?.y2, `${s.kind} ${w}px`).toBeGreaterThan(Math.max(...values.map((v) => v.bottom)));
        }
      }
    }
  });

  it('keeps each value label next to its bar: at most MAX_LABEL_SHIFT + 5 px past its end, never over it', () => {
    for (const s of [ranking(DEPS.map((_, i) => 27.5 - i / 2)), ranking([25, 24.9, 23.5, 23.6, 22, 25.1, 21, 20, 19, 23.7, 18, 17, 16]), comparison()]) {
      for (const w of [320, 375, 520, 700, 1000, 1280]) {
        const { svg } = chartSvg(s, w);
        const ends = barEnds(svg);
        const values = valueBoxes(svg);
        expect(ends).toHaveLength(values.length);
        values.forEach((v, i) => {
          const gap = v.x - (ends[i] as number);
          expect(gap, `${s.kind} ${w}px: « ${v.text} » ${gap.toFixed(1)} px past its bar`).toBeGreaterThanOrEqual(4);
          expect(gap, `${s.kind} ${w}px: « ${v.text} » ${gap.toFixed(1)} px past its bar`).toBeLessThanOrEqual(MAX_LABEL_SHIFT + 5);
        });
      }
    }
  });

  it('writes names in full, never cut with « … », and says which year a rank change compares with', () => {
    const s = ranking(DEPS.map((_, i) => 28 - i));
    for (const w of [320, 375, 600, 1000, 1280]) {
      const all = texts(chartSvg(s, w).svg).map((t) => t.text);
      expect(all.filter((t) => t.includes('…')), `${w}`).toEqual([]);
      expect(all.join(' '), `${w}`).toContain('Pyrénées-Orientales');
      expect(all.join(' ')).toContain('▲1 vs 2023');
      expect(all.join(' ')).toContain('▼1 vs 2023');
    }
  });

  it('keeps a rank with its name (« 11. Pyrénées-Orientales » never split after « 11. »), breaking a long name only at a hyphen', () => {
    const s = ranking(DEPS.map((_, i) => 28 - i));
    for (let w = 320; w <= 1280; w += 10) {
      const labels = texts(chartSvg(s, w).svg).filter((t) => !t.attrs.includes('data-value-label')).map((t) => t.text);
      expect(labels.filter((t) => /^\d+\.$/.test(t.trim())), `${w}px`).toEqual([]);
      const i = labels.findIndex((t) => t.startsWith('11. Pyrénées'));
      expect(i, `${w}px`).toBeGreaterThanOrEqual(0);
      // Whole, or cut after its hyphen with « Orientales » on the next line.
      const name = labels[i]?.includes('Pyrénées-Orientales') ? 'Pyrénées-Orientales' : `${labels[i]?.slice(4)}${labels[i + 1]?.split(' ')[0]}`;
      expect(name, `${w}px`).toBe('Pyrénées-Orientales');
    }
  });

  it('names each pipeline stage once, its indicators kept together', () => {
    const stages = [['emploi_numerique', 'Emploi'], ['emploi_technique', 'Emploi'], ['demandeurs', 'Insertion'], ['specialistes_tic', 'Emploi']];
    const s = snap('pipeline', { series: [{ id: '76', label: 'Occitanie', role: 'focus', points: stages.map(([id, st], i) => pt(id as string, `${st} · Indicateur ${i}`, 20 + i, { annee: 2022 })) }] });
    for (const w of [340, 1000]) {
      const all = texts(chartSvg(s, w).svg);
      const bold = all.filter((t) => t.attrs.includes('font-weight="700"')).map((t) => t.text);
      expect(bold, `${w}`).toEqual(['Emploi', 'Insertion']);
      const order = all.map((t) => t.text).filter((t) => t.startsWith('Indicateur'));
      expect(order).toEqual(['Indicateur 0', 'Indicateur 1', 'Indicateur 3', 'Indicateur 2']);
    }
  });
});

describe('chart grammar: illustrative values drawn apart from real ones', () => {
  const flagged = (ill: readonly boolean[]) => snap('comparison', {
    illustratif: true,
    series: (['34', '76'] as const).map((id, j) => ({ id, label: id, role: (['focus', 'region'] as const)[j] ?? 'focus', points: ill.map((il, i) => pt(`i${i}`, `Étape · Indicateur ${i}`, 20 + i + j, { flags: { illustratif: il } })) })),
  });
  const bars = (svg: string) => [...svg.replace(/<defs>.*?<\/defs>/g, '').matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="\d+"([^>]*)>/g)].map((m) => ({ y: Number(m[1]), attrs: m[2] ?? '' }));

  it('draws illustrative bars lighter and outlined where the chart mixes them with real ones, and says so in the legend', () => {
    for (const w of [320, 700, 1280]) {
      const { svg } = chartSvg(flagged([false, true, true, false]), w);
      const drawn = bars(svg).sort((a, b) => a.y - b.y);
      expect(drawn).toHaveLength(8);
      // Two bars a row (focus, région), rows in order: real, illustrative, illustrative, real.
      expect(drawn.map((b) => b.attrs.includes('data-illustrative') && b.attrs.includes('fill-opacity'))).toEqual([false, false, true, true, true, true, false, false]);
      expect(texts(svg).map((t) => t.text)).toContain(fr.legendIllustrative);
    }
  });

  it('draws an illustrative line lighter beside real ones, in the dashboard\'s grammar and the exported SVG, and says so', () => {
    const line = (id: string, role: Series['role'], il: boolean): Series => ({ id, label: id, role, points: [2020, 2022, 2024].map((x) => pt(x, String(x), 20, { flags: { illustratif: il } })) });
    const s = snap('trend', { illustratif: true, series: [line('76', 'region', true), line('FR', 'pays', false)] });
    const g = trendGrammar(s, 900, 270, LIGHT);
    expect(g.mixed).toBe(true);
    expect(g.styles.map((x) => x.opacity)).toEqual([0.45, 1]);
    const { svg } = chartSvg(s, 900);
    expect(svg).toMatch(/<polyline [^>]*stroke-opacity="0.45"/);
    expect(texts(svg).map((t) => t.text)).toContain(fr.legendIllustrative);
    const same = snap('trend', { illustratif: true, series: [line('76', 'region', true), line('FR', 'pays', true)] });
    expect(trendGrammar(same, 900, 270, LIGHT).styles.map((x) => x.opacity)).toEqual([1, 1]);
  });

  it('draws a chart all illustrative (or all real) as before: its label and notes say it, no faded bars', () => {
    for (const ill of [[true, true, true], [false, false, false]]) {
      const { svg } = chartSvg(flagged(ill), 700);
      expect(bars(svg).filter((b) => b.attrs.includes('data-illustrative'))).toEqual([]);
      expect(texts(svg).map((t) => t.text)).not.toContain(fr.legendIllustrative);
    }
  });
});

describe('chart grammar: one colour per territory', () => {
  const series = (roles: readonly [string, Series['role']][]) => roles.map(([id, role]) => ({ id, role }));
  it('gives a département the same colour as focus, as a line and as a bar, and fixed colours to région and France', () => {
    const comparison = series([['34', 'focus'], ['76', 'region'], ['FR', 'pays']]);
    const trend = series([['76', 'region'], ['FR', 'pays'], ['31', 'departement'], ['34', 'departement'], ['34-projection', 'projection']]);
    const c = (id: string, all: typeof trend) => territoryColor(all.find((x) => x.id === id) as (typeof trend)[number], all, LIGHT);
    expect(c('34', comparison)).toBe(departementColor('34', LIGHT));
    expect(c('34', trend)).toBe(c('34', comparison));
    expect(c('34-projection', trend)).toBe(c('34', comparison));
    expect(c('76', trend)).toBe(c('76', comparison));
    expect(c('FR', trend)).toBe(c('FR', comparison));
    expect(new Set([c('34', trend), c('31', trend), c('76', trend), c('FR', trend)]).size).toBe(4);
  });

  it('draws Hérault in one colour in the comparison bars and in the trend lines', () => {
    const comparison = snap('comparison', { series: [['34', 'focus'], ['76', 'region'], ['FR', 'pays']].map(([id, role]) => ({ id: id as string, label: id as string, role: role as Series['role'], points: [pt('a', 'A', 20), pt('b', 'B', 25)] })) });
    const trend = snap('trend', { series: [['34', 'focus'], ['76', 'region'], ['FR', 'pays']].map(([id, role], j) => ({ id: id as string, label: id as string, role: role as Series['role'], points: [2020, 2024].map((x) => pt(x, String(x), 20 + j)) })) });
    const fills = [...chartSvg(comparison, 900).svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="\d+" fill="(#[0-9a-fA-F]{6})"/g)].map((m) => m[1]);
    const strokes = [...chartSvg(trend, 900).svg.matchAll(/<polyline points="[^"]+" fill="none" stroke="(#[0-9a-fA-F]{6})"/g)].map((m) => m[1]);
    expect(fills[0]).toBe(departementColor('34', LIGHT));
    expect(strokes).toContain(departementColor('34', LIGHT));
    // France is never the orange of a département.
    expect(chartSvg(comparison, 900).svg).toContain(`<rect width="5" height="5" fill="${LIGHT.series.pays}"/>`);
  });
});

describe('chart grammar: projections', () => {
  const ctx: SnapshotContext = {
    lang: 'fr', generatedAt: '2026-11-29T10:00:00.000Z', permalink: 'https://exemple.fr/',
    territories: new Map([['76', { code: '76', type: 'region', nom_fr: 'Occitanie', nom_en: 'Occitanie', region: null, lieu_fr: 'en Occitanie', lieu_en: 'in Occitanie' } as TerritoryRow]]),
    sources: [{ id: 'x', nom_fr: 'X', nom_en: 'X', source: 'S', source_en: 'S', licence: 'L', licence_en: 'L', derniere_maj: null, illustratif: true } as SourceRow],
  };
  const indicator = { id: 'emploi_numerique', etape: 'emploi', ordre: 4, libelle_fr: 'Emplois', libelle_en: 'Jobs', definition_fr: 'D', definition_en: 'D', unite: '%', producteur: 'Insee', phrase_fr: 'des emplois', phrase_en: 'of jobs' } as IndicatorRow;
  const row = (annee: number, part: number) => ({ territoire: '76', annee, indicateur: 'emploi_numerique', femmes: part * 10, hommes: 1000 - part * 10, effectif: 1000, part, ecart_parite: 50 - part, indice_parite: null, faible_fiabilite: false, statut: null, raison: null, origine: 'observe', n_departements: null, n_manquants: null, illustratif: true, source: 's' }) as MeasureRow;

  it('starts after the last observed year, even when the pace is measured up to an earlier chosen year', () => {
    const rows = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map((y) => row(y, 20 + (y - 2015) * 0.5));
    // The year 2019 was chosen: the pace is measured up to it.
    const tr: TrendRow = { territoire: '76', n_points: 5, debut: 2015, fin: 2019, part_debut: 20, part_fin: 22, pente: 0.5, statut_parite: 'projetee', annee_parite: 2075 };
    const s = buildTrend(ctx, { indicator, focus: '76', series: [{ code: '76', role: 'region', rows }], trends: [tr], target: { cible: 50, annee: 2030 } });
    const proj = s.series.find((q) => q.role === 'projection');
    expect(proj).toBeDefined();
    const xs = (proj?.points ?? []).map((p) => Number(p.x));
    expect(Math.min(...xs)).toBe(2024);
    expect(proj?.points[0]?.y).toBe(24.5);
    // Drawn lighter and dashed, and labelled at its end.
    const g = trendGrammar(s, 1000, 300, LIGHT);
    const st = g.styles.find((x) => x.q.role === 'projection');
    expect(st?.dash).not.toBe('');
    expect(st?.opacity).toBeLessThan(1);
    expect(g.endLabels.map((l) => l.text)).toContain('projection');
  });
});

describe('chart grammar: the map', () => {
  const map = (values: readonly (number | null)[]) => snap('map', { series: [{ id: 'departements', label: 'Occitanie', role: 'departement', points: DEPS.map((c, i) => pt(c, NAMES[c] ?? c, values[i] ?? null)) }] });
  const luminance = (rgb: string) => (rgb.match(/\d+/g) ?? []).map(Number).reduce((a, c) => a + c, 0);

  it('fits a sequential scale to values on one side of parity, darker meaning more, and diverges only across 50 %', () => {
    const sc = mapScale([20.6, 22.4, 24.4, 25.9, 27.5]);
    expect(sc.kind).toBe('sequential');
    expect(sc.lo).toBeLessThanOrEqual(20.6);
    expect(sc.hi).toBeGreaterThanOrEqual(27.5);
    expect(sc.hi).toBeLessThan(40);
    expect(sc.parity).toBe('above');
    // The lowest and highest shares shown are far apart in lightness (the old 0–100 scale made them the same orange).
    expect(luminance(sc.color(20.6)) - luminance(sc.color(27.5))).toBeGreaterThan(250);
    expect(mapScale([40, 55]).kind).toBe('diverging');
    expect(mapScale([40, 55]).parity).toBeGreaterThan(0);
    expect(inkOn(sc.color(27.5))).toBe('#ffffff');
    expect(inkOn(sc.color(20.6))).toBe('#1c2333');
  });

  it('writes each département\'s name and its value as the ranking does (« 27,5 % »), and parity on the legend', () => {
    const values = [22, 21, 26, 22, 25.9, 21, 25.7, 24.8, 27.5, 20.6, 24.4, 22.4, 23.9];
    for (const w of [340, 375, 900]) {
      const all = texts(chartSvg(map(values), w).svg).map((t) => t.text);
      expect(all, `${w}`).toContain('27,5 %');
      expect(all).toContain('20,6 %');
      expect(all.filter((t) => /^(Hérault|Lozère|Gard|Lot|Tarn|Gers)$/.test(t))).toHaveLength(6);
      expect(all.join(' ')).toMatch(/50 % · parité/);
      expect(all.join(' ')).toContain('plus foncé');
    }
  });
});

describe('exports: the title wraps instead of running to the edge', () => {
  it('keeps every title line within the margins even in a wide bold font (0.7 em a character)', async () => {
    const { snapshotSvg } = await import('../../src/render/to-svg');
    const title = 'Évolution de la part des femmes, 2015–2024, et projection — Demandeurs d’emploi des métiers du numérique en Occitanie';
    for (const square of [false, true]) {
      const { svg, width } = snapshotSvg(snap('kpi', { title, kpis: [{ id: 'part', label: 'Part', value: '25 %', numeric: 25 }] }), { square });
      const lines = texts(svg).filter((t) => t.attrs.includes('font-size="26"')).map((t) => t.text);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(40 + l.length * 26 * 0.7, l).toBeLessThanOrEqual(width - 40);
    }
  });
});
