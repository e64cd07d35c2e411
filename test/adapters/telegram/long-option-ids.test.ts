import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InboundEvent } from '../../../engine/types.js';
import { ADAPTER_NOTE_LIFETIME_MS, platformNotes } from '../../../engine/runtime/platform-notes.js';
import type { TelegramConfig } from '../../../adapters/telegram/config.js';
import { mockGraph, type GraphMock } from '../shared/graph-mock.js';
import { memoryNotes } from '../../../engine/runtime/stores/memory-notes.js';
import type { NotePort } from '../../../engine/runtime/ports/note-port.js';
import { signedTelegramUpdate, telegramButtonPressUpdate, telegramWebhookRequest } from '../../support/webhooks/telegram.js';

const config: TelegramConfig = { token: '7311902846:AAE-token', apiUrl: 'https://api.telegram.org' };
const LONG_ID = `booking:${'x'.repeat(80)}`;
const NOW = 1_764_000_000_000;

/** A fresh copy of the adapter's modules, as a new process would load them. */
async function freshAdapter() {
  vi.resetModules();
  return (await import('../../../adapters/telegram/index.js')).telegramAdapter;
}

let api: GraphMock;
beforeEach(() => {
  api = mockGraph('https://api.telegram.org');
});
afterEach(async () => api.agent.close());

/** Sends a menu with the long id through `adapter`; returns the button's callback_data. */
async function sendMenu(adapter: Awaited<ReturnType<typeof freshAdapter>>, store: NotePort, now = () => NOW): Promise<string> {
  api.reply(`/bot${config.token}/sendMessage`, 200, { ok: true, result: { message_id: 1, chat: { id: 5, type: 'private' }, date: 1 } });
  const notes = platformNotes(store, 'telegram', now);
  await adapter.send('5', { kind: 'options', text: 'Pick', options: [{ id: LONG_ID, title: 'Book' }] }, { config, http: api.http, notes, now });
  const body = api.seen[0]!.body as { reply_markup: { inline_keyboard: { callback_data: string }[][] } };
  return body.reply_markup.inline_keyboard[0]![0]!.callback_data;
}

async function press(adapter: Awaited<ReturnType<typeof freshAdapter>>, store: NotePort, data: string, now = () => NOW): Promise<InboundEvent[]> {
  const update = telegramButtonPressUpdate({ id: 5, name: 'Al' }, data, { title: 'Book' });
  return adapter.parse(telegramWebhookRequest(signedTelegramUpdate(update)), config, undefined, { now, notes: platformNotes(store, 'telegram', now) });
}

describe('telegram long option ids', () => {
  it('notes a hashed callback_data at send and maps the press back at parse', async () => {
    const store = memoryNotes().methods;
    const adapter = await freshAdapter();
    const data = await sendMenu(adapter, store);
    expect(data).toMatch(/^#h:/);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(await press(adapter, store, data)).toEqual([expect.objectContaining({ kind: 'option', optionId: LONG_ID, title: 'Book' })]);
  });

  it('maps a press after a restart back to the long id (fresh modules, same notes)', async () => {
    const store = memoryNotes().methods;
    const data = await sendMenu(await freshAdapter(), store);
    const restarted = await freshAdapter();
    expect(await press(restarted, store, data)).toEqual([expect.objectContaining({ kind: 'option', optionId: LONG_ID })]);
  });

  it('keeps the hashed data (and the title, for the engine) once the note has expired', async () => {
    const store = memoryNotes().methods;
    const adapter = await freshAdapter();
    const data = await sendMenu(adapter, store);
    const later = () => NOW + ADAPTER_NOTE_LIFETIME_MS + 1;
    expect(await press(adapter, store, data, later)).toEqual([expect.objectContaining({ optionId: data, title: 'Book' })]);
  });

  it('writes no note for ids that fit in callback_data', async () => {
    const notes = memoryNotes().methods;
    const written: string[] = [];
    const store: NotePort = { ...notes, putNote: (platform, key, value, expiresAt) => (written.push(key), notes.putNote(platform, key, value, expiresAt)) };
    const adapter = await freshAdapter();
    api.reply(`/bot${config.token}/sendMessage`, 200, { ok: true, result: { message_id: 1, chat: { id: 5, type: 'private' }, date: 1 } });
    await adapter.send('5', { kind: 'options', text: 'Pick', options: [{ id: 'short', title: 'S' }] }, { config, http: api.http, notes: platformNotes(store, 'telegram', () => NOW) });
    expect(written).toEqual([]);
  });

  it('dates a press on an inaccessible message by the injected clock', async () => {
    const adapter = await freshAdapter();
    const update = telegramButtonPressUpdate({ id: 5, name: 'Al' }, 'short', { date: 0 });
    const events = await adapter.parse(telegramWebhookRequest(signedTelegramUpdate(update)), config, undefined, { now: () => NOW });
    expect(events[0]!.timestamp).toBe(Math.floor(NOW / 1000) * 1000);
  });
});
