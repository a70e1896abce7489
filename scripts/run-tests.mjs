#!/usr/bin/env node
/**
 * `npm test` (the full tier, which CI runs): type check, lint, production build, then every vitest project (unit,
 * SQL against real DuckDB, browser tests in headless Chromium).
 * `npm run test:quick` (`--quick`): type check, lint, the unit and sql projects (not sql-heavy); no build, no browser.
 * Both list every skipped test by name (tests/helpers/skipped-reporter.ts), print the time they took, and end with
 * one plain line "N passed, N failed" that CI can read. Other arguments go to vitest (`npm test -- --project unit`).
 */
import { spawnSync } from 'node:child_process';
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
const report = 'test-results/vitest.json';
const projects = quick ? ['--project', 'unit', '--project', 'sql'] : [];
console.log(`\n> vitest run ${projects.join(' ')}`);
const reporters = ['--reporter=default', '--reporter=./tests/helpers/skipped-reporter.ts', '--reporter=json', `--outputFile.json=${report}`];
const r = spawnSync('npx', ['vitest', 'run', ...reporters, ...projects, ...extra], { stdio: 'inherit' });
let passed = 0;
let failed = r.status === 0 ? 0 : 1;
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests + (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0);
} catch {
  /* no report: counted as a failure above when vitest failed */
}
console.log(`\n${quick ? 'quick tier' : 'full suite'}: ${elapsed()}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(r.status ?? 1);
