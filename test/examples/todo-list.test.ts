/** examples/todo-list through the real loader and runner: a user's to-do list in one list variable. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../engine/flow/flow-types.js';
import { conversation } from '../compile/conversation.js';
import { loadExample } from './load-example.js';

let bot: Bot;
beforeAll(async () => {
  bot = await loadExample('todo-list');
});

describe('examples/todo-list', () => {
  it('adds, lists and ticks off by number', async () => {
    const c = conversation(bot);
    expect(c.texts(await c.text('add buy milk'))).toEqual(['Added “buy milk”. You have 1 thing to do.']);
    expect(c.texts(await c.text('Add call Ana'))).toEqual(['Added “call Ana”. You have 2 things to do.']);
    expect(c.texts(await c.text('list'))).toEqual(['To do:\n1. buy milk\n2. call Ana']);
    expect(c.texts(await c.text('done 2'))).toEqual(['Ticked off “call Ana”. 1 left.']);
    expect(c.texts(await c.text('/list'))).toEqual(['To do:\n1. buy milk']);
  });

  it('asks which one is done, as a menu built from the list, and reads a partial title', async () => {
    const c = conversation(bot);
    await c.text('add buy milk');
    await c.text('add water the plants');
    const menu = await c.text('done');
    expect(menu.messages).toEqual([{ kind: 'options', text: 'Which one is done?', options: [
      { id: 'buy milk', title: 'buy milk' }, { id: 'water the plants', title: 'water the plants' }, { id: 'none', title: 'None' },
    ] }]);
    expect(c.texts(await c.text('plants'))).toEqual(['Ticked off “water the plants”. 1 left.']);
    await c.text('done');
    expect(c.texts(await c.text('cancel'))).toEqual([]);
    expect(c.texts(await c.text('list'))).toEqual(['To do:\n1. buy milk']);
  });

  it('adds through a question, clears after a yes and keeps after a no', async () => {
    const c = conversation(bot);
    expect(c.texts(await c.text('/add'))).toEqual(['What should I add?']);
    expect(c.texts(await c.text('  bake bread '))).toEqual(['Added “bake bread”. You have 1 thing to do.']);
    expect(c.texts(await c.text('/clear'))).toEqual(['Clear all 1 to-dos?']);
    expect(c.texts(await c.text('n'))).toEqual(['Kept your list.']);
    await c.text('/clear');
    expect(c.texts(await c.text('sure'))).toEqual(['Cleared.']);
    expect(c.texts(await c.text('list'))).toEqual(['Nothing to do. Enjoy!']);
    expect(c.texts(await c.text('done 1'))).toEqual(['Nothing to do. Enjoy!']);
  });

  it('explains itself on anything else', async () => {
    const c = conversation(bot);
    expect(c.texts(await c.text('hello'))).toEqual(['I keep your to-do list. Say “add buy milk”, “list”, “done 2” or “clear”.']);
  });
});
