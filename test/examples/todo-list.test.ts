/** examples/todo-list through the real loader and runner: a user's to-do list in one list variable. */
import { beforeAll, describe, it } from 'vitest';
import type { Bot } from '../../engine/flow/flow-types.js';
import { conversation } from '../compile/conversation.js';
import { play, scripts } from '../support/play-script.js';
import { loadExample } from './load-example.js';

const SCRIPTS = scripts('todo-list/scripts');

let bot: Bot;
beforeAll(async () => {
  bot = await loadExample('todo-list');
});

describe('examples/todo-list', () => {
  it.each([
    'adds, lists and ticks off by number',
    'asks which one is done, as a menu built from the list, and reads a partial title',
    'adds through a question, clears after a yes and keeps after a no',
    'explains itself on anything else',
  ])('%s', async (name) => {
    await play(conversation(bot), SCRIPTS[name]);
  });
});
