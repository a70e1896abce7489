import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeSnapshot } from '../../src/snapshot/codec';
import { chartSvg } from '../../src/render/svg/chart';
import { snapshotSvg } from '../../src/render/to-svg';
import { sourceCredit } from '../../src/snapshot/credits';
import type { ChartSnapshot } from '../../src/snapshot/schema';
import { embedCode } from '../../src/features/share/export';
import { dashboardLink } from '../../src/embed/dom';
import { DOC_PATH, withEmbedTables } from '../../scripts/hostile-corpus.mjs';
import { caseFragment, caseSnapshot, embedCases } from '../helpers/embed-cases';

const cases = embedCases();
const fragmentCases = cases.filter((c) => c.fragment);
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** The text of an SVG's text elements, in document order, one space between them (lines are wrapped at spaces). */
const svgText = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => (m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).join(' ');

/** Each string found after the previous one. */
function inOrder(text: string, parts: readonly string[]): boolean {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return true;
}

describe('embed cases of tests/fixtures/hostile/cases.json: decoding', () => {
  test.each(fragmentCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const r = await decodeSnapshot(caseFragment(c));
    if (c.outcome === 'refused') {
      expect(r).toEqual({ ok: false, reason: 'schema' });
      return;
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Every text the snapshot carries is free of bidirectional controls once decoded.
    expect(JSON.stringify(r.snapshot)).not.toMatch(BIDI);
    const svg = snapshotSvg(r.snapshot).svg;
    expect(svg).not.toMatch(BIDI);
    for (const parts of c.expect?.ordered ? [c.expect.ordered] : []) {
      const credit = r.snapshot.sources.map((x) => sourceCredit(x, r.snapshot.lang)).join(' · ');
      expect(inOrder(credit, parts), credit).toBe(true);
      expect(inOrder(svgText(svg), parts), 'SVG export').toBe(true);
    }
  });
});

describe('embed cases: the renderer terminates whatever the values, even ones that slipped past the schema', () => {
  test.each(fragmentCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    // Drawn straight from the unvalidated JSON, as if the schema had let it through.
    const raw = caseSnapshot(c) as unknown as ChartSnapshot;
    for (const width of [320, 1200]) {
      const { svg } = chartSvg(raw, width);
      expect(svg.length).toBeLessThan(200_000);
      expect([...svg.matchAll(/<text/g)].length).toBeLessThan(400);
      expect(svg).not.toMatch(/NaN/);
    }
  });
});

describe('the link to the dashboard', () => {
  const root = 'https://tableau.example/parite/';
  test.each([
    ['a page of the same dashboard is kept', 'https://tableau.example/parite/?vue=territoire&territoire=31', 'https://tableau.example/parite/?vue=territoire&territoire=31'],
    ['another site becomes the dashboard root', 'https://attaquant.example/piege?vue=territoire', root],
    ['another port of the same host too', 'https://tableau.example:8443/parite/', root],
    ['a script URL too', 'javascript:alert(1)', root],
    ['an empty permalink too', '', root],
  ])('%s', (_n, permalink, want) => {
    expect(dashboardLink(permalink, root)).toBe(want);
  });
  test('the case of cases.json', async () => {
    const c = cases.find((x) => x.expect?.link === 'dashboard');
    const r = await decodeSnapshot(caseFragment(c as (typeof cases)[number]));
    expect(r.ok && dashboardLink(r.snapshot.permalink, root)).toBe(root);
  });
});

describe('embed codes', () => {
  test('two embed codes of the same chart never share an iframe id, and each script takes the iframe just before it', async () => {
    const c = cases.find((x) => x.host);
    expect(c).toBeDefined();
    const s = await decodeSnapshot(caseFragment(c as (typeof cases)[number]));
    if (!s.ok) throw new Error(s.reason);
    const url = `https://tableau.example/embed.html#${caseFragment(c as (typeof cases)[number])}`;
    const ids = Array.from({ length: 20 }, () => /<iframe id="([^"]+)"/.exec(embedCode(url, s.snapshot))?.[1]);
    expect(new Set(ids).size).toBe(20);
    const code = embedCode(url, s.snapshot);
    expect(code).toContain('document.currentScript');
    expect(code).toContain('e.source!==f.contentWindow');
  });
});

describe('docs/reliability.md', () => {
  test('shows the same table of embed cases as cases.json (regenerate with node scripts/hostile-corpus.mjs --docs)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(withEmbedTables(doc, cases)).toBe(doc);
    expect(doc).not.toMatch(BIDI);
  });
  test('case ids are unique', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });
});
