/**
 * The production studio in Chromium: the page asks for PARLEY_STUDIO_TOKEN, refuses a wrong
 * one, and after the right one works, with a session cookie the page's scripts cannot read.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStudioUi } from '../../app/studio/build-studio-ui.js';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { hasChromium, launchChromium } from '../support/browser.js';

const SHOTS = process.env.PARLEY_SHOTS ?? '/tmp/studio-shots';
const TOKEN = 'studio-token-for-the-login-test';

describe.skipIf(!hasChromium())('studio login in Chromium', () => {
  let parley: TestParley;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await buildStudioUi();
    parley = await startTestParley({ NODE_ENV: 'production', PARLEY_STUDIO_TOKEN: TOKEN, PARLEY_WEB_TOKEN: 'web-token-0123456789' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
  });

  it('asks for the token and refuses a wrong one', async () => {
    await page.goto(parley.studioUrl!);
    await page.getByLabel('Studio token').fill('not the token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('wrong studio token').waitFor();
    await page.screenshot({ path: join(SHOTS, '00-login.png') });
  });

  it('opens the studio with the token, in a cookie scripts cannot read', async () => {
    await page.getByLabel('Studio token').fill(TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('svg.diagram g.node').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    expect(await page.evaluate(() => document.cookie)).not.toContain('parley_studio');
    // The session holds across a reload without asking again.
    await page.reload();
    await page.locator('.flow-tabs button', { hasText: 'club-menu' }).waitFor();
    expect(await page.getByLabel('Studio token').count()).toBe(0);
  });

  it('chats in production through the web platform (which has its own token)', async () => {
    await page.getByLabel('Message').fill('Hola');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('.messages').getByText('Por favor elije una opción:').waitFor();
    // Delivered over the reply stream: the page's EventSource passed the web platform's check.
    await expect.poll(() => page.locator('.messages .tick.done').count(), { timeout: 5_000 }).toBe(2);
  });
});
