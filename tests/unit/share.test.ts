import { describe, expect, test } from 'vitest';
import { decodeSnapshot, encodeSnapshot, embedId } from '../../src/snapshot/codec';
import { altText, citation } from '../../src/snapshot/alt-text';
import { snapshotCsv } from '../../src/snapshot/to-csv';
import { snapshotSvg } from '../../src/render/to-svg';
import { csvCell, toCsv } from '../../src/data/csv-export';
import { ChartSnapshot as Schema, type ChartSnapshot } from '../../src/snapshot/schema';
import fragmentsV1 from '../fixtures/embed-fragments-v1.json';

const base = (over: Partial<ChartSnapshot> = {}): ChartSnapshot => ({
  v: 1, kind: 'map', lang: 'fr', title: 'Part des femmes par département en 2024', unit: '%', indicateur: 'emploi_numerique',
  definition: 'Définition', summary: 'En 2024, les femmes représentent 25,2 % des emplois.',
  series: [{
    id: 'departements', label: 'Occitanie', role: 'departement',
    points: [
      { x: '31', label: 'Haute-Garonne', y: 25.9, effectif: 30347, flags: { faible: false, statut: null, raison: null } },
      { x: '48', label: 'Lozère', y: null, flags: { raison: 'secret', statut: 'secret' } },
      { x: '32', label: 'Gers', y: 22, effectif: 522, flags: { faible: true, statut: null, raison: null } },
    ],
  }],
  references: [{ id: 'parite', label: 'Parité (50 %)', value: 50 }],
  notes: ['Secret statistique : Lozère.'],
  sources: [{ name: 'Insee <script>', date: '2026-11-29', licence: 'Licence Ouverte 2.0', illustratif: true }],
  illustratif: true, generatedAt: '2026-11-29T10:00:00.000Z', permalink: 'https://exemple.fr/?indicateur=emploi_numerique',
  ...over,
});

const trend = (lang: 'fr' | 'en'): ChartSnapshot => base({
  kind: 'trend', lang,
  series: [{ id: 'FR', label: 'France', role: 'pays', points: [
    { x: 2019, label: '2019', y: 19.7 }, { x: 2021, label: '2021', y: 20.9, flags: { statut: 'rupture' } }, { x: 2022, label: '2022', y: 19.0, flags: { statut: 'rupture' } },
  ] }],
});

describe('snapshot encoding', () => {
  test('round trip, and a typical snapshot stays short', async () => {
    const s = base();
    const f = await encodeSnapshot(s);
    expect(f).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(f.length).toBeLessThan(1500);
    const back = await decodeSnapshot(`#${f}`);
    expect(back).toEqual({ ok: true, snapshot: s });
  });
  test.each([
    ['empty', '', 'empty'],
    ['not ours', '#hello', 'format'],
    ['foreign characters', '#v1.abc$%', 'format'],
    ['truncated', 'TRUNC', 'corrupt'],
    ['tampered JSON', 'TAMPER', 'schema'],
    ['oversized', '#v1.' + 'A'.repeat(300000), 'format'],
  ])('rejects a %s fragment', async (_n, frag, reason) => {
    let fragment = frag;
    if (frag === 'TRUNC') fragment = (await encodeSnapshot(base())).slice(0, 40);
    if (frag === 'TAMPER') {
      // a valid deflate stream of JSON that breaks the schema: a script in the kind
      const bytes = new TextEncoder().encode(JSON.stringify({ ...base(), kind: '<script>alert(1)</script>' }));
      const out = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
      fragment = 'v1.' + Buffer.from(out).toString('base64url');
    }
    expect(await decodeSnapshot(fragment)).toEqual({ ok: false, reason });
  });
  test.each(Object.entries(fragmentsV1))('a v1 fragment made before the zod/mini schema still decodes (%s)', async (name, fragment) => {
    const r = await decodeSnapshot(fragment);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.snapshot.kind).toBe(name.replace(/-en$/, ''));
  });
  test.each([
    ['a title over 300 characters', { title: 'x'.repeat(301) }],
    ['a kind that does not exist', { kind: 'camembert' }],
    ['a non-integer rank', { series: [{ id: 'a', label: 'a', role: 'departement', points: [{ x: '31', label: 'a', y: 1, rang: 1.5 }] }] }],
    ['more than 2,000 points', { series: [{ id: 'a', label: 'a', role: 'departement', points: Array.from({ length: 2001 }, (_, i) => ({ x: i, label: 'a', y: 1 })) }] }],
    ['an unknown reference', { references: [{ id: 'autre', label: 'a', value: 1 }] }],
    ['a missing source licence', { sources: [{ name: 'a', date: null, illustratif: false }] }],
  ])('the schema refuses %s', (_n, over) => {
    expect(Schema.safeParse({ ...base(), ...over }).success).toBe(false);
    expect(Schema.safeParse(base()).success).toBe(true);
  });
  test('embed ids are stable and differ between snapshots', async () => {
    const a = await encodeSnapshot(base());
    expect(embedId(a)).toBe(embedId(a));
    expect(embedId(a)).not.toBe(embedId(await encodeSnapshot(base({ title: 'Autre' }))));
  });
});

