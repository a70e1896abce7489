/**
 * A canonical CSV of `rows` rows for benchmarks: the 109 départements × 1990–2100 × as many declared indicators
 * (`bench_001`, …) as needed, with consistent counts. Deterministic (no randomness).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function benchCsv(rows) {
  const deps = readFileSync(path.join(root, 'data/territoires.csv'), 'utf8').split('\n').slice(1)
    .map((l) => l.split(',')).filter((c) => c[2] === 'departement').map((c) => c[0]);
  const years = [];
  for (let y = 1990; y <= 2100; y++) years.push(y);
  const perIndicator = deps.length * years.length;
  const indicators = [];
  const out = ['territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source'];
  let n = 0;
  for (let i = 1; n < rows; i++) {
    const id = `bench_${String(i).padStart(3, '0')}`;
    indicators.push(id);
    for (const d of deps) {
      for (const y of years) {
        if (n >= rows) break;
        const total = 200 + ((n * 7919) % 5000);
        const women = Math.floor(total * (0.1 + ((n * 31) % 40) / 100));
        out.push(`${d},${y},${id},${women},${total - women},${total},,,Banc d'essai`);
        n++;
      }
      if (n >= rows) break;
    }
  }
  return { csv: out.join('\n') + '\n', indicators, perIndicator };
}
