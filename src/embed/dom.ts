/** A few DOM helpers for the embed, which draws with the DOM itself (no framework): text is always set as text. */

type Child = Node | string | null | undefined | false;

/** An element with attributes (undefined ones left out) and children; strings become text nodes, never markup. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string | undefined>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** The URL if it is an http(s) one, else null: a snapshot is untrusted input, and a link must never run script. */
export function httpUrl(href: string): string | null {
  try {
    const u = new URL(href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The link « Ouvrir dans le tableau de bord » of an embed: its snapshot's permalink when it is a page of the dashboard
 * the embed itself is served from (same origin), else that dashboard's root. A snapshot is untrusted input: a link
 * written into a fragment must not send readers to another site under the dashboard's name.
 */
export function dashboardLink(permalink: string, dashboard: string): string {
  const own = new URL(dashboard);
  const href = httpUrl(permalink);
  return href !== null && new URL(href).origin === own.origin ? href : own.href;
}

/** Parsing the renderer's markup lives in the render layer, which the dashboard's charts share. */
export { svgElement } from '../render/svg-element';
