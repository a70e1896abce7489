import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../scripts/serve.mjs';
import { findChromium } from '../../scripts/chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Serves the production build from a plain static server and finds Chromium, once for all browser tests. */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(ROOT, 'dist/index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const server = await serveStatic(path.join(ROOT, 'dist'));
  project.provide('baseUrl', server.url);
  project.provide('chromiumPath', findChromium());
  return async () => {
    await server.close();
  };
}
