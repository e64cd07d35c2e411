import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { conversation } from '../compile/conversation.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import type { OutboxItem } from '../../engine/runtime/store.js';
import { makeProcess, text, textsTo } from './pipeline-harness.js';
import { redactTurn, REDACTED } from '../../engine/runtime/redact-turn.js';
import { builtinActions, createRunner } from '../../engine/runtime/runner.js';
import { silentLogger } from '../../engine/runtime/logger.js';

const VAULT_FLOW = readFileSync(join(import.meta.dirname, '..', '..', 'flows', 'vault.yaml'), 'utf8');

const PIN_FLOW = `
version: 1
id: pin
sensitive: [copy]
triggers:
  - command: pin
  - command: login
    sensitive: true
    goto: login
  - command: show
    goto: show
steps:
  - ask:
      text: "Your PIN?"
      save: pin
      pattern: '^(?<digits>\\d{4})$'
      sensitive: true
  - set: { copy: "{{ pin }}-{{ match.digits }}", unmarked: "pin was {{ pin }}" }
  - log: { pin: "{{ pin }}", note: "checked" }
  - say: "PIN {{ match.digits }} saved"
    next: end
  - id: login
    say: "Logged in with {{ command.args }}"
    next: end
  - id: show
    say: "copy={{ copy }}"
`;

describe('sensitive marks in a conversation', () => {
  it('seals a sensitive ask answer, its match and a marked variable in the snapshot, and still reads them next turn', async () => {
    const c = conversation(botFromYaml(PIN_FLOW));
    await c.text('!pin');
    const r = await c.text('4821');
    expect(c.texts(r)).toEqual(['PIN 4821 saved']);
    expect(r.sensitiveMessages).toEqual([true]);
    expect(r.sensitiveInput).toBe(true);
    // Also `unmarked`, a copy no list names: it holds the value, so it is sealed too.
    expect(JSON.stringify(c.snapshot)).not.toContain('4821');
    // The log step printed the value as [sensitive]; the note is untouched.
    expect(r.logs[0]?.fields).toEqual({ pin: REDACTED, note: 'checked' });
    expect(JSON.stringify(c.logger.lines)).not.toContain('4821');
    // Opened again on the next turn: the flow reads its variables as before.
    const shown = await c.text('!show');
    expect(c.texts(shown)).toEqual(['copy=4821-4821']);
    expect(shown.sensitiveMessages).toEqual([true]);
    expect(shown.sensitiveInput).toBe(false);
  });

  it('seals the arguments of a sensitive command trigger; other turns stay plain', async () => {
    const c = conversation(botFromYaml(PIN_FLOW));
    const r = await c.text('!login hunter2');
    expect(c.texts(r)).toEqual(['Logged in with hunter2']);
    expect(r.sensitiveMessages).toEqual([true]);
    expect(JSON.stringify(c.snapshot)).not.toContain('hunter2');
    const plain = await c.text('!pin');
    expect(plain.sensitiveMessages).toEqual([false]);
    expect(JSON.stringify(c.snapshot)).toContain('!pin');
  });

  it('drops a sealed value it cannot open (another key), as if it was never set', async () => {
    const c = conversation(botFromYaml(PIN_FLOW));
    await c.text('!pin');
    await c.text('4821');
    const snapshot = JSON.parse(JSON.stringify(c.snapshot).replaceAll(/"sealed":"[^"]+"/g, '"sealed":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"'));
    c.snapshot = snapshot;
    expect(c.texts(await c.text('!show'))).toEqual(['copy=']);
  });
});

describe('sensitive values in action errors', () => {
  it('seals an error that quotes a marked value and logs it as [sensitive]', async () => {
    const c = conversation(botFromYaml(`
version: 1
id: api
triggers:
  - command: tok
    sensitive: true
steps:
  - call: http.request
    with: { url: "https://api.example/check/{{ command.args }}" }
`), { http: { request: async () => { throw new Error('connection refused'); } } });
    await c.text('!tok s3cr3t-t0ken');
    expect(JSON.stringify(c.snapshot)).not.toContain('s3cr3t-t0ken');
    expect(JSON.stringify(c.logger.lines)).not.toContain('s3cr3t-t0ken');
    expect(JSON.stringify(c.logger.lines)).toContain('[sensitive]');
  });
});

describe('sensitive data through the pipeline (shipped vault flow)', () => {
  it('keeps inbox events and replies with secrets sealed at rest and delivers them in the clear', async () => {
    const store = createMemoryStore();
    const delivered: OutboxItem[] = [];
    const p = makeProcess(botFromYaml(VAULT_FLOW), store, delivered);
    await p.pipeline.ingest([text('a', 'new:open sesame'), text('b', 'hola')]);
    const [pending] = await store.pendingFor('test:a', 10);
    expect(pending?.event).toMatchObject({ kind: 'sealed' });
    expect(JSON.stringify(pending)).not.toContain('open sesame');
    // A message no sensitive trigger takes stays plain (nothing to hide, no cost).
    expect((await store.pendingFor('test:b', 10))[0]?.event).toMatchObject({ kind: 'text', text: 'hola' });
    await p.pipeline.idle();
    const [queued] = await store.claimOutbox(Date.now(), 10, 0);
    expect(queued?.message).toMatchObject({ kind: 'sealed' });
    await p.sender.drain();
    const [key] = textsTo(delivered, 'a');
    expect(key).toMatch(/^[A-Za-z0-9]{10}:[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify((await store.load('test:a'))?.snapshot)).not.toContain(key!.split(':')[1]);
    await p.pipeline.ingest([text('a', key!)]);
    await p.pipeline.idle();
    await p.sender.drain();
    expect(textsTo(delivered, 'a')).toEqual([key, 'open sesame']);
    expect(JSON.stringify((await store.load('test:a'))?.snapshot)).not.toContain('open sesame');
  });
});

describe('Runner.mightBeSensitive (what the inbox seals)', () => {
  const event = (t: string) => text('a', t);
  it('is true for events that fire a sensitive trigger and false for the rest', () => {
    const runner = createRunner(botFromYaml(VAULT_FLOW), { actions: builtinActions(), logger: silentLogger, now: Date.now });
    expect(runner.mightBeSensitive(event('new:x'))).toBe(true);
    expect(runner.mightBeSensitive(event('AbCdEfGhIj:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'))).toBe(true);
    expect(runner.mightBeSensitive(event('hola'))).toBe(false);
  });

  it('is true for every event of a bot with a sensitive ask (any message may answer it)', () => {
    const runner = createRunner(botFromYaml(PIN_FLOW), { actions: builtinActions(), logger: silentLogger, now: Date.now });
    expect(runner.mightBeSensitive(event('hola'))).toBe(true);
  });
});

describe('redactTurn', () => {
  it('hides a sensitive input and the sensitive replies, keeping kinds, ids and the others', () => {
    const input = { kind: 'text' as const, text: 'new:pw', platform: 'tg', conversation: '1', user: { id: '1' }, eventId: 'e1', timestamp: 1 };
    const out = redactTurn(input, {
      messages: [{ kind: 'text', text: 'k:tok' }, { kind: 'options', text: 'Pick', options: [{ id: 'a', title: 'A' }] }],
      sensitiveMessages: [true, false],
      sensitiveInput: true,
    });
    expect(out.input).toEqual({ ...input, text: REDACTED });
    expect(out.messages).toEqual([{ kind: 'text', text: REDACTED }, { kind: 'options', text: 'Pick', options: [{ id: 'a', title: 'A' }] }]);
    expect(redactTurn(input, { messages: [] }).input).toBe(input);
  });
});
