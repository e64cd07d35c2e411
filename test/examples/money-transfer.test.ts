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
  it.each([
    'transfers to a contact named in the request, after a correction of the amount',
    'asks for the recipient from the contacts, by partial name, and changes the amount by option',
    'answers a balance question in the middle of a transfer, then the transfer goes on',
    'cancels from any question, and says so when there is nothing to cancel',
    'cancels at the confirmation',
    'adds and removes contacts, and a new contact can be paid',
  ])('%s', async (name) => {
    await play(await started(), SCRIPTS[name]);
  });
});
