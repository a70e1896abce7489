import { hasData } from '../charts/chart-data';
import { snapshotTable } from '../charts/table-model';
import { messages } from '../i18n';
import { generatedCredit, sourceCredit } from '../snapshot/credits';
import type { ChartSnapshot } from '../snapshot/schema';
import { mountChart, type ChartViewOpts } from './chart-view';
import { dashboardLink, h } from './dom';

/** The data table, visually hidden: what screen readers read instead of the drawing. */
function table(s: ChartSnapshot): HTMLElement {
  const t = snapshotTable(s);
  const cls = (num?: boolean) => (num ? 'num' : undefined);
  return h('div', { class: 'visually-hidden' },
    h('table', { class: 'data-table' },
      h('caption', {}, t.caption),
      h('thead', {}, h('tr', {}, ...t.head.map((c) => h('th', { scope: 'col', class: cls(c.num) }, c.text)))),
      h('tbody', {}, ...t.rows.map((r) => h('tr', {}, ...r.cells.map((c) => (c.header ? h('th', { scope: 'row', class: cls(c.num) }, c.text) : h('td', { class: cls(c.num) }, c.text)))))),
    ),
  );
}

/** Notes, sources with their date and licence, the map's credit: the same caption as the dashboard's charts. */
function caption(s: ChartSnapshot): HTMLElement {
  const m = messages(s.lang);
  return h('figcaption', { class: 'chart-foot' },
    s.notes.length ? h('ul', { class: 'chart-notes', 'aria-label': m.notesLabel }, ...s.notes.map((x) => h('li', {}, x))) : null,
    h('p', { class: 'chart-sources' }, h('strong', {}, m.sourcesLabel), ' ', s.sources.map((x) => sourceCredit(x, s.lang)).join(' · ')),
    s.kind === 'map' ? h('p', { class: 'map-credit' }, m.mapCredit) : null,
  );
}

/**
 * One frozen chart, built with the DOM: the illustrative notice when it applies, title, definition, summary, the
 * chart, its data table for screen readers, notes and sources, then when it was generated and a link to the
 * dashboard. `data-ready` is set once the chart shows data (docs/contract.md).
 */
export function renderEmbed(root: HTMLElement, s: ChartSnapshot, o: ChartViewOpts & { showTitle: boolean; dashboard: string }): void {
  const m = messages(s.lang);
  document.documentElement.lang = s.lang;
  document.title = s.title;
  const body = h('div', { class: 'chart-body' });
  const figure = h('figure', { class: `chart chart-${s.kind}`, 'data-chart': s.kind, 'aria-labelledby': 'embed-title' },
    h('div', { class: 'chart-head' }, h('h2', { id: 'embed-title', class: o.showTitle ? 'chart-title' : 'visually-hidden' }, s.title)),
    s.definition ? h('p', { class: 'chart-definition' }, s.definition) : null,
    h('p', { class: 'chart-summary' }, s.summary),
    body,
    table(s),
    caption(s),
  );
  const permalink = dashboardLink(s.permalink, o.dashboard);
  root.replaceChildren(h('main', { class: 'embed' },
    s.illustratif ? h('p', { class: 'notice', 'data-testid': 'illustrative-notice', role: 'note' }, m.illustrativeNotice) : null,
    figure,
    h('p', { class: 'embed-foot' },
      `${generatedCredit(s)} · `,
      h('a', { href: permalink, target: '_blank', rel: 'noopener' }, m.embedOpen),
      ' · ',
      m.appTitle,
    ),
  ));
  if (!hasData(s)) {
    body.replaceChildren(h('p', { class: 'muted' }, m.chartEmpty));
    return;
  }
  mountChart(body, s, o);
  figure.dataset['ready'] = 'true';
}

/** A broken, truncated or tampered fragment: a clear message in both languages, nothing else. */
export function renderError(root: HTMLElement): void {
  root.replaceChildren(h('div', { class: 'embed-error', role: 'alert' },
    h('p', { lang: 'fr' }, messages('fr').embedError),
    h('p', { lang: 'en' }, messages('en').embedError),
  ));
}
