/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser). CI installs the
 * `chromium` package (.ci/run); CHROMIUM_PATH points elsewhere if needed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The chromium binary, or a clear error saying how to install it. */
export function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('the studio browser tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
}

/** Launches headless Chromium with the flags a container needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
