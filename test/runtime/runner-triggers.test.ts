import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { snippet } from '../support/snippets.js';

const BOT = snippet('bot-config');
const TRIGGERS = snippet('triggers');
const SURVEY = snippet('survey');
const FALLBACK = snippet('fallback');
const bot = () => botFromYaml(BOT, TRIGGERS, SURVEY, FALLBACK);

describe('createRunner triggers', () => {
  it('starts a flow on a lifecycle event', async () => {
    const c = conversation(bot());
    expect(c.texts(await c.event({ kind: 'lifecycle', lifecycle: 'subscribed' }))).toEqual(['Hello']);
  });

  it('ignores a lifecycle event no trigger names', async () => {
    const c = conversation(bot());
    expect((await c.event({ kind: 'lifecycle', lifecycle: 'unsubscribed' })).messages).toEqual([]);
  });

  it.each([
    ['!echo  hi there ', '[echo][hi there]'],
    ['!ECHO a  b', '[echo][a  b]'],
    ['/echo@MyBot x', '[echo][x]'],
    ['!echo', '[echo][]'],
  ])('reads %j as a command', async (text, reply) => {
    const c = conversation(bot());
    expect(c.texts(await c.text(text))).toEqual([reply]);
  });

  type Talk = ReturnType<typeof conversation>;
  it.each<[string, (c: Talk) => ReturnType<Talk['event']>, string]>([
    ['takes command events from adapters like command texts', (c) => c.event({ kind: 'command', name: 'echo', args: 'from adapter', text: '/echo from adapter' }), '[echo][from adapter]'],
    ['sends unknown commands to the catch-all', (c) => c.text('!Nope now'), 'unknown nope'],
    ['starts a flow on a payload press outside a menu', (c) => c.press('GET_STARTED'), 'Hello'],
    ['starts a flow on a pattern with named groups and match.0', (c) => c.text('ORDER 42'), 'order 42 (ORDER 42)'],
    ['runs the fallback flow for anything else', (c) => c.text('what?'), 'fallback: what?'],
    ['starts a flow the send API asks for', (c) => c.event({ kind: 'start', flow: 'survey' } as never), 'Your email?'],
  ])('%s', async (_name, send, reply) => {
    const c = conversation(bot());
    expect(c.texts(await send(c))).toEqual([reply]);
  });

  it('ignores receipts', async () => {
    const c = conversation(bot());
    await c.text('!survey');
    const r = await c.event({ kind: 'receipt', receipt: 'read', messageIds: ['m1'] });
    expect(r.messages).toEqual([]);
    expect(c.texts(await c.text('a@b.co'))).toEqual(['thanks a@b.co']);
  });

  it('picks the text variant of the user locale', async () => {
    for (const [locale, reply] of [['es', 'Hola'], ['es-AR', 'Hola'], ['pt-BR', 'Olá'], ['fr', 'Hello'], [undefined, 'Hello']]) {
      const c = conversation(bot(), { user: { id: 'u', locale } });
      expect(c.texts(await c.event({ kind: 'lifecycle', lifecycle: 'subscribed' }))).toEqual([reply]);
    }
  });
});

describe('createRunner interrupts', () => {
  it('runs a command while an ask waits, then asks again', async () => {
    const c = conversation(bot());
    await c.text('!survey');
    expect(c.texts(await c.text('!echo hi'))).toEqual(['[echo][hi]', 'Your email?']);
    expect(c.texts(await c.text('ana@example.com'))).toEqual(['thanks ana@example.com']);
  });

  it('runs a pattern trigger while an ask waits', async () => {
    const c = conversation(bot());
    await c.text('!survey');
    expect(c.texts(await c.text('order 7'))).toEqual(['order 7 (order 7)', 'Your email?']);
    expect(c.texts(await c.text('not an email'))).toEqual(["Sorry, I didn't get that.", 'Your email?']);
  });

  it('gives text to the waiting ask instead of the fallback', async () => {
    const c = conversation(bot());
    await c.text('!survey');
    expect(c.texts(await c.text('x@y.io'))).toEqual(['thanks x@y.io']);
  });

  it('resumes an interrupted menu that an interrupting ask covered', async () => {
    const menu = snippet('runner-triggers/menu');
    const c = conversation(botFromYaml(BOT, TRIGGERS, SURVEY, menu));
    await c.text('!menu');
    expect(c.texts(await c.text('!survey'))).toEqual(['Your email?']);
    expect(c.texts(await c.text('me@x.io'))).toEqual(['thanks me@x.io', 'Pick']);
    expect(c.texts(await c.text('beta'))).toEqual(['picked b']);
  });

  it('takes a press of a menu option even when a payload trigger has the same id', async () => {
    const menu = snippet('runner-triggers/menu-2');
    const c = conversation(botFromYaml(BOT, TRIGGERS, menu));
    await c.text('!menu');
    expect(c.texts(await c.press('GET_STARTED'))).toEqual(['picked GET_STARTED']);
  });
});