describe('alt text and citation', () => {
  test('French, with a secret value and a low count', () => {
    const t = altText(base(), 'fr');
    expect(t).toContain('Carte des départements d’Occitanie : Part des femmes par département en 2024.');
    expect(t).toContain('Lozère secret statistique');
    expect(t).toContain('Gers 22,0');
    expect(t).toContain('effectif faible');
    expect(t).toContain('Données illustratives, non officielles.');
  });
  test('English, with a series break', () => {
    const t = altText(trend('en'), 'en');
    expect(t.startsWith('Line chart: ')).toBe(true);
    expect(t).toContain('France: from 19.7% in 2019 to 19.0% (break in series) in 2022 (break in series 2021, 2022)');
  });
  test('citation names the sources, the date and the permalink', () => {
    expect(citation(base())).toBe('Parité numérique Occitanie, « Part des femmes par département en 2024 », d’après Insee <script>, généré le 29 novembre 2026 (données illustratives). https://exemple.fr/?indicateur=emploi_numerique');
  });
});

describe('exports', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+33 6', "'+33 6"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', `"'\tTAB"`],
    ['\rCR', `"'\rCR"`],
    ['=1+1\n=2+2', `"'=1+1\n=2+2"`],
    ['a,b', '"a,b"'],
    ['dit "oui"', '"dit ""oui"""'],
    ['Ariège', 'Ariège'],
  ])('CSV cell %j is formula-safe', (v, want) => {
    expect(csvCell(v)).toBe(want);
  });
  test('numbers stay numbers, negative ones too', () => {
    expect(toCsv(['a', 'b'], [[-3.5, null]])).toBe('a,b\r\n-3.5,\r\n');
  });
  test('the chart CSV carries title, sources with date and licence, generation date, permalink, illustrative mark', () => {
    const csv = snapshotCsv(base());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('# Part des femmes par département en 2024');
    expect(csv).toContain('# Sources\u00a0: Insee <script> (mise à jour : 29 novembre 2026 ; Licence Ouverte 2.0)');
    expect(csv).toContain('https://exemple.fr/?indicateur=emploi_numerique');
    expect(csv).toContain('# Données illustratives, non officielles.');
    expect(csv).toContain('Occitanie,departement,Lozère,48,,,,,,secret,');
  });
  test('the SVG keeps text as text, escapes labels, names its source, and runs no script', () => {
    const { svg } = snapshotSvg(base());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Part des femmes par département en 2024</title>');
    expect(svg).toContain('Insee &lt;script&gt;');
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('DONNÉES ILLUSTRATIVES');
    expect(snapshotSvg(base(), { square: true }).height).toBeGreaterThanOrEqual(1080);
  });
});
