/**
 * examples/flight-booking through the real loader and runner, on a fake clock: Tuesday
 * 1 December 2026, 09:00 in Madrid (the bot's time zone).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../engine/flow/flow-types.js';
import { conversation } from '../compile/conversation.js';
import { loadExample } from './load-example.js';

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
    expect(c.texts(await c.text('new york'))).toEqual(['When do you want to leave? (e.g. next friday at 9am)']);
    expect(c.texts(await c.text('soon'))).toEqual(['Tell me a day and a time, like “tomorrow at 10am” or “15/03 at 18:00”.']);
    expect(c.texts(await c.text('next friday at 9am'))).toEqual(['One way or return?']);
    expect(c.texts(await c.text('round trip'))).toEqual(['Which day do you come back?']);
    expect(c.texts(await c.text('december 10'))).toEqual(['You would be back before you leave.', 'Which day do you come back?']);
    expect(c.texts(await c.text('december 14'))).toEqual(['How many travellers?']);
    expect(c.texts(await c.text('two'))).toEqual(['Any extras? Send the numbers, e.g. 1, 3\n1. Checked bag\n2. Seat choice\n3. Meal\n4. No extras']);
    expect(c.texts(await c.text('1, 3'))).toEqual(['2 × New York → Berlin, Friday 11 December, 09:00, back Monday 14 December (3 nights). Extras: bag, meal. Book it?']);
    expect(c.texts(await c.text('yes'))).toEqual(['Booked! Your reference is NYCBER-1112. Have a good trip.']);
  });

  it('books a one-way flight in Spanish after /espanol, with Spanish dates and number words', async () => {
    const c = conversation(bot, { now: NOW, user: { id: 'u2', locale: 'en' } });
    expect(c.texts(await c.text('/espanol'))).toEqual(['Hablemos en español. Escribe «reservar un vuelo» para empezar.']);
    expect(c.texts(await c.text('quiero reservar un vuelo'))).toEqual(['¿A dónde quieres viajar?']);
    await c.text('paris');
    await c.text('madrid');
    expect(c.texts(await c.text('el viernes que viene a las 5pm'))).toEqual(['¿Solo ida o ida y vuelta?']);
    expect(c.texts(await c.text('solo ida'))).toEqual(['¿Cuántos viajeros?']);
    await c.text('tres');
    expect(c.texts(await c.text('nada'))).toEqual(['3 × Madrid → Paris, viernes 4 diciembre, 17:00, solo ida. Extras: none. ¿Lo reservo?']);
    expect(c.texts(await c.text('no'))).toEqual(['Vale, no he reservado nada.']);
  });

  it('refuses a departure that has passed', async () => {
    const c = conversation(bot, { now: NOW, user: { id: 'u3', locale: 'en-GB' } });
    await c.text('/book');
    await c.text('1');
    await c.text('2');
    expect(c.texts(await c.text('yesterday at 10am'))).toEqual(['That time has already passed.', 'When do you want to leave? (e.g. next friday at 9am)']);
  });
});
