import { describe, expect, test } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { chartSvg } from '../../src/render/svg/chart';
import { MapChart } from '../../src/charts/map/MapChart';
import { mapScale } from '../../src/render/grammar/map';
import { LIGHT } from '../../src/render/palette';
import { fr } from '../../src/i18n/fr';
import type { ChartSnapshot, Point } from '../../src/snapshot/schema';
import { OCCITANIE_DEPARTEMENTS as DEPS } from '../helpers/constants';

/** Real values for three départements (a DEPP import, say), illustrative ones for the others. */
const REAL = new Set(['31', '34', '66']);

function mapOf(illustratif: (code: string) => boolean): ChartSnapshot {
  const points: Point[] = DEPS.map((c, i) => ({ x: c, label: `Dép ${c}`, y: 20 + i, flags: { illustratif: illustratif(c) } }));
  return {
    v: 1, kind: 'map', lang: 'fr', title: 'Carte', unit: '%', indicateur: 'nsi_lycee', definition: 'Déf', summary: 'Résumé',
    series: [{ id: 'departements', label: 'Occitanie', role: 'departement', points }], references: [{ id: 'parite', label: 'Parité (50 %)', value: 50 }],
    notes: [], illustratif: true,
    sources: [{ name: 'DEPP', date: '2025-06-30', licence: 'Licence Ouverte 2.0', illustratif: false }, { name: 'Illustratif', date: null, licence: 'MIT', illustratif: true }],
    generatedAt: '2026-12-04T10:00:00.000Z', permalink: 'https://exemple.fr/',
  };
}
const mixed = mapOf((c) => !REAL.has(c));
const allIllustrative = mapOf(() => true);

/** The fill of each département's shape, by code, in the renderer's SVG (from its title, « Dép 31 : … »). */
function svgFills(svg: string): Map<string, { fill: string; muted: boolean }> {
  return new Map([...svg.matchAll(/<path d="[^"]*" fill="([^"]+)"( data-illustrative="")?[^>]*><title>Dép (\d\d) :/g)].map((m) => [m[3] as string, { fill: m[1] as string, muted: Boolean(m[2]) }]));
}

describe('a map mixing real and illustrative values mutes the illustrative ones, as the bars and the trend do', () => {
  const sc = mapScale(DEPS.map((_, i) => 20 + i));
  test('SVG renderer (embeds, exports): illustrative départements lighter than their colour on the scale, real ones as they are; the legend says so', () => {
    const svg = chartSvg(mixed, 700).svg;
    const fills = svgFills(svg);
    expect(fills.size).toBe(13);
    DEPS.forEach((c, i) => {
      const f = fills.get(c);
      expect(f?.muted, c).toBe(!REAL.has(c));
      if (REAL.has(c)) expect(f?.fill).toBe(sc.color(20 + i));
      else expect(f?.fill).not.toBe(sc.color(20 + i));
    });
    expect(svg).toContain(fr.legendIllustrative);
  });
  test('SVG renderer: a map all illustrative keeps its colours and has no such legend line (its label says it)', () => {
    const svg = chartSvg(allIllustrative, 700).svg;
    expect([...svgFills(svg).values()].some((f) => f.muted)).toBe(false);
    expect(svg).not.toContain(fr.legendIllustrative);
  });
  test('dashboard (MapChart): the same départements muted, with the same fills, and the legend line', () => {
    const html = renderToStaticMarkup(createElement(MapChart, { snapshot: mixed, hrefFor: (c: string) => `?territoire=${c}` }));
    const muted = [...html.matchAll(/<a href="\?territoire=(\d\d)"[^>]*><path d="[^"]*" fill="([^"]+)"( data-illustrative="")?/g)];
    expect(muted).toHaveLength(13);
    const svg = svgFills(chartSvg(mixed, 700, { palette: LIGHT }).svg);
    for (const [, code, fill, flag] of muted) {
      expect(Boolean(flag), code).toBe(!REAL.has(code as string));
      expect(fill).toBe(svg.get(code as string)?.fill);
    }
    expect(html).toContain(fr.legendIllustrative);
    const none = renderToStaticMarkup(createElement(MapChart, { snapshot: allIllustrative, hrefFor: (c: string) => `?territoire=${c}` }));
    expect(none).not.toContain('data-illustrative');
    expect(none).not.toContain(fr.legendIllustrative);
  });
});
