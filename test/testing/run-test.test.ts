/**
 * runTest: conversation tests on the real runner with a fake clock, stubbed HTTP and actions,
 * fixtures that start mid-flow, and a bound on timer loops.
 */
import { describe, expect, it } from 'vitest';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';
import { builtinActions } from '../../engine/runtime/runner.js';
import { loadTestSource } from '../../engine/testing/load-tests.js';
import { runTest, type TestPlatform } from '../../engine/testing/run-test.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import { snippet } from '../support/snippets.js';

function bot(...flows: string[]): Bot {
  const loaded = loadBotFromSources(flows.map((text, i) => ({ file: `flow${i}.yaml`, text })));
  if (!loaded.bot) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.bot;
}

async function run(b: Bot, tests: string, platforms?: Record<string, TestPlatform>) {
  const loaded = loadTestSource('t.test.yaml', `version: 1\ntests:\n${tests}`, b);
  expect(loaded.diagnostics.map((d) => d.message)).toEqual([]);
  return Promise.all(loaded.tests.map((t) => runTest(t, { bot: b, actions: builtinActions(), platforms })));
}

const REMINDER = snippet('reminder');

describe('runTest', () => {
  // Instantly: the test would hit vitest's 20 s timeout long before a real 24 h passed.
  it('tests a 24 h reminder instantly on the fake clock', async () => {
    const [r] = await run(bot(REMINDER), `
  - name: reminder
    turns:
      - user: hi
        bot: Book the court for tomorrow?
      - wait: 23h
        silent: true
      - wait: 1h
        bot: Still there? The court is waiting.
        step: booking.confirm
      - press: Yes
        bot: Done.
`);
    expect(r.failure?.mismatches).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('fails a reminder expected too early, at the expectation\'s line', async () => {
    const [r] = await run(bot(REMINDER), `
  - name: too early
    turns:
      - user: hi
      - wait: 23h
        bot: Still there? The court is waiting.
`);
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ turn: 1, span: { line: 8 }, mismatches: [{ key: 'bot', actual: [] }] });
  });

  const WEATHER = snippet('run-test/weather');

  it('answers http.request from stubs, and an error status goes to on_error', async () => {
    const [ok, down] = await run(bot(WEATHER), `
  - name: stubbed
    http:
      - { url: "https://api.example.com/weather?city=Lima", body: { temp: 19 } }
    turns:
      - user: "!weather Lima"
        bot: 19 degrees in Lima
  - name: service down
    http:
      - { method: GET, url: "https://api.example.com/*", status: 503, body: busy }
    turns:
      - user: "!weather Oslo"
        bot: The weather service is down.
`);
    expect(ok.ok).toBe(true);
    expect(down.ok).toBe(true);
  });

  it('fails a test whose flow makes a request no stub answers, naming it', async () => {
    const [r] = await run(bot(WEATHER), `
  - name: unstubbed
    turns:
      - user: "!weather Rome"
        bot: The weather service is down.
`);
    expect(r.ok).toBe(false);
    expect(r.failure!.mismatches.map((m) => m.message)).toContain("no http stub for GET https://api.example.com/weather?city=Rome; add one under the test's `http:`");
  });

  const SIGNUP = snippet('run-test/signup');

  it('starts in the middle of a flow with given variables', async () => {
    const [valid, failed] = await run(bot(SIGNUP), `
  - name: mid-flow
    given: { at: signup.age, vars: { name: Ana } }
    turns:
      - user: "41"
        bot: Thanks Ana, 41.
        vars: { age: 41, name: Ana }
        step: none
  - name: retries exhausted
    given: { at: signup.age, vars: { name: Bo } }
    turns:
      - user: old
        contains: How old are you, Bo?
        step: age
      - user: very
        bot: Let's try another time.
`);
    expect(valid.ok).toBe(true);
    expect(failed.ok).toBe(true);
  });

  it('replaces an action with a stub result or error', async () => {
    const b = bot(snippet('run-test/order'));
    const [placed, refused] = await run(b, `
  - name: placed
    actions: { shop.order: { result: { number: 42 } } }
    turns:
      - user: "!order"
        bot: Order 42 placed.
  - name: refused
    actions: { shop.order: { error: out of stock } }
    turns:
      - user: "!order"
        bot: "Could not order: out of stock"
`);
    expect([placed.ok, refused.ok]).toEqual([true, true]);
  });

  it('stops a test whose timers never end after a bounded number of turns, with the reason', async () => {
    const [r] = await run(bot(snippet('run-test/ticker')), `
  - name: endless
    turns:
      - user: "!tick"
      - wait: 1d
`);
    expect(r.ok).toBe(false);
    expect(r.failure!.mismatches[0].message).toMatch(/More than 100 timer turns fired during one `wait:`.*loop/);
  });

  it('fails a reply that breaks the platform\'s limits', async () => {
    const b = bot(snippet('run-test/m'));
    const [r] = await run(b, `
  - name: limits
    given: { user: { platform: tiny } }
    turns:
      - user: hi
        options: [A title far too long for the platform, B]
`, { tiny: { limits: { text: 100, buttons: 3, optionTitle: 20, options: 10 } } });
    expect(r.ok).toBe(false);
    expect(r.failure!.mismatches[0]).toMatchObject({ key: 'platform', message: expect.stringContaining('longer than tiny shows (20)') });
  });
});
