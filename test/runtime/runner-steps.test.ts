import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { play, scripts } from '../support/play-script.js';
import { snippet } from '../support/snippets.js';
import { defineAction } from '../../engine/actions/action-types.js';
import { ParleyError } from '../../engine/errors.js';

const SCRIPTS = scripts('runner-steps/scripts');

const flow = (steps: string, triggers = '[ { command: go } ]', id = 'main') => `
version: 1
id: ${id}
triggers: ${triggers}
steps:
${steps}`;

describe('createRunner steps', () => {
  // Each row: a flow that answers !go with the given texts.
  it.each<[string, string, string[]]>([
    ['set keeps the type of a single expression and renders other strings', 'runner-steps/main-4', ['10 n=5 2']],
    ['if without else continues with the next step', 'runner-steps/main-6', ['next']],
    ['end says its text and stops the flow', 'runner-steps/main-8', ['bye']],
    ['call of an unknown action goes to on_error with ACTION_UNKNOWN', 'runner-steps/main-20', ['ACTION_UNKNOWN']],
  ])('%s', async (_name, flow, replies) => {
    const c = conversation(botFromYaml(snippet(flow)));
    expect(c.texts(await c.text('!go'))).toEqual(replies);
  });

  it('say sends one text message per step', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-3')));
    expect((await c.text('!go')).messages).toEqual([{ kind: 'text', text: 'one' }, { kind: 'text', text: 'two Ana' }]);
  });

  it('if goes to then on a truthy expression and to else otherwise', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-5')));
    expect(c.texts(await c.text('!go yes'))).toEqual(['then']);
    expect(c.texts(await c.text('!go no'))).toEqual(['else']);
  });

  it('goto jumps within a flow and to another flow', async () => {
    const c = conversation(botFromYaml(
      snippet('runner-steps/main-7'),
      flow(`
  - say: "first"
  - id: hello
    say: "hello from other"`, '[]', 'other'),
    ));
    expect(c.texts(await c.text('!go'))).toEqual(['later', 'hello from other']);
  });

  it('flow runs another flow and continues after it', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main'), snippet('runner-steps/sub')));
    expect(c.texts(await c.text('!go'))).toEqual(['in sub', 'back in main']);
  });

  it('flow returns after a menu in the called flow', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-2'), snippet('runner-steps/sub-2')));
    expect(c.texts(await c.text('!go'))).toEqual(['Pick']);
    expect(c.texts(await c.text('b'))).toEqual(['chose b']);
  });

  it('log returns a FlowLogEntry and writes to the logger', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-9')));
    const r = await c.text('!go');
    expect(r.logs).toEqual([
      { flow: 'main', step: 'note', fields: { who: 'Ana', n: 2 } },
      { flow: 'main', step: '@1', fields: { message: 'plain u1' } },
    ]);
    expect(c.logger.lines.some((l) => l.level === 'info' && (l.obj as { who?: string }).who === 'Ana')).toBe(true);
    expect(r.messages).toEqual([]);
  });

  it('menu saves the chosen id and follows the option next', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-10')));
    await c.text('!go');
    expect(c.texts(await c.text('GRANDE'))).toEqual(['big l Grande']);
    await c.text('!go');
    expect(c.texts(await c.press('s'))).toEqual(['default s']);
  });

  it('menu compares titles ignoring case and accents', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-11')));
    await c.text('!go');
    expect(c.texts(await c.text(' tenis '))).toEqual(['ok t']);
  });

  it('menu without otherwise re-sends itself on anything else', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-12')));
    await c.text('!go');
    const r = await c.text('7');
    expect(r.messages).toEqual([{ kind: 'options', text: 'Pick', options: [{ id: 'a', title: 'A' }] }]);
  });

  it.each([
    ['ask saves a typed answer', 'runner-steps/main-13'],
    ['ask re-prompts invalid answers, then goes to on_fail after the retries', 'runner-steps/main-14'],
    ['ask uses its own reprompt and pattern captures', 'runner-steps/main-27'],
  ])('%s', async (name, flow) => {
    await play(conversation(botFromYaml(snippet(flow))), SCRIPTS[name]);
  });

  it('ask of a location takes a location event', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-15')));
    await c.text('!go');
    expect(c.texts(await c.text('here'))).toEqual(["Sorry, I didn't get that.", 'Where?']);
    expect(c.texts(await c.event({ kind: 'location', latitude: -34.6, longitude: -58.4 }))).toEqual(['-34.6,-58.4']);
  });

  it('call saves the action result and renders with: templates', async () => {
    const add = defineAction<{ a: number; b: number }, { sum: number }>({ name: 'add', run: async (p) => ({ sum: p.a + p.b }) });
    const c = conversation(botFromYaml(snippet('runner-steps/main-16')), { actions: { add } });
    expect(c.texts(await c.text('!go'))).toEqual(['7']);
  });

  it('call goes to on_error with error.message and error.code in scope', async () => {
    const boom = defineAction({ name: 'boom', run: async () => { throw new ParleyError('BOOM', 'it broke'); } });
    const c = conversation(botFromYaml(snippet('runner-steps/main-17')), { actions: { boom } });
    expect(c.texts(await c.text('!go'))).toEqual(['BOOM: it broke']);
  });

  it('call without on_error logs the error, says the default error reply and ends the flow', async () => {
    const boom = defineAction({ name: 'boom', run: async () => { throw new Error('it broke'); } });
    const c = conversation(botFromYaml(snippet('runner-steps/main-18')), { actions: { boom } });
    const r = await c.text('!go');
    expect(c.texts(r)).toEqual(['before', 'Sorry, something went wrong. Please try again later.']);
    expect(c.logger.lines.some((l) => l.level === 'error')).toBe(true);
    // The turn's logs carry the failure, so `parley chat --verbose` can show it.
    expect(r.logs).toEqual([{ flow: 'main', step: '@1', level: 'error', fields: expect.objectContaining({ action: 'boom', message: expect.any(String) }) }]);
    expect(c.texts(await c.text('!go'))).toEqual(['before', 'Sorry, something went wrong. Please try again later.']);
  });

  it('call without on_error says the error_reply of bot.yaml', async () => {
    const boom = defineAction({ name: 'boom', run: async () => { throw new Error('it broke'); } });
    const c = conversation(botFromYaml('version: 1\nbot: { error_reply: { default: "Oops.", es: "Uy." } }', snippet('runner-steps/main-19')), { actions: { boom }, user: { id: 'u', locale: 'es' } });
    expect(c.texts(await c.text('!go'))).toEqual(['Uy.']);
  });

  it('a goto loop that never waits fails the turn with FLOW_LOOP and no retry', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-21')));
    const failure = await c.text('!go').catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'CONVERSATION_FAILED', retryable: false, cause: { code: 'FLOW_LOOP' } });
  });
});

