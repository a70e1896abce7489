import { chartSvg } from '../render/svg/chart';
import { DARK, LIGHT } from '../render/palette';
import { altText } from '../snapshot/alt-text';
import type { ChartSnapshot } from '../snapshot/schema';
import { h, svgElement } from './dom';
import { kpiGridVars } from '../render/kpi-layout';

export interface ChartViewOpts {
  /** Whether the dark palette applies now (theme of the embed code, or the reader's system). */
  readonly dark: () => boolean;
  /** Map only: the dashboard page of a département. */
  readonly hrefFor: (code: string) => string;
}

/** KPI cards as a list: text that wraps and reflows by itself, styled and laid out like the dashboard's. */
function kpiList(s: ChartSnapshot): HTMLElement {
  const vars = Object.entries(kpiGridVars((s.kpis ?? []).length)).map(([k, v]) => `${k}:${v}`).join(';');
  return h('div', { class: 'kpi-box' }, h('ul', { class: 'kpi-grid', style: vars }, ...(s.kpis ?? []).map((k) =>
    h('li', { class: 'kpi', 'data-kpi': k.id, 'data-value': k.numeric === null ? '' : String(k.numeric) },
      h('span', { class: 'kpi-label' }, k.label),
      h('span', { class: 'kpi-value' }, k.value),
      k.detail ? h('span', { class: 'kpi-detail' }, k.detail) : null,
    ),
  )));
}

/**
 * Draws the chart into `body` with the SVG renderer of the exports, at the width `body` has, and draws it again
 * when that width or the reader's colour scheme changes, so text keeps its size from a 320 px phone to a wide
 * column. The SVG is an image named by the chart's text alternative; on the map, each département is a link.
 */
export function mountChart(body: HTMLElement, s: ChartSnapshot, o: ChartViewOpts): void {
  if (s.kind === 'kpi') {
    body.replaceChildren(kpiList(s));
    return;
  }
  const label = altText(s);
  let drawn = '';
  const draw = () => {
    const width = Math.floor(body.getBoundingClientRect().width);
    const key = `${width}:${o.dark()}`;
    if (width <= 0 || key === drawn) return;
    drawn = key;
    const { svg } = chartSvg(s, width, { palette: o.dark() ? DARK : LIGHT, links: s.kind === 'map' ? o.hrefFor : undefined });
    const el = svgElement(svg);
    el.setAttribute('class', 'chart-svg');
    // Links inside an image would be hidden from screen readers: the map is a labelled group of links instead.
    el.setAttribute('role', s.kind === 'map' ? 'group' : 'img');
    el.setAttribute('aria-label', label);
    body.replaceChildren(el);
  };
  draw();
  let frame = 0;
  // Redrawn in the next frame, not inside the observer's callback (which would report a resize loop).
  const later = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  };
  new ResizeObserver(later).observe(body);
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', later);
}
