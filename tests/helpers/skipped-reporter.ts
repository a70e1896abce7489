import type { Reporter, TestModule } from 'vitest/node';

/**
 * A vitest reporter that lists every skipped test by file and full name at the end of a run, so that a test
 * skipped for want of something (the real published files, see real-files.ts) is never skipped silently.
 * Used beside the default reporter by `npm test`, `npm run test:quick` and `npm run test:load`.
 */
export default class SkippedReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped = modules.flatMap((m) => [...m.children.allTests('skipped')].map((t) => `  ${m.project.name} ${m.relativeModuleId} > ${t.fullName}`));
    if (skipped.length === 0) return;
    console.log(`\nSkipped tests (${skipped.length}):\n${skipped.join('\n')}`);
  }
}
