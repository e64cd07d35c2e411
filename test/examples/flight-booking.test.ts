/**
 * examples/flight-booking through the real loader and runner, on a fake clock: Tuesday
 * 1 December 2026, 09:00 in Madrid (the bot's time zone).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../engine/flow/flow-types.js';
import { conversation } from '../compile/conversation.js';
import { play, scripts } from '../support/play-script.js';
import { loadExample } from './load-example.js';

const SCRIPTS = scripts('flight-booking/scripts');

const NOW = Date.parse('2026-12-01T08:00:00Z');
let bot: Bot;
beforeAll(async () => {
  bot = await loadExample('flight-booking');
});

describe('examples/flight-booking', () => {
  it('books a return flight in English, reading cities by partial name and dates as phrases', async () => {
    const c = conversation(bot, { now: NOW, user: { id: 'u1', name: 'Ana', locale: 'en-US' } });
    const first = await c.text('I want to book a flight');
    expect(first.messages[0]).toMatchObject({ kind: 'options', text: 'Where would you like to travel to?' });
    expect(c.texts(await c.text('ber'))).toEqual(['Where are you flying from?']);
    expect(c.last!.messages[0]).toMatchObject({ options: [{ title: 'Madrid' }, { title: 'Barcelona' }, { title: 'Paris' }, { title: 'New York' }] });
    await play(c, SCRIPTS['books a return flight in English, reading cities by partial name and dates as phrases']);
  });

  it('books a one-way flight in Spanish after /espanol, with Spanish dates and number words', async () => {
    const c = conversation(bot, { now: NOW, user: { id: 'u2', locale: 'en' } });
    await play(c, SCRIPTS['books a one-way flight in Spanish after /espanol, with Spanish dates and number words']);
  });

  it('refuses a departure that has passed', async () => {
    const c = conversation(bot, { now: NOW, user: { id: 'u3', locale: 'en-GB' } });
    await play(c, SCRIPTS['refuses a departure that has passed']);
  });
});
