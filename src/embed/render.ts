import { hasData } from '../render/points';
import { snapshotTable } from '../render/table-model';
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

/**
 * The one-line credit under the chart, as a newspaper prints it: « Source : Insee · Licence Ouverte 2.0 · Parité
 * numérique Occitanie », the last words a link to the chart's view in the dashboard. One line at any width: the
 * sources, then the licences, end with « … » when they do not fit (embed.css), never the link; the full text stays
 * in the page for screen readers, in each part's title for a pointer, and in the link's title.
 */
function creditLine(s: ChartSnapshot, permalink: string): HTMLElement {
  const m = messages(s.lang);
  const names = [...new Set(s.sources.map((x) => x.name))];
  const licences = [...new Set(s.sources.map((x) => x.licence))];
  const source = `${m.embedSourceLabel(names.length)} ${names.join(', ')}`;
  const licence = licences.join(', ');
  const full = licence ? `${source} · ${licence}` : source;
  return h('p', { class: 'embed-credit', 'data-testid': 'embed-credit' },
    h('span', { class: 'embed-credit-source', title: source }, source),
    licence ? h('span', { class: 'embed-credit-licence', title: licence }, `\u00a0· ${licence}`) : null,
    h('span', { class: 'embed-credit-link' }, '\u00a0·\u00a0', h('a', { href: permalink, target: '_blank', rel: 'noopener', title: `${m.embedOpen} — ${full}` }, m.appTitle)),
  );
}

/**
 * What a reader opens on demand under the credit line: the summary sentence, the definition, the notes (small
 * counts, breaks, projection, illustrative data), each source with its date and licence, the map's credit, when
 * the chart was frozen and a link to the dashboard.
 */
function notes(s: ChartSnapshot, permalink: string): HTMLElement {
  const m = messages(s.lang);
  return h('details', { class: 'embed-notes', 'data-testid': 'embed-notes' },
    h('summary', {}, m.embedNotesToggle),
    h('p', { class: 'chart-summary' }, s.summary),
    s.definition ? h('p', { class: 'chart-definition' }, s.definition) : null,
    s.notes.length ? h('ul', { class: 'chart-notes', 'aria-label': m.notesLabel }, ...s.notes.map((x) => h('li', {}, x))) : null,
    h('p', { class: 'chart-sources' }, h('strong', {}, m.sourcesLabel), ' ', s.sources.map((x) => sourceCredit(x, s.lang)).join(' · ')),
    s.kind === 'map' ? h('p', { class: 'map-credit' }, m.mapCredit) : null,
    h('p', { class: 'embed-foot' }, `${generatedCredit(s)} · `, h('a', { href: permalink, target: '_blank', rel: 'noopener' }, m.embedOpen)),
  );
}

/**
 * One frozen chart, built with the DOM, chart first as a newspaper publishes it: title (with a short « Illustratif »
 * label when it applies), a one-line subtitle, the chart, its data table for screen readers, the one-line credit,
 * then the notes behind a toggle. `data-ready` is set once the chart shows data (docs/contract.md).
 */
export function renderEmbed(root: HTMLElement, s: ChartSnapshot, o: ChartViewOpts & { showTitle: boolean; dashboard: string }): void {
  const m = messages(s.lang);
  document.documentElement.lang = s.lang;
  document.title = s.title;
  const body = h('div', { class: 'chart-body' });
  const permalink = dashboardLink(s.permalink, o.dashboard);
  const label = s.illustratif ? h('span', { class: 'tag-illustrative', 'data-testid': 'illustrative-notice', title: m.noteIllustrative }, m.embedIllustrativeLabel) : null;
  const figure = h('figure', { class: `chart chart-${s.kind}`, 'data-chart': s.kind, 'aria-labelledby': 'embed-title' },
    h('div', { class: 'chart-head' }, h('h2', { id: 'embed-title', class: o.showTitle ? 'chart-title' : 'visually-hidden' }, s.title)),
    h('p', { class: 'chart-subtitle' }, label, label ? ' ' : null, s.subtitle ?? m.embedSubtitle),
    body,
    table(s),
    h('figcaption', { class: 'chart-foot' }, creditLine(s, permalink), notes(s, permalink)),
  );
  root.replaceChildren(h('main', { class: 'embed' }, figure));
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
