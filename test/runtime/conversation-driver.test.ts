import { describe, expect, it } from 'vitest';
import { ConversationDriver, timerInput, turnActionContext, type TurnPlayer } from '../../engine/runtime/conversation-driver.js';
import { builtinActions, createRunner } from '../../engine/runtime/runner.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { TurnInput, TurnResult } from '../../engine/runtime/turn.js';
import type { ActionContext } from '../../engine/actions/action-types.js';
import type { InboundEvent } from '../../engine/types.js';
import { botFromYaml } from '../support/bot-from-yaml.js';

const FLOW = `
version: 1
id: main
triggers: [ { command: wait, goto: pause } ]
steps:
  - say: "hello"
    next: end
  - id: pause
    wait: { for: "5m", say: "time is up" }
  - say: "after the wait"
`;

const user = { id: 'c1' };
const text = (t: string, n = 1): InboundEvent => ({ kind: 'text', text: t, platform: 'test', conversation: 'c1', user, eventId: `e${n}`, timestamp: 0 });

function driverOn(now: { t: number }) {
  const store = createMemoryStore();
  const runner = createRunner(botFromYaml(FLOW), { actions: builtinActions(), logger: silentLogger, now: () => now.t });
  const actionContext = (input: TurnInput): ActionContext =>
    turnActionContext('test:c1', input, { http: { request: async () => ({ status: 503, headers: {}, body: '' }) }, store, logger: silentLogger, now: () => now.t, secretKey: Buffer.alloc(32, 7) });
  return new ConversationDriver({ runner, key: 'test:c1', platform: 'test', conversation: 'c1', actionContext });
}

const texts = (r: TurnResult) => r.messages.map((m) => (m.kind === 'text' ? m.text : m.kind));

describe('ConversationDriver', () => {
  it('play(input) keeps the JSON round-tripped snapshot and the pending timers', async () => {
    const now = { t: 1_000 };
    const d = driverOn(now);
    const r = await d.play(text('!wait'));
    expect(d.snapshot).toEqual(JSON.parse(JSON.stringify(r.snapshot)));
    expect(d.snapshot).not.toBe(r.snapshot);
    expect(d.timers).toEqual(r.timers);
    expect(d.timers).toHaveLength(1);
    expect(d.last).toBe(r);
  });

  it('advance(until) fires due timers, earliest first, and nothing before it is due', async () => {
    const now = { t: 1_000 };
    const d = driverOn(now);
    await d.play(text('!wait'));
    expect(await d.advance(now.t + 60_000)).toEqual([]);
    const fired = await d.advance(now.t + 5 * 60_000, { beforeFire: (t) => void (now.t = t.dueAt) });
    expect(fired.map(texts)).toEqual([['time is up', 'after the wait']]);
    expect(d.timers).toEqual([]);
  });

  it('advance(until, { maxTurns }) stops a timer loop with the error it is given', async () => {
    const loop: TurnPlayer = { handle: async () => ({ snapshot: {}, messages: [], logs: [], timers: [{ timerId: 't', dueAt: 0 }] }) };
    const d = new ConversationDriver({ runner: loop, key: 'k', platform: 'p', conversation: 'c', actionContext: () => ({}) as ActionContext, timers: [{ timerId: 't', dueAt: 0 }] });
    await expect(d.advance(10, { maxTurns: 3, tooMany: (n) => new Error(`loop after ${n}`) })).rejects.toThrow('loop after 3');
  });

  it('keeps its state when a turn fails', async () => {
    let fail = false;
    const player: TurnPlayer = {
      handle: async ({ input }) => {
        if (fail) throw new Error('boom');
        return { snapshot: { n: (input as { text?: string }).text }, messages: [], logs: [], timers: [{ timerId: 'a', dueAt: 5 }] };
      },
    };
    const seen: string[] = [];
    const d = new ConversationDriver({ runner: player, key: 'k', platform: 'p', conversation: 'c', actionContext: () => ({}) as ActionContext, beforeTurn: (i) => void seen.push(i.kind) });
    await d.play(text('one'));
    fail = true;
    await expect(d.play(text('two'))).rejects.toThrow('boom');
    expect(d.snapshot).toEqual({ n: 'one' });
    expect(d.timers).toEqual([{ timerId: 'a', dueAt: 5 }]);
    expect(seen).toEqual(['text', 'text']);
  });

  it('takeDue(until) removes the due timers so they are fired once', () => {
    const d = new ConversationDriver({ runner: { handle: async () => { throw new Error('unused'); } }, key: 'k', platform: 'p', conversation: 'c', actionContext: () => ({}) as ActionContext, timers: [{ timerId: 'late', dueAt: 9 }, { timerId: 'b', dueAt: 3 }, { timerId: 'a', dueAt: 1 }] });
    expect(d.takeDue(5).map((t) => t.timerId)).toEqual(['a', 'b']);
    expect(d.timers.map((t) => t.timerId)).toEqual(['late']);
    expect(d.takeDue(5)).toEqual([]);
  });

  it('timerInput(timer) names the conversation', () => {
    const d = new ConversationDriver({ runner: { handle: async () => { throw new Error('unused'); } }, key: 'p:c', platform: 'p', conversation: 'c', actionContext: () => ({}) as ActionContext });
    expect(d.timerInput({ timerId: 't1' })).toEqual({ kind: 'timer', timerId: 't1', platform: 'p', conversation: 'c' });
  });
});

describe('turnActionContext', () => {
  const deps = { http: { request: async () => ({ status: 200, headers: {}, body: '' }) }, store: createMemoryStore(), logger: silentLogger, now: () => 1, secretKey: Buffer.alloc(32) };

  it("gives an event's user to the actions", () => {
    expect(turnActionContext('test:c1', { ...text('hi'), user: { id: 'c1', name: 'Ana' } }, deps)).toMatchObject({ conversation: 'test:c1', platform: 'test', user: { id: 'c1', name: 'Ana' } });
  });

  it('gives a timer turn only the conversation id as the user', () => {
    expect(turnActionContext('test:c1', timerInput({ timerId: 't', platform: 'test', conversation: 'c1' }), deps).user).toEqual({ id: 'c1' });
  });
});
