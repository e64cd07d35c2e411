/**
 * examples/flight-booking through the real loader and runner, on a fake clock: Tuesday
 * 1 December 2026, 09:00 in Madrid (the bot's time zone).
 */
import { beforeAll, describe, it } from 'vitest';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { UserInfo } from '../../engine/types.js';
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
  it.each<[string, UserInfo]>([
    ['books a return flight in English, reading cities by partial name and dates as phrases', { id: 'u1', name: 'Ana', locale: 'en-US' }],
    ['books a one-way flight in Spanish after /espanol, with Spanish dates and number words', { id: 'u2', locale: 'en' }],
    ['refuses a departure that has passed', { id: 'u3', locale: 'en-GB' }],
  ])('%s', async (name, user) => {
    await play(conversation(bot, { now: NOW, user }), SCRIPTS[name]);
  });
});
