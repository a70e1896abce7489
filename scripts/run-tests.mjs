#!/usr/bin/env node
/**
 * `npm test` (the full tier, which CI runs): type check, lint, production build, then every vitest project (unit,
 * SQL against real DuckDB, browser tests in headless Chromium).
 * `npm run test:quick` (`--quick`): type check, lint, the unit and sql projects (not sql-heavy); no build, no browser.
 * The full tier runs the browser tests and the Node tests in two vitest processes at once (reports in
 * test-results/vitest-N.json). Both tiers list every skipped test by name (tests/helpers/skipped-reporter.ts), print
 * the time they took, and end with one plain line "N passed, N failed" that CI can read. Other arguments go to vitest (`npm test -- --project unit`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';

const quick = process.argv.includes('--quick');
const extra = process.argv.slice(2).filter((a) => a !== '--quick');
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
const steps = [
  ['npx', ['tsc', '--noEmit']],
  ['npx', ['eslint', '.']],
  ...(quick ? [] : [['npm', ['run', 'build', '--silent']]]),
];
for (const [cmd, args] of steps) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.log(`\nstep failed: ${cmd} ${args.join(' ')} (after ${elapsed()})`);
    console.log('0 passed, 1 failed');
    process.exit(r.status ?? 1);
  }
}
mkdirSync('test-results', { recursive: true });
// The full tier runs two vitest processes at once: the browser files (one at a time, mostly waiting on Chromium) beside
// the Node ones. One vitest process cannot overlap them: it runs a project whose files go one at a time in a group
// of its own, after the others. Arguments of one's own (`npm test -- --project unit`) run as given, in one process.
const runs = quick
  ? [['--project', 'unit', '--project', 'sql', ...extra]]
  : extra.length ? [extra] : [['--project', 'e2e'], ['--project', 'unit', '--project', 'sql', '--project', 'sql-heavy']];
const reporters = ['--reporter=default', '--reporter=./tests/helpers/skipped-reporter.ts', '--reporter=json'];
const results = await Promise.all(runs.map((args, i) => new Promise((resolve) => {
  const report = `test-results/vitest-${i + 1}.json`;
  console.log(`\n> vitest run ${args.join(' ')} (report: ${report})`);
  const child = spawn('npx', ['vitest', 'run', ...reporters, `--outputFile.json=${report}`, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => resolve({ report, status: code ?? 1 }));
})));
let passed = 0;
let failed = 0;
for (const { report, status } of results) {
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (status !== 0 && j.numFailedTests === 0 ? 1 : 0);
  } catch {
    failed += status === 0 ? 0 : 1; // no report: a failure when vitest failed
  }
}
const status = results.every((r) => r.status === 0) ? 0 : 1;
console.log(`\n${quick ? 'quick tier' : 'full suite'}: ${elapsed()}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
