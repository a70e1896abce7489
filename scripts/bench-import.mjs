#!/usr/bin/env node
/**
 * The benchmark's import only (scripts/bench.mjs: `import_ms`, `raw_read_csv_ms`, `import_ratio`, the same steps: a
 * fresh browser context, the floor, the indicators declared, then the timed import), for one or more builds taken in
 * turn (A, B, A, B…), so that two builds compared on a shared machine see the same load. Prints each import with its
 * floor, ratio, step marks (ms from the file chosen) and the load average, then each build's medians as one JSON line.
 * `--settle MS` pauses before the floor and before the timed import (0, as in the bench: see prepareImport);
 * `--threads` prints the CPU each kind of Chromium thread used during each timed import (Linux).
 * usage: node scripts/bench-import.mjs [--runs 3] [--rows 1000000] [--dist dist,/path/to/other/dist] [--settle 0] [--threads]
 */
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './serve.mjs';
import { findChromium, CHROMIUM_ARGS } from './chromium.mjs';
import { arg, median } from './bench-lib.mjs';
import { chromiumThreadCpu, prepareImport, threadCpuDiff, timedImport, writeBenchFiles } from './bench-import-lib.mjs';

const runs = Math.max(1, Number(arg('runs', '3')));
const rows = Number(arg('rows', '1000000'));
const settle = Number(arg('settle', '0'));
const threads = process.argv.includes('--threads');
const dists = arg('dist', 'dist').split(',').map((d) => path.resolve(d));
for (const d of dists) if (!existsSync(path.join(d, 'index.html'))) throw new Error(`no build in ${d} (npm run build)`);
const load = () => os.loadavg()[0].toFixed(2);

const { file, declFile, floorFiles } = writeBenchFiles(rows, dists);
const servers = await Promise.all(dists.map((d) => serveStatic(d)));
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const samples = dists.map(() => ({ import_ms: [], raw_read_csv_ms: [], import_ratio: [] }));
try {
  for (let i = 0; i < runs; i++) {
    for (const [k, server] of servers.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url + '/?vue=donnees&bench', { waitUntil: 'commit' });
      await page.waitForSelector('[data-dataset="illustratif"]', { timeout: 120000 });
      const { floor, input } = await prepareImport(page, declFile, settle);
      const cpu0 = threads ? chromiumThreadCpu() : null;
      const timed = await timedImport(page, input, file, rows);
      const cpu = threads ? threadCpuDiff(cpu0, chromiumThreadCpu()) : null;
      await context.close();
      const s = samples[k];
      s.import_ms.push(Math.round(timed.total));
      s.raw_read_csv_ms.push(floor);
      s.import_ratio.push(Math.round((timed.total / floor) * 100) / 100);
      console.error(`${dists[k]} run ${i + 1}: import ${Math.round(timed.total)} ms (report ${Math.round(timed.analysis)}), floor ${floor} ms, ratio ${s.import_ratio.at(-1)}, load ${load()}`);
      console.error(`  ${timed.steps}`);
      if (cpu) console.error(`  ${cpu}`);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.close();
  for (const f of floorFiles) rmSync(f, { force: true });
}
console.log(JSON.stringify(dists.map((d, k) => ({ dist: d, ...Object.fromEntries(Object.entries(samples[k]).map(([key, xs]) => [key, { median: median(xs), samples: xs }])) }))));
