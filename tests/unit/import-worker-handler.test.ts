import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { ImportWorkerHandler } from '../../src/data/import/worker-handler';
import type { ByteScan } from '../../src/data/import/scan';

/**
 * The import worker's requests (src/data/import/worker-handler.ts), in Node: its state (the bytes of the last scan,
 * until they are hashed) belongs to one handler, i.e. one worker, never to the module.
 */
const CSV = 'territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source\n' +
  Array.from({ length: 50 }, (_, i) => `${31 + (i % 5)},${2000 + i},emploi_numerique,${i + 1},${i + 2},${2 * i + 3},,,Test`).join('\n') + '\n';
const ROWS = { delimiter: ',' as const, skipLines: 0, width: 9, idx: { territoire: 0, annee: 1, indicateur: 2, femmes: 3, hommes: 4, total: 5, part_femmes: 6, statut: 7, source: 8 }, decimalComma: false };
const hex = (bytes: string) => createHash('sha256').update(bytes).digest('hex');

describe('the import worker handler', () => {
  test('the hash is of the bytes of this handler’s last scan, asked once; another handler has none', async () => {
    const file = new Blob([CSV]);
    const a = new ImportWorkerHandler();
    const b = new ImportWorkerHandler();
    await a.handle({ type: 'scan', file, rows: ROWS });
    await expect(b.handle({ type: 'sha256' })).rejects.toThrow('no scan to hash');
    expect(await a.handle({ type: 'sha256' })).toBe(hex(CSV));
    await expect(a.handle({ type: 'sha256' })).rejects.toThrow('no scan to hash');
  });

  test('each handler hashes the bytes of its own last scan', async () => {
    const one = new Blob([CSV]);
    const other = new Blob([CSV.replace('Test', 'Autre')]);
    const a = new ImportWorkerHandler();
    const b = new ImportWorkerHandler();
    const scanned = (await a.handle({ type: 'scan', file: one, rows: ROWS })) as { scan: ByteScan };
    expect(scanned.scan.lines).toBe(51);
    await b.handle({ type: 'scan', file: other, rows: ROWS });
    expect(await b.handle({ type: 'sha256' })).toBe(hex(CSV.replace('Test', 'Autre')));
    expect(await a.handle({ type: 'sha256' })).toBe(hex(CSV));
  });
});
