/** examples/todo-list through the real loader and runner: a user's to-do list in one list variable. */
import { beforeAll, describe, expect, it } from 'vitest';
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
  it('adds, lists and ticks off by number', async () => {
    const c = conversation(bot);
    await play(c, SCRIPTS['adds, lists and ticks off by number']);
  });

  it('asks which one is done, as a menu built from the list, and reads a partial title', async () => {
    const c = conversation(bot);
    await c.text('add buy milk');
    await c.text('add water the plants');
    const menu = await c.text('done');
    expect(menu.messages).toEqual([{ kind: 'options', text: 'Which one is done?', options: [
      { id: 'buy milk', title: 'buy milk' }, { id: 'water the plants', title: 'water the plants' }, { id: 'none', title: 'None' },
    ] }]);
    await play(c, SCRIPTS['asks which one is done, as a menu built from the list, and reads a partial title']);
  });

  it('adds through a question, clears after a yes and keeps after a no', async () => {
    const c = conversation(bot);
    await play(c, SCRIPTS['adds through a question, clears after a yes and keeps after a no']);
  });

  it('explains itself on anything else', async () => {
    const c = conversation(bot);
    expect(c.texts(await c.text('hello'))).toEqual(['I keep your to-do list. Say “add buy milk”, “list”, “done 2” or “clear”.']);
  });
});
