/**
 * Finds a Chromium for the browser tests and the benchmark: $CHROMIUM_PATH, then /usr/bin/chromium, then
 * Playwright's own browser. When none is found, it asks Playwright to download its browser (this works on an
 * ordinary machine with internet access; here, install Debian's chromium instead).
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Flags for a headless Chromium that makes no background connection. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

function playwrightBrowser() {
  try {
    const { chromium } = require('playwright-core');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** The path of the Chromium to drive, installing Playwright's when nothing else is there. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
    return process.env.CHROMIUM_PATH;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const own = playwrightBrowser();
  if (own) return own;
  try {
    execFileSync(process.execPath, [require.resolve('playwright-core/cli'), 'install', 'chromium'], { stdio: 'inherit', timeout: 600000 });
  } catch {
    /* reported below */
  }
  const installed = playwrightBrowser();
  if (installed) return installed;
  throw new Error('No Chromium found: set CHROMIUM_PATH, install Debian\'s chromium (apt-get install chromium), or allow Playwright to download its browser.');
}
