/**
 * examples/money-transfer (Rasa CALM demo style) through the real loader and runner:
 * a transfer with a correction, a digression that resumes it, contacts, cancelling.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../engine/flow/flow-types.js';
import { conversation } from '../compile/conversation.js';
import { loadExample } from './load-example.js';

let bot: Bot;
beforeAll(async () => {
  bot = await loadExample('money-transfer');
});

async function started() {
  const c = conversation(bot, { user: { id: 'u1', name: 'Ana', locale: 'en' } });
  expect(c.texts(await c.text('hi'))).toEqual(['I can transfer money, tell you your balance, and list, add or remove contacts. Try “send money to Ana”.']);
  return c;
}

describe('examples/money-transfer', () => {
  it('transfers to a contact named in the request, after a correction of the amount', async () => {
    const c = await started();
    expect(c.texts(await c.text('I want to send money to ana'))).toEqual(['How much do you want to send to Ana García?']);
    expect(c.texts(await c.text('1,250.50'))).toEqual(['You only have $1,000.00.', 'How much do you want to send to Ana García?']);
    expect(c.texts(await c.text('fifty'))).toEqual(['Send $50.00 to Ana García?']);
    expect(c.texts(await c.text('actually make it 60'))).toEqual(['Changed the amount to $60.00.', 'Send $60.00 to Ana García?']);
    expect(c.texts(await c.text('yes'))).toEqual(['Done: $60.00 sent to Ana García. Your balance is $940.00.']);
  });

  it('asks for the recipient from the contacts, by partial name, and changes the amount by option', async () => {
    const c = await started();
    const ask = await c.text('transfer');
    expect(ask.messages[0]).toEqual({ kind: 'options', text: 'Who do you want to send money to?', options: [
      { id: 'ana', title: 'Ana García' }, { id: 'bob', title: 'Bob Smith' }, { id: 'carla', title: 'Carla Mendes' },
    ] });
    expect(c.texts(await c.text('smith'))).toEqual(['How much do you want to send to Bob Smith?']);
    await c.text('20');
    expect(c.texts(await c.text('change the amount'))).toEqual(['How much do you want to send to Bob Smith?']);
    await c.text('25');
    expect(c.texts(await c.press('yes', 'Yes, send it'))).toEqual(['Done: $25.00 sent to Bob Smith. Your balance is $975.00.']);
  });

  it('answers a balance question in the middle of a transfer, then the transfer goes on', async () => {
    const c = await started();
    await c.text('pay carla');
    await c.text('100');
    expect(c.texts(await c.text("what's my balance?"))).toEqual(['Your balance is $1,000.00.', 'Send $100.00 to Carla Mendes?']);
    expect(c.texts(await c.text('yes'))).toEqual(['Done: $100.00 sent to Carla Mendes. Your balance is $900.00.']);
  });

  it('cancels from any question, and says so when there is nothing to cancel', async () => {
    const c = await started();
    await c.text('send money to bob');
    expect(c.texts(await c.text('cancel'))).toEqual(['Okay, I cancelled the transfer. No money was sent.']);
    // The cancelled question is gone: a number now is no answer to anything.
    expect(c.texts(await c.text('5'))).toEqual(['I can transfer money, tell you your balance, and list, add or remove contacts. Try “send money to Ana”.']);
    await c.text('transfer');
    await c.text('ana');
    await c.text('5');
    expect(c.texts(await c.text('Never mind'))).toEqual(['Okay, I cancelled the transfer. No money was sent.']);
    expect(c.texts(await c.text('stop'))).toEqual(['There is nothing to cancel.']);
    expect(c.texts(await c.text('balance'))).toEqual(['Your balance is $1,000.00.']);
  });

  it('cancels at the confirmation', async () => {
    const c = await started();
    await c.text('send money to bob');
    await c.text('5');
    expect(c.texts(await c.text('no'))).toEqual(['Okay, I cancelled the transfer. No money was sent.']);
    expect(c.texts(await c.text('balance'))).toEqual(['Your balance is $1,000.00.']);
  });

  it('adds and removes contacts, and a new contact can be paid', async () => {
    const c = await started();
    await c.text('add contact');
    await c.text('Dana Scully');
    expect(c.texts(await c.text('d4na'))).toEqual(['A handle is 2 to 20 letters, like “dana”.']);
    expect(c.texts(await c.text('Dana'))).toEqual(['Added Dana Scully. You have 4 contacts.']);
    await c.text('add contact');
    await c.text('Ana Again');
    expect(c.texts(await c.text('ana'))).toEqual(['You already have a contact called ana.']);
    expect(c.texts(await c.text('send money to dana'))).toEqual(['How much do you want to send to Dana Scully?']);
    await c.text('10');
    await c.text('y');
    await c.text('remove contact');
    expect(c.texts(await c.text('bob'))).toEqual(['Removed Bob Smith. You have 3 contacts.']);
    expect(c.texts(await c.text('list contacts'))).toEqual(['Your contacts: Ana García, Carla Mendes, Dana Scully.']);
  });
});
