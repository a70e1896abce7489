import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Each forbidden arrow of eslint.config.js: a file of the first folder importing a module of the second. */
const FORBIDDEN: readonly (readonly [string, string])[] = [
  ['render', 'charts'], ['render', 'embed'], ['render', 'features'], ['render', 'data'], ['render', 'ui'],
  ['charts', 'features'], ['charts', 'embed'], ['charts', 'data'],
  ['embed', 'charts'], ['embed', 'features'], ['embed', 'data'], ['embed', 'ui'],
  ['snapshot', 'charts'], ['snapshot', 'render'], ['snapshot', 'embed'], ['snapshot', 'features'], ['snapshot', 'ui'],
  ['data', 'charts'], ['data', 'render'], ['data', 'embed'], ['data', 'features'], ['data', 'ui'],
  ['features', 'embed'],
  ['ui', 'data'], ['ui', 'features'], ['ui', 'charts'], ['ui', 'embed'],
  ['i18n', 'data'], ['lib', 'features'], ['lib', 'charts'],
];

/** Allowed arrows, so that the rule is not simply « every import fails ». */
const ALLOWED: readonly (readonly [string, string])[] = [
  ['features', 'charts'], ['charts', 'render'], ['render', 'snapshot'], ['embed', 'render'], ['embed', 'snapshot'],
  ['snapshot', 'data'], ['ui', 'i18n'], ['render', 'lib'],
];

const eslint = new ESLint({ cwd: ROOT });

async function importErrors(from: string, to: string, depth = 1): Promise<string[]> {
  const code = `import { x } from '${'../'.repeat(depth)}${to}/some-module';\nexport const y = x;\n`;
  const filePath = path.join(ROOT, 'src', from, ...Array.from({ length: depth - 1 }, () => 'sub'), 'layer-probe.ts');
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (eslint.config.js)', () => {
  it.each(FORBIDDEN)('src/%s may not import from src/%s', async (from, to) => {
    const errors = await importErrors(from, to);
    expect(errors.join('\n')).toContain(`src/${from} may not import from src/${to}`);
    // From a subfolder too (../../to/…).
    expect(await importErrors(from, to, 2)).toHaveLength(1);
  }, 60000);

  it.each(ALLOWED)('src/%s may import from src/%s', async (from, to) => {
    expect(await importErrors(from, to)).toEqual([]);
  }, 60000);

  it('still keeps duckdb-wasm to the database module, in every layer', async () => {
    const [r] = await eslint.lintText("import * as d from '@duckdb/duckdb-wasm';\nexport const y = d;\n", { filePath: path.join(ROOT, 'src/render/probe.ts') });
    expect(r?.messages.map((m) => m.message).join('\n')).toContain('Only src/data/db.ts');
  }, 60000);
});

/** The relative imports of every module of src/ (a regex over import and export … from statements). */
function importGraph(): Map<string, string[]> {
  const files = (readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => path.join('src', f));
  const known = new Set(files);
  const resolve = (from: string, spec: string): string | null => {
    const base = path.join(path.dirname(from), spec);
    for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) if (known.has(c)) return c;
    return null;
  };
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(path.join(ROOT, f), 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
    graph.set(f, [...new Set(specs.map((s) => resolve(f, s)).filter((x): x is string => x !== null))]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the list of files that close it. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g]);
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return cycles;
}

describe('import cycles in src/', () => {
  it('finds a cycle when there is one (the walker itself)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('reads the real import graph', () => {
    const g = importGraph();
    expect(g.get(path.join('src', 'charts', 'Chart.tsx'))).toContain(path.join('src', 'charts', 'ChartFrame.tsx'));
  });

  it('has no cycle between files', () => {
    expect(findCycles(importGraph()).map((c) => c.join(' → '))).toEqual([]);
  });
});