describe('createRunner timers', () => {
  it('wait arms a timer and continues when it fires', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-22')));
    const r = await c.text('!go');
    expect(c.texts(r)).toEqual(['wait for it']);
    expect(r.timers).toEqual([{ timerId: expect.any(String), dueAt: c.clock.now + 600_000 }]);
    expect(c.texts(await c.text('hello?'))).toEqual([]);
    expect(await c.advance(599_000)).toEqual([]);
    const [fired] = await c.advance(1_000);
    expect(c.texts(fired)).toEqual(['ding', 'done']);
    expect(fired.timers).toEqual([]);
  });

  it('ignores a stale timer id', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-23')));
    await c.text('!go');
    const r = await c.send({ kind: 'timer', timerId: 'nope', platform: 'test', conversation: 'c1' });
    expect(r.messages).toEqual([]);
    expect(r.timers).toHaveLength(1);
  });

  it('a menu reminder says its text and keeps waiting', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-24')));
    const r = await c.text('!go');
    expect(r.timers).toHaveLength(1);
    const [reminded] = await c.advance(30_000);
    expect(c.texts(reminded)).toEqual(['Still there?']);
    expect(reminded.timers).toEqual([]);
    expect(c.texts(await c.text('1'))).toEqual(['got a']);
  });

  it('an ask reminder with next goes there', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-25')));
    await c.text('!go');
    const [r] = await c.advance(3_600_000);
    expect(c.texts(r)).toEqual(['Bye for now', 'closed']);
    expect(c.texts(await c.text('Bob'))).toEqual([]);
  });

  it('answering cancels the reminder', async () => {
    const c = conversation(botFromYaml(snippet('runner-steps/main-26')));
    await c.text('!go');
    const r = await c.text('Bob');
    expect(c.texts(r)).toEqual(['hi Bob']);
    expect(r.timers).toEqual([]);
  });
});
