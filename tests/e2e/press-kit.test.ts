import { describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('press kit', () => {
  test('npm run snapshot writes PNG, SVG and CSV of every chart and a README with alt texts, citations and embed codes', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kit-'));
    execFileSync(process.execPath, ['scripts/snapshot.mjs', '--url', `${inject('baseUrl')}/?indicateur=sup_numerique`, '--out', out], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, CHROMIUM_PATH: inject('chromiumPath') },
      stdio: 'pipe',
      timeout: 120000,
    });
    const files = readdirSync(out).sort();
    for (const kind of ['kpi', 'map', 'ranking', 'trend', 'pipeline']) {
      expect(files.filter((f) => f.includes(kind))).toHaveLength(4);
    }
    const png = readFileSync(path.join(out, files.find((f) => f.endsWith('-map.png')) ?? ''));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const readme = readFileSync(path.join(out, 'README.txt'), 'utf8');
    expect(readme.match(/^== /gm)).toHaveLength(5);
    expect(readme).toContain('Texte alternatif (fr) :');
    expect(readme).toContain('Alt text (en):');
    expect(readme).toContain('Parité numérique Occitanie, « ');
    expect(readme.match(/<iframe /g)).toHaveLength(5);
    expect(readme).toContain('Étudiants des formations supérieures du numérique');
  });
});
