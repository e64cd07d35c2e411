/**
 * The conversation stack and the background timers over real HTTP on Telegram: the real
 * server on a loopback port with SQLite, the Telegram stand-in, updates POSTed as Telegram
 * does. Interrupt and re-ask, cancel naming what it cancelled, a message during a wait
 * reaching the fallback, a computed wait and a named schedule firing on the real clock.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startTelegramApi, type TelegramApi } from '../support/stand-ins/telegram-api.js';
import { telegramDriver, TG_TOKEN } from './drivers/telegram-driver.js';

const FLOWS: Record<string, string> = {
  'transfer.yaml': `version: 1
id: transfer
triggers: [ { pattern: '^send money$' } ]
steps:
  - id: amount
    ask: { text: "How much?", type: number, save: amount }
  - id: confirm
    menu:
      text: "Send {{ amount }}?"
      options: [ { id: yes, title: Yes }, { id: no, title: No, next: dropped } ]
  - say: "Sent {{ amount }}."
    next: end
  - id: dropped
    say: "Not sent."
`,
  'help.yaml': `version: 1
id: help
triggers: [ { command: help } ]
steps:
  - say: "help text"
`,
  'cancel.yaml': `version: 1
id: cancel
triggers: [ { pattern: '^cancel$' } ]
steps:
  - if: interrupted.flow
    then: stop
  - say: "Nothing to cancel."
    next: end
  - id: stop
    cancel: "Cancelled {{ interrupted.flow }} at {{ interrupted.step }}."
`,
  'timers.yaml': `version: 1
id: timers
triggers:
  - { pattern: '^pause (?<n>\\d)$', goto: pause }
  - { pattern: '^remind me$', goto: remind }
steps:
  - id: pause
    set: { seconds: "{{ match.n }}" }
  - wait: { for: "{{ seconds }}s", say: "time is up" }
    next: end
  - id: remind
    schedule: { name: nudge, in: 1s, say: "Break time!" }
  - say: "I will remind you."
`,
  'fallback.yaml': `version: 1
id: fallback
triggers: [ { fallback: true } ]
steps:
  - say: "fallback: {{ input.text }}"
`,
};

describe('the conversation stack over Telegram (real HTTP)', () => {
  let api: TelegramApi;
  let parley: TestParley;
  let users = 0;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-stack-'));
    for (const [file, text] of Object.entries(FLOWS)) writeFileSync(join(dir, file), text);
    api = await startTelegramApi({ token: TG_TOKEN });
    parley = await startTestParley({ ...telegramDriver.env(api.url), PARLEY_FLOWS: dir });
  });
  afterAll(async () => {
    await parley?.stop();
    await api?.close();
  });

  /** Sends `text` as `user` and waits until the user has `count` replies in all; returns their texts. */
  const say = async (user: string, text: string, count: number): Promise<string[]> => {
    const hook = telegramDriver.text(user, text);
    const res = await request(`${parley.url}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    await api.waitFor((reqs) => telegramDriver.replies(reqs, user).length >= count, 8_000);
    return telegramDriver.replies(api.requests, user).map((r) => r.text);
  };
  const newUser = () => `stack${Date.now() % 100000}${++users}`;

  it('asks an interrupted question again, and cancel names what it cancels', async () => {
    const u = newUser();
    expect(await say(u, 'send money', 1)).toEqual(['How much?']);
    expect((await say(u, '!help', 3)).slice(1)).toEqual(['help text', 'How much?']);
    expect((await say(u, '20', 4)).slice(3)).toEqual(['Send 20?']);
    expect((await say(u, 'cancel', 5)).slice(4)).toEqual(['Cancelled transfer at confirm.']);
    expect((await say(u, 'cancel', 6)).slice(5)).toEqual(['Nothing to cancel.']);
  });

  it('gives a message during a wait to the fallback, and ends the computed wait on time', async () => {
    const u = newUser();
    await say(u, 'pause 1', 0);
    expect(await say(u, 'hello?', 1)).toEqual(['fallback: hello?']);
    expect((await say(u, 'still here', 2)).slice(1)).toEqual(['fallback: still here']);
    await api.waitFor((reqs) => telegramDriver.replies(reqs, u).length >= 3, 8_000);
    expect(telegramDriver.replies(api.requests, u).map((r) => r.text)[2]).toBe('time is up');
  });

  it('says a scheduled text in the background', async () => {
    const u = newUser();
    expect(await say(u, 'remind me', 1)).toEqual(['I will remind you.']);
    await api.waitFor((reqs) => telegramDriver.replies(reqs, u).length >= 2, 8_000);
    expect(telegramDriver.replies(api.requests, u).map((r) => r.text)[1]).toBe('Break time!');
  });
});
