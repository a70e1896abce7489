import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const scripts = path.resolve(import.meta.dirname, '../../scripts');

/** The import specifiers of a module's source (static `import … from`, `export … from` and dynamic `import()`). */
function imports(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

describe('build scripts', () => {
  // Issue 21: a step of the production build must not depend on the test tree (a release may ship without it).
  test.each(readdirSync(scripts).filter((f) => /\.(ts|mts|mjs|js)$/.test(f)))('%s imports nothing from tests/', (f) => {
    const bad = imports(readFileSync(path.join(scripts, f), 'utf8')).filter((s) => /(^|\/)tests\//.test(s));
    expect(bad).toEqual([]);
  });
});
