import { useId, useLayoutEffect, useRef } from 'react';
import { chartSvg } from '../../render/svg/chart';
import type { ChartSnapshot } from '../../snapshot/schema';
import { svgElement } from '../../render/svg-element';
import { usePalette } from '../use-palette';

/**
 * Horizontal bars (ranking, pipeline, comparison), drawn by the SVG renderer of the exports and embeds at the
 * width the chart has, redrawn when that width changes: the dashboard shows exactly what is shared, and an
 * indicator change redraws at once (Recharts was much slower per bar chart, docs/performance.md). The SVG is an
 * image named by the chart's summary (the frame shows it, and its data as a table); its text is escaped by the renderer and parsed as XML.
 */
export function BarsChart({ snapshot }: { snapshot: ChartSnapshot }) {
  const ref = useRef<HTMLDivElement>(null);
  // The renderer's pattern ids, made unique per chart: two charts of one page would share them.
  const prefix = `pno-${useId().replace(/[^\w-]/g, '')}-`;
  // The last width seen: a redraw for new data does not measure again (measuring right after React changed the
  // page forces a layout of the whole page).
  const width = useRef(0);
  // The markup on the page: a new snapshot that draws the same (the pipeline, for another indicator) is not parsed
  // and put in the page again.
  const shown = useRef('');
  // The embed's dark palette when the reader's system is dark, as the page's CSS (a change redraws).
  const pal = usePalette();
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    let drawn = 0;
    const draw = (w: number) => {
      if (w <= 0 || w === drawn) return;
      drawn = w;
      const markup = chartSvg(snapshot, w, { palette: pal }).svg.replaceAll('pno-', prefix);
      if (markup === shown.current && box.firstElementChild?.getAttribute('aria-label') === snapshot.summary) return;
      shown.current = markup;
      const el = svgElement(markup);
      el.setAttribute('class', 'chart-svg');
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', snapshot.summary);
      box.replaceChildren(el);
    };
    if (!width.current) width.current = Math.floor(box.getBoundingClientRect().width);
    draw(width.current);
    let frame = 0;
    // Redrawn in the next frame, not inside the observer's callback (which would report a resize loop).
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w <= 0) return;
      width.current = w;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => draw(w));
    });
    ro.observe(box);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
    };
  }, [snapshot, prefix, pal]);
  return <div className="svg-wrap" ref={ref} />;
}
