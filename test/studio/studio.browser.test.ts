/**
 * The studio in a real browser (Debian's Chromium through playwright-core) against a real
 * server with the example bot: chat through the menu, watch the lit step move, press an
 * option, open the Telegram rendering, go back one turn, fire a timer, see a broken flow
 * file reported at its line, and the phone layout. Screenshots of each state go to
 * PARLEY_SHOTS (default /tmp/studio-shots), outside the repository.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStudioUi } from '../../app/studio/build-studio-ui.js';
import { runFlowTests } from '../../engine/testing/run-flow-tests.js';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { hasChromium, launchChromium } from '../support/browser.js';
import { startTelegramApi } from '../support/stand-ins/telegram-api.js';
import { signedTelegramUpdate, telegramTextUpdate } from '../support/webhooks/telegram.js';

const TG_TOKEN = '7311902846:AAE-studio';

const SHOTS = process.env.PARLEY_SHOTS ?? '/tmp/studio-shots';
const NAP_FLOW = `version: 1
id: nap
description: Waits an hour, then says good morning (for the timer simulation).
triggers:
  - command: nap
steps:
  - say: "Durmiendo una hora."
  - wait: 1h
  - say: "¡Buenos días!"
`;
const PICK_FLOW = `version: 1
id: pick
description: A menu past WhatsApp's three buttons, with a long title (for the platform notes).
triggers:
  - command: pick
steps:
  - menu:
      text: "Which court?"
      options:
        - { id: a, title: "Center court with lights and a roof" }
        - { id: b, title: "Court 2" }
        - { id: c, title: "Court 3" }
        - { id: d, title: "Court 4" }
`;

describe.skipIf(!hasChromium())('studio in Chromium', () => {
  let flows: string;
  let parley: TestParley;
  let browser: Browser;
  let telegram: Awaited<ReturnType<typeof startTelegramApi>>;
  let page: Page;
  const cspErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const send = async (text: string) => {
    await page.getByLabel('Message').fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
  };
  const chat = () => page.locator('.messages');
  const currentNode = () => page.locator('svg.diagram g.node.current').getAttribute('data-node');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildStudioUi();
    flows = mkdtempSync(join(tmpdir(), 'parley-studio-flows-'));
    cpSync(join(import.meta.dirname, '..', '..', 'flows'), flows, { recursive: true });
    writeFileSync(join(flows, 'nap.yaml'), NAP_FLOW);
    writeFileSync(join(flows, 'pick.yaml'), PICK_FLOW);
    telegram = await startTelegramApi({ token: TG_TOKEN });
    parley = await startTestParley({ PARLEY_FLOWS: flows, NODE_ENV: 'development', TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_URL: telegram.url });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await parley?.stop();
    await telegram?.close();
    rmSync(flows, { recursive: true, force: true });
  });

  it('opens with the flows drawn and no login on this machine', async () => {
    expect(parley.studioUrl).toMatch(/\/studio$/);
    await page.goto(parley.studioUrl!);
    await expect.poll(() => page.locator('svg.diagram g.node').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await expect.poll(() => page.locator('.flow-tabs button').allTextContents()).toEqual(expect.arrayContaining(['club-menu', 'commands', 'vault', 'welcome']));
    await shot('01-open');
  });

  it('chats through the menu and lights the waiting step', async () => {
    await send('Hola');
    await chat().getByText('Por favor elije una opción:').waitFor();
    await expect(chat().getByText('Hola!', { exact: true }).isVisible()).resolves.toBe(true);
    for (const title of ['Pileta', 'Tenis', 'SUM']) await page.locator('.messages .option', { hasText: title }).waitFor();
    await expect.poll(currentNode).toBe('club-menu/choose');
    await expect.poll(() => page.getByTestId('current-step').textContent()).toContain('club-menu · choose');
    // Both replies were delivered by the web platform's stream (✓✓), not just recorded.
    await expect.poll(() => page.locator('.messages .tick.done').count()).toBe(2);
    await shot('02-menu');
  });

  it('presses an option and the lit step moves on', async () => {
    await page.locator('.messages .option', { hasText: 'Tenis' }).click();
    await chat().getByText('Elegiste Tenis. Las canchas se reservan de 8 a 22 h.').waitFor();
    await expect.poll(currentNode).not.toBe('club-menu/choose');
    expect(await currentNode()).toMatch(/^club-menu\//);
    await expect.poll(() => page.locator('.vars').textContent()).toContain('tennis');
    await expect.poll(() => page.locator('.timeline .turn-card').count()).toBe(2);
    await shot('03-pressed');
  });

  it('renders the conversation as Telegram would show it', async () => {
    await page.getByRole('tab', { name: 'Telegram' }).click();
    // Telegram's inline keyboard: one button per row under the menu text.
    await page.locator('.view-telegram .buttons.style-inline .option', { hasText: 'Pileta' }).waitFor();
    expect(await page.locator('.view-telegram .buttons.style-inline').first().locator('.option').allTextContents()).toEqual(['Pileta', 'Tenis', 'SUM']);
    await shot('04-telegram');
    await page.getByRole('tab', { name: 'WhatsApp' }).click();
    await page.locator('.view-whatsapp .buttons.style-reply .option', { hasText: 'SUM' }).waitFor();
    await page.getByRole('tab', { name: 'Web' }).click();
  });

  it('saves the conversation as a test that parley test passes', async () => {
    await page.getByRole('button', { name: 'Save as test' }).click();
    await page.getByText(/Saved as a test in .*studio\.test\.yaml/).waitFor();
    const file = join(flows, 'tests', 'studio.test.yaml');
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toContain('user: Hola');
    expect(yaml).toContain('press: Tenis');
    const run = await runFlowTests({ flows: [flows], tests: [file] });
    expect(run.results.map((r) => r.ok)).toEqual([true]);
  });

  it('goes back one turn and continues as a new branch', async () => {
    await page.getByRole('button', { name: '⟲ Back one turn' }).click();
    await page.getByText(/Continuing from turn #1/).waitFor();
    await expect.poll(() => page.getByTestId('current-step').textContent()).toContain('club-menu · choose');
    await expect.poll(currentNode).toBe('club-menu/choose');
    await expect.poll(() => page.locator('.timeline .turn-card').count()).toBe(1);
    await page.locator('.messages .option', { hasText: 'Pileta' }).click();
    await chat().getByText('Elegiste Pileta. La pileta abre todos los días de 9 a 20 h.').waitFor();
    // The original conversation is still there, unchanged: two conversations listed.
    await expect.poll(() => page.locator('.conversations li').count()).toBe(2);
    await shot('05-branch');
  });

  it('says where a platform changes a reply', async () => {
    await send('!pick');
    await chat().getByText('Which court?').waitFor();
    await page.getByRole('tab', { name: 'WhatsApp' }).click();
    // Four options: WhatsApp shows a list behind a button, and trims the long title.
    await page.locator('.view-whatsapp .list-button', { hasText: 'Options' }).waitFor();
    const notes = await page.locator('.change').allTextContents();
    expect(notes.join('\n')).toMatch(/shown as a list/);
    expect(notes.join('\n')).toMatch(/"Center court with lights and a roof" is shown as "Center court with light…" \(cut to 24 characters\)/);
    await shot('04b-whatsapp-changes');
    await page.getByRole('tab', { name: 'Telegram' }).click();
    await page.locator('.view-telegram .option', { hasText: 'Center court with lights and a roof' }).waitFor();
    expect(await page.locator('.change').count()).toBe(0);
    await page.getByRole('tab', { name: 'Web' }).click();
    await page.locator('.messages .option', { hasText: 'Court 2' }).click();
  });

  it('simulates a lifecycle event and fires a due timer now', async () => {
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByRole('button', { name: 'Chat opened (started)' }).click();
    await chat().getByText('¡Bienvenido/a, Ana!', { exact: false }).waitFor();
    await send('!nap');
    await chat().getByText('Durmiendo una hora.').waitFor();
    await expect.poll(() => page.locator('.state').textContent()).toContain('nap.');
    await page.getByRole('button', { name: 'Fire next timer' }).click();
    await chat().getByText('¡Buenos días!').waitFor();
    await shot('06-simulate');
  });

  it('lists a Telegram conversation and opens it read-only', async () => {
    const hook = signedTelegramUpdate(telegramTextUpdate({ id: 4242, name: 'Tg User' }, 'Hola'));
    expect((await fetch(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body })).status).toBe(200);
    const entry = page.locator('.conversations button', { hasText: 'telegram' });
    await entry.waitFor();
    await entry.click();
    await page.getByText('Read-only: a telegram conversation').waitFor();
    expect(await page.getByLabel('Message').isDisabled()).toBe(true);
    // Shown as Telegram shows it: the menu as an inline keyboard.
    await page.locator('.view-telegram .buttons.style-inline .option', { hasText: 'Pileta' }).waitFor();
    await expect.poll(currentNode).toBe('club-menu/choose');
    await shot('07-read-only-telegram');
  });

  it('shows a broken flow file at its line after a reload', async () => {
    const file = join(flows, 'club-menu.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('next: tennis }', 'next: tenis }'));
    await page.reload();
    const problem = page.locator('.diagnostic.error', { hasText: 'UNKNOWN_STEP_TARGET' });
    await problem.waitFor();
    expect(await problem.locator('.where').textContent()).toMatch(/club-menu\.yaml:\d+:\d+/);
    expect(await problem.locator('.hit').textContent()).toContain('next: tenis');
    await shot('08-validation');
  });

  it('is usable 390 px wide, one pane at a time', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await send('Hola');
    await page.locator('.messages .option', { hasText: 'SUM' }).last().waitFor();
    expect(await page.locator('.pane.flow').isVisible()).toBe(false);
    const box = await page.locator('.composer').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await shot('09-phone-chat');
    await page.getByRole('button', { name: 'Flow', exact: true }).click();
    await expect.poll(currentNode).toBe('club-menu/choose');
    await shot('10-phone-flow');
    await page.getByRole('button', { name: 'Inspect', exact: true }).click();
    await shot('11-phone-inspect');
    expect(cspErrors).toEqual([]);
  });
});
