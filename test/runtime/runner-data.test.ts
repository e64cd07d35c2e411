/**
 * The data features through the real runner: lists in `set:`, menus with synonyms, partial
 * titles, multi-select and options from a list, number and date asks in the user's locale
 * and zone (on a fake clock), `matches`, pattern flags and switching the user's language.
 */
import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { play, scripts } from '../support/play-script.js';
import { snippet } from '../support/snippets.js';

const SCRIPTS = scripts('runner-data/scripts');

const NOW = Date.parse('2026-12-01T08:00:00Z'); // Tuesday, 09:00 in Madrid

describe('menus', () => {
  const bot = botFromYaml(snippet('runner-data/m'));
  it.each([
    ['a synonym', 'BEE', 'beta', 'Beta Ltd'],
    ['a one-letter synonym', 'b', 'beta', 'Beta Ltd'],
    ['an unambiguous partial title', 'acme c', 'acme', 'Acme Corporation'],
    ['the start of a later word', 'corp', 'acme', 'Acme Corporation'],
    ['a whole later word', 'travel', 'travel', 'Acme Travel'],
    ['a synonym of several words', 'The big one', 'acme', 'Acme Corporation'],
  ])('chooses by %s', async (_what, text, id, title) => {
    const c = conversation(bot, { now: NOW });
    await c.text('hi');
    expect(c.texts(await c.text(text))).toEqual([`You chose ${id} (${title})`]);
  });
  it('sends an ambiguous partial to otherwise', async () => {
    const c = conversation(bot, { now: NOW });
    await c.text('hi');
    expect(c.texts(await c.text('acme'))[0]).toBe('Did you mean Acme Corporation or Acme Travel?');
    expect(c.texts(await c.text('ac'))[0]).toBe('Which one? Acme Corporation, Acme Travel or Beta Ltd');
    expect(c.texts(await c.text('acme t'))).toEqual(['You chose travel (Acme Travel)']);
  });

  const multi = botFromYaml(snippet('runner-data/m-2'));
  it('asks a multi-select again when one part is not a choice', async () => {
    const c = conversation(multi, { now: NOW });
    await c.text('hi');
    expect(c.texts(await c.text('1, 7'))).toEqual(['Which sports? (e.g. 1, 3)\n1. Pool\n2. Tennis\n3. Golf']);
  });
});

describe('number and date asks', () => {
  const bot = botFromYaml(snippet('runner-data/bot'), snippet('runner-data/ask'));
  it('reads "1,000" as a thousand, not 1 (bug 8)', async () => {
    const c = conversation(bot, { now: NOW, user: { id: 'u1', locale: 'en' } });
    await c.text('hi');
    await c.text('1,000');
    expect((c.snapshot as { machine: { context: { vars: Record<string, unknown> } } }).machine.context.vars.amount).toBe(1000);
  });
});

describe('scripted conversations', () => {
  // Each row: the group, the script (by test name), the flows of its bot and the user's locale.
  it.each<[string, string, string[], string?]>([
    ['lists', 'appends, counts, joins and removes', ['runner-data/todo']],
    ['menus', 'shows a multi-select as numbered choices and reads several in one message', ['runner-data/m-2']],
    ['menus', 'builds options from a list, before the fixed ones, and saves the chosen member', ['runner-data/m-3']],
    ['number and date asks', 'reads English numbers and phrases in the bot\'s time zone', ['runner-data/bot', 'runner-data/ask'], 'en'],
    ['number and date asks', 'reads Spanish numbers and phrases, and writes them back in Spanish', ['runner-data/bot', 'runner-data/ask'], 'es'],
    ['number and date asks', 'reads number words, and asks again for what is no number or date', ['runner-data/bot', 'runner-data/ask'], 'es'],
    ['conditions and patterns', 'applies ask flags and matches in if', ['runner-data/f']],
    ['user.locale', 'switches the language for the rest of the conversation, over what the platform says', ['runner-data/lang'], 'en'],
  ])('%s: %s', async (_group, name, flows, locale) => {
    const bot = botFromYaml(...flows.map((f) => snippet(f)));
    await play(conversation(bot, { now: NOW, ...(locale ? { user: { id: 'u1', locale } } : {}) }), SCRIPTS[name]);
  });
});
