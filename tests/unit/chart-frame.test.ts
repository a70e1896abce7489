import { describe, expect, test } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ChartFrame } from '../../src/charts/ChartFrame';
import { decodeSnapshot } from '../../src/snapshot/codec';
import type { ChartSnapshot } from '../../src/snapshot/schema';
import { fr } from '../../src/i18n/fr';
import fragmentsV1 from '../fixtures/embed-fragments-v1.json';

async function snapshot(kind: keyof typeof fragmentsV1): Promise<ChartSnapshot> {
  const r = await decodeSnapshot(fragmentsV1[kind]);
  if (!r.ok) throw new Error(r.reason);
  return r.snapshot;
}

/** The frame as React renders it, with a share button passed as its action (as the views do). */
const render = (s: ChartSnapshot) =>
  renderToStaticMarkup(createElement(ChartFrame, { snapshot: s, actions: createElement('button', { 'data-testid': 'share' }, 'Partager'), children: createElement('svg', { 'data-drawing': '' }) }));

const count = (html: string, text: string) => html.split(text).length - 1;

describe('a chart with no data says so once, with nothing to share', () => {
  test('without a value: the title and one sentence; no Share button, no summary, no table button, no drawing', async () => {
    const full = await snapshot('ranking');
    const empty: ChartSnapshot = { ...full, summary: fr.summaryNoData, series: full.series.map((x) => ({ ...x, points: x.points.map((p) => ({ ...p, y: null })) })) };
    const html = render(empty);
    expect(html).toContain(full.title);
    expect(count(html, fr.chartEmpty) + count(html, fr.summaryNoData)).toBe(1);
    expect(html).not.toContain('data-testid="share"');
    expect(html).not.toContain(fr.showTable);
    expect(html).not.toContain('data-drawing');
    expect(html).toContain('data-empty="true"');
    expect(html).not.toContain('data-ready');
  });

  test('with data: the share button, the summary, the drawing and data-ready', async () => {
    const full = await snapshot('ranking');
    const html = render(full);
    expect(html).toContain('data-testid="share"');
    expect(html).toContain('data-drawing');
    expect(html).toContain('data-ready="true"');
    expect(html).not.toContain(fr.chartEmpty);
  });
});
