/**
 * examples/money-transfer (Rasa CALM demo style) through the real loader and runner:
 * a transfer with a correction, a digression that resumes it, contacts, cancelling.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../engine/flow/flow-types.js';
import { conversation } from '../compile/conversation.js';
import { play, scripts } from '../support/play-script.js';
import { loadExample } from './load-example.js';

const SCRIPTS = scripts('money-transfer/scripts');

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
    await play(c, SCRIPTS['transfers to a contact named in the request, after a correction of the amount']);
  });

  it('asks for the recipient from the contacts, by partial name, and changes the amount by option', async () => {
    const c = await started();
    const ask = await c.text('transfer');
    expect(ask.messages[0]).toEqual({ kind: 'options', text: 'Who do you want to send money to?', options: [
      { id: 'ana', title: 'Ana García' }, { id: 'bob', title: 'Bob Smith' }, { id: 'carla', title: 'Carla Mendes' },
    ] });
    await play(c, SCRIPTS['asks for the recipient from the contacts, by partial name, and changes the amount by option']);
  });

  it('answers a balance question in the middle of a transfer, then the transfer goes on', async () => {
    const c = await started();
    await play(c, SCRIPTS['answers a balance question in the middle of a transfer, then the transfer goes on']);
  });

  it('cancels from any question, and says so when there is nothing to cancel', async () => {
    const c = await started();
    await play(c, SCRIPTS['cancels from any question, and says so when there is nothing to cancel']);
  });

  it('cancels at the confirmation', async () => {
    const c = await started();
    await play(c, SCRIPTS['cancels at the confirmation']);
  });

  it('adds and removes contacts, and a new contact can be paid', async () => {
    const c = await started();
    await play(c, SCRIPTS['adds and removes contacts, and a new contact can be paid']);
  });
});
