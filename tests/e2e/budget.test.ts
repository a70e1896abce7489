import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const DIST = path.resolve(import.meta.dirname, '../../dist');

/**
 * Size budgets (gzip, deterministic for a given build): they fail the build when exceeded. Set at today's sizes
 * plus a small margin (embed 33.5 KB: no React, no Recharts, zod/mini; dashboard 131.2 KB: data view, share dialog,
 * DuckDB's API and the trend chart's Recharts loaded on demand), well under the targets of 150 and 300 KB.
 * Raised by 4 and 5 KB for the chart grammar (src/render/grammar: d3's nice ticks, label placement, territory
 * colours, the map's fitted scale and names), which the embed and the dashboard's first screen both draw with.
 */
const BUDGET_KB = { embed: 45, dashboard: 155 };

const gz = (file: string) => gzipSync(readFileSync(file)).length / 1024;

describe('size budgets', () => {
  test(`embed.html, which carries all its code inline, stays under ${BUDGET_KB.embed} KB gzip`, () => {
    const html = readFileSync(path.join(DIST, 'embed.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/); // nothing to fetch from inside a sandboxed iframe
    expect(gz(path.join(DIST, 'embed.html'))).toBeLessThan(BUDGET_KB.embed);
  });
  test(`the dashboard's first JavaScript stays under ${BUDGET_KB.dashboard} KB gzip (workers and wasm excluded)`, () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    // The entry and the chunks it preloads, and the plain script that runs before it (public/precharge.js).
    const scripts = [...html.matchAll(/(?:src|href)="\.\/((?:assets\/[^"]+|precharge)\.js)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((s, f) => s + gz(path.join(DIST, f)), 0);
    expect(total).toBeLessThan(BUDGET_KB.dashboard);
    expect(readdirSync(path.join(DIST, 'assets')).some((f) => f.endsWith('.wasm'))).toBe(true);
  });
});
