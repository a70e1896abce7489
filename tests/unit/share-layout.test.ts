import { describe, expect, test } from 'vitest';
import { balancedColumns } from '../../src/render/kpi-layout';
import { chartPermalink } from '../../src/features/share/export';
import { decodeSnapshot } from '../../src/snapshot/codec';
import fragmentsV1 from '../fixtures/embed-fragments-v1.json';

describe('key figures in balanced rows', () => {
  test.each([[7, 6, 4], [6, 6, 6], [7, 4, 4], [6, 4, 3], [5, 4, 3], [8, 6, 4], [3, 4, 3], [1, 6, 1], [0, 6, 1]])('%i cards, at most %i a row: %i columns', (n, max, cols) => {
    expect(balancedColumns(n, max)).toBe(cols);
    // The last row is at most one card shorter than the others.
    if (n > 0) expect(n % cols || cols).toBeGreaterThanOrEqual(cols - 1);
  });
});

describe("a chart's permalink", () => {
  const snap = async () => {
    const r = await decodeSnapshot(fragmentsV1.ranking);
    if (!r.ok) throw new Error(r.reason);
    return r.snapshot;
  };
  test('names its indicator even when it was the default, and keeps the view, year, territory and language', async () => {
    const s = await snap();
    expect(chartPermalink({ ...s, permalink: 'https://example.org/parite/' })).toBe(`https://example.org/parite/?indicateur=${s.indicateur}`);
    expect(chartPermalink({ ...s, permalink: 'https://example.org/?annee=2019&lang=en' })).toBe(`https://example.org/?indicateur=${s.indicateur}&annee=2019&lang=en`);
    expect(chartPermalink({ ...s, permalink: 'https://example.org/?vue=territoire&territoire=34' })).toBe(`https://example.org/?vue=territoire&territoire=34&indicateur=${s.indicateur}`);
    expect(chartPermalink({ ...s, permalink: 'https://example.org/?indicateur=nsi_lycee' })).toBe('https://example.org/?indicateur=nsi_lycee');
    expect(chartPermalink({ ...s, permalink: '' })).toBe('');
  });
});
