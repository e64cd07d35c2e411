/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser). CI installs the
 * `chromium` package (.ci/run); CHROMIUM_PATH points elsewhere if needed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The chromium binary, or undefined when there is none. */
function findChromium(): string | undefined {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the browser suites can run. Like the Redis suites, they are skipped with a visible
 * notice on a machine without Chromium, except where PARLEY_REQUIRE_BROWSER=1 (.ci/run sets
 * it after installing the package), so CI can never pass by skipping them.
 */
export function hasChromium(): boolean {
  if (findChromium()) return true;
  if (process.env.PARLEY_REQUIRE_BROWSER === '1') throw new Error('PARLEY_REQUIRE_BROWSER=1 but there is no Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  console.warn('studio browser tests skipped: no Chromium (apt-get install -y chromium, or set CHROMIUM_PATH)');
  return false;
}

/** The chromium binary, or a clear error saying how to install it. */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error('the studio browser tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return found;
}

/** Launches headless Chromium with the flags a container needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
