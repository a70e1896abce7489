import type { ChartSnapshot } from '../../snapshot/schema';
import { snapshotSvg } from '../../render/to-svg';
import { snapshotCsv } from '../../snapshot/to-csv';
import { encodeSnapshot, embedId } from '../../snapshot/codec';
import { downloadBlob, downloadText } from '../../ui/download';
import { formatUrlState, parseUrlState } from '../../lib/url-state';

export type Theme = 'auto' | 'light' | 'dark';

/** A file name from a chart's kind and title. */
export function fileBase(s: ChartSnapshot): string {
  const slug = s.title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `parite-numerique-${s.kind}-${slug}`;
}

/**
 * The embed URL of a snapshot, next to the dashboard on the same site. Its parameters: `theme=light|dark` (else the
 * reader's system decides), `titre=0` (title hidden, kept for screen readers), `fond=transparent` (no background of
 * its own: the host page's shows through).
 */
export async function embedUrl(s: ChartSnapshot, opts: { theme: Theme; title: boolean; transparent?: boolean }): Promise<string> {
  const base = new URL('embed.html', window.location.href);
  if (opts.theme !== 'auto') base.searchParams.set('theme', opts.theme);
  if (!opts.title) base.searchParams.set('titre', '0');
  if (opts.transparent) base.searchParams.set('fond', 'transparent');
  base.hash = await encodeSnapshot(s);
  return base.href;
}

/** A few random characters, so that two embed codes of the same chart never share an iframe id. */
function uniqueSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 8);
}

/**
 * The embed code: a responsive iframe and a short script that applies a height only from that iframe's window,
 * only a finite number, clamped (the Datawrapper pattern). Each code has its own iframe id (the chart's id and a
 * random suffix), and its script takes the iframe just before it, by id only if a page moved it: the same chart
 * embedded twice on a page, even by pasting one code twice, has two iframes that both resize.
 */
export function embedCode(url: string, s: ChartSnapshot): string {
  const id = `${embedId(new URL(url).hash)}-${uniqueSuffix()}`;
  const title = s.title.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
  return `<iframe id="${id}" src="${url}" title="${title}" loading="lazy" style="width:100%;min-width:280px;border:0" height="560"></iframe>
<script>(function(){var c=document.currentScript,f=c&&c.previousElementSibling;if(!f||f.tagName!=="IFRAME")f=document.getElementById("${id}");window.addEventListener("message",function(e){if(!f||e.source!==f.contentWindow)return;var d=e.data;if(!d||d.type!=="parite-numerique:height")return;var h=Number(d.height);if(isFinite(h)&&h>0)f.style.height=Math.min(Math.max(h,120),6000)+"px";});})();</script>`;
}

export function downloadSvg(s: ChartSnapshot): void {
  downloadText(snapshotSvg(s).svg, `${fileBase(s)}.svg`, 'image/svg+xml');
}

export function downloadCsv(s: ChartSnapshot): void {
  downloadText(snapshotCsv(s), `${fileBase(s)}.csv`, 'text/csv;charset=utf-8');
}

/** Draws the SVG on a canvas at 2× density and saves it as PNG. */
export async function downloadPng(s: ChartSnapshot, square = false): Promise<void> {
  const { svg, width, height } = snapshotSvg(s, { square });
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    if (!blob) throw new Error('PNG encoding failed');
    downloadBlob(blob, `${fileBase(s)}${square ? '-carre' : ''}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Copies text, with a fallback for pages where the Clipboard API is refused. */
export async function copyText(text: string, el?: HTMLTextAreaElement | HTMLInputElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    el?.select();
    document.execCommand('copy');
  }
}

/**
 * The permalink of a chart: the page it was made on with its indicator written out even when it was the default
 * (so the link keeps showing this chart's indicator after new data changes the default), and the year, territory,
 * view and language as they were. The year stays absent when it was the latest one: such a link opens, like the
 * page it was made on, on its build-time charts at once. A link that is not the dashboard's is returned as it is.
 */
export function chartPermalink(s: ChartSnapshot): string {
  let u: URL;
  try {
    u = new URL(s.permalink);
  } catch {
    return s.permalink;
  }
  const state = parseUrlState(u.search);
  if (state.vue === 'donnees' || state.indicateur || !/^[a-z0-9_]{1,64}$/.test(s.indicateur)) return u.href;
  u.search = formatUrlState({ ...state, indicateur: s.indicateur });
  return u.href;
}
