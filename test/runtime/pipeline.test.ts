import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { createRedisStore } from '../../engine/runtime/stores/redis-store.js';
import type { ConversationStore, OutboxItem } from '../../engine/runtime/store.js';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { COUNTER_FLOW, makeProcess, text, textsTo } from './pipeline-harness.js';
import { Pipeline } from '../../engine/runtime/pipeline.js';
import { createRunner, builtinActions } from '../../engine/runtime/runner.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { snippet } from '../support/snippets.js';

// The shipped vault flow itself, so the concurrency test covers what users run.
const VAULT_FLOW = readFileSync(join(import.meta.dirname, '..', '..', 'flows', 'vault.yaml'), 'utf8');

const WAIT_FLOW = snippet('wait-flow');

type Process = Pick<ReturnType<typeof makeProcess>, 'pipeline' | 'sender'>;

async function settle(p: Process[]) {
  for (let i = 0; i < 3; i++) {
    for (const { pipeline } of p) await pipeline.idle();
    for (const { sender } of p) await sender.drain();
  }
}

/** A clock the test moves by hand, for the wait step's ten-minute timer. */
function testClock() {
  let at = Date.now();
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

/** Ten minutes (and a bit) on, `p` fires the wait step's timer: "done waiting" follows "wait for it". */
async function expectWaitEnds(p: Process, clock: ReturnType<typeof testClock>, delivered: OutboxItem[]) {
  clock.advance(10 * 60_000 + 1);
  await p.pipeline.tick();
  await settle([p]);
  expect(textsTo(delivered, 'a')).toEqual(['wait for it', 'done waiting']);
}

function pipelineSuite(name: string, makeStore: () => Promise<ConversationStore>) {
  describe(`Pipeline (${name})`, () => {
    const opened: ConversationStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });
    /** A fresh store (closed after the test), the items its processes deliver, and the bot of `flows`. */
    async function setUp(...flows: string[]) {
      const store = await makeStore();
      opened.push(store);
      const delivered: OutboxItem[] = [];
      const bot = botFromYaml(...flows);
      return { store, delivered, bot, process: (now?: () => number) => makeProcess(bot, store, delivered, now) };
    }

    it('handles one conversation in arrival order and different ones concurrently', async () => {
      const { delivered, process } = await setUp(COUNTER_FLOW);
      const p = process();
      await p.pipeline.ingest([text('a', 'one'), text('b', 'uno'), text('a', 'two'), text('a', 'three'), text('b', 'dos')]);
      await settle([p]);
      expect(textsTo(delivered, 'a')).toEqual(['1 one', '2 two', '3 three']);
      expect(textsTo(delivered, 'b')).toEqual(['1 uno', '2 dos']);
    });

    it('answers a repeated delivery of the same event once', async () => {
      const { delivered, process } = await setUp(COUNTER_FLOW);
      const p = process();
      const first = await p.pipeline.ingest([text('a', 'hi', 'same-id')]);
      const again = await p.pipeline.ingest([text('a', 'hi', 'same-id')]);
      await settle([p]);
      expect(first).toEqual({ accepted: 1, duplicates: 0 });
      expect(again).toEqual({ accepted: 0, duplicates: 1 });
      expect(textsTo(delivered, 'a')).toEqual(['1 hi']);
    });

    it('resumes accepted events after a crash (a new process on the same store)', async () => {
      const { store, delivered, process } = await setUp(COUNTER_FLOW);
      await store.accept({ platform: 'test', eventId: 'x1', key: 'test:a', event: text('a', 'left behind', 'x1'), acceptedAt: Date.now() }, 60_000);
      const p = process();
      await p.pipeline.tick();
      await settle([p]);
      expect(textsTo(delivered, 'a')).toEqual(['1 left behind']);
    });

    it('fires a stored timer after a restart', async () => {
      const clock = testClock();
      const { delivered, process } = await setUp(WAIT_FLOW);
      const first = process(clock.now);
      await first.pipeline.ingest([text('a', 'go')]);
      await settle([first]);
      expect(textsTo(delivered, 'a')).toEqual(['wait for it']);
      // "Restart": a new process (made before the clock moves, ticked after it).
      await expectWaitEnds(process(clock.now), clock, delivered);
    });

    it('skips an event that keeps failing, keeping the state and the pending timer', async () => {
      const clock = testClock();
      const { store, delivered, bot, process } = await setUp(WAIT_FLOW);
      const real = createRunner(bot, { actions: builtinActions(), logger: silentLogger, now: clock.now });
      let attempts = 0;
      // A runner that cannot handle "boom" (as a bug in an action would make it).
      const runner = {
        bot: real.bot,
        handle: (args: Parameters<typeof real.handle>[0]) => {
          if (args.input.kind === 'text' && args.input.text === 'boom') {
            attempts++;
            return Promise.reject(new Error('boom'));
          }
          return real.handle(args);
        },
      };
      const p = process(clock.now);
      const pipeline = new Pipeline({ store, runner, logger: silentLogger, http: { request: async () => ({ status: 200, headers: {}, body: '' }) }, secretKey: Buffer.alloc(32, 3), now: clock.now });
      await pipeline.ingest([text('a', 'go')]);
      await pipeline.idle();
      const before = await store.load('test:a');
      await pipeline.ingest([text('a', 'boom')]);
      await pipeline.idle();
      expect(attempts).toBe(5);
      // Marked processed (nothing pending), state untouched but for the revision.
      expect(await store.pendingFor('test:a', 10)).toEqual([]);
      expect((await store.load('test:a'))?.snapshot).toEqual(before?.snapshot);
      // The wait step's timer set before the bad event still fires.
      await expectWaitEnds({ pipeline, sender: p.sender }, clock, delivered);
    });

    it('a turn that throws keeps the waiting step, the variables and the timer (real runner)', async () => {
      const clock = testClock();
      // `!loop` interrupts the waiting flow and then spins: the runner gives up (FLOW_LOOP).
      const { store, delivered, process } = await setUp(WAIT_FLOW.replace('steps:', 'steps:\n  - set: { seen: 1 }'), `
version: 1
id: looper
triggers: [ { command: loop } ]
steps:
  - say: "about to loop"
  - id: a
    goto: b
  - id: b
    goto: a
`);
      const p = process(clock.now);
      await p.pipeline.ingest([text('a', 'go')]);
      await settle([p]);
      const before = await store.load('test:a');
      await p.pipeline.ingest([text('a', '!loop')]);
      await settle([p]);
      expect(await store.pendingFor('test:a', 10)).toEqual([]);
      // Same snapshot (still waiting in `waiter`, `seen` kept); nothing of the failed turn sent.
      expect((await store.load('test:a'))?.snapshot).toEqual(before?.snapshot);
      expect(textsTo(delivered, 'a')).toEqual(['wait for it']);
      await expectWaitEnds(p, clock, delivered);
    });

    it('keeps order and loses no update with two processes on one store', async () => {
      const { delivered, process } = await setUp(COUNTER_FLOW);
      const procs = [process(), process()];
      // Twenty messages from one user, acknowledged one after another by alternating processes,
      // while both processes work concurrently.
      for (let i = 1; i <= 20; i++) await procs[i % 2].pipeline.ingest([text('a', `m${i}`)]);
      await settle(procs);
      expect(textsTo(delivered, 'a')).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 1} m${i + 1}`));
    });

    it('loses no update when both processes take one user\'s messages at the same time', async () => {
      const { delivered, process } = await setUp(COUNTER_FLOW);
      const procs = [process(), process()];
      await Promise.all(Array.from({ length: 30 }, (_, i) => procs[i % 2].pipeline.ingest([text('a', `m${i}`)])));
      await settle(procs);
      const replies = textsTo(delivered, 'a');
      // Counts are 1..30 in delivery order (each turn saw the previous one's state)…
      expect(replies.map((r) => Number(r.split(' ')[0]))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      // …and every message was answered exactly once.
      expect(replies.map((r) => r.split(' ')[1]).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`).sort());
    });

    it('reveals a vault secret to exactly one of four concurrent requests', async () => {
      const { delivered, process } = await setUp(VAULT_FLOW);
      const procs = [process(), process()];
      await procs[0].pipeline.ingest([text('owner', 'new:s3cret')]);
      await settle(procs);
      const key = textsTo(delivered, 'owner')[0];
      expect(key).toMatch(/^[^:]+:[^:]+$/);
      await Promise.all(['r1', 'r2', 'r3', 'r4'].map((u, i) => procs[i % 2].pipeline.ingest([text(u, key)])));
      await settle(procs);
      const answers = ['r1', 'r2', 'r3', 'r4'].flatMap((u) => textsTo(delivered, u));
      expect(answers).toHaveLength(4);
      expect(answers.filter((a) => a === 's3cret')).toHaveLength(1);
      expect(answers.filter((a) => a.startsWith('There is no secret for that key'))).toHaveLength(3);
    });
  });
}

// Shared by the suite's several pipelines, like a store several processes use.
pipelineSuite('memory store', async () => createMemoryStore({ multiProcess: true }));

const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  pipelineSuite('Redis store', async () => createRedisStore({ url: redisUrl, prefix: `parley-test-${Math.random().toString(36).slice(2)}:` }));
} else {
  console.warn('pipeline.test.ts: skipped the Redis pipeline suite: set REDIS_URL to run it');
  describe.skip('Pipeline (Redis store) — skipped: set REDIS_URL to run it', () => {
    it('needs REDIS_URL', () => {});
  });
}

describe('Pipeline (one-process store, no locks)', () => {
  it('reports a send-API task whose flow start was skipped, so the task does not stay queued', async () => {
    const store = createMemoryStore();
    const bot = botFromYaml(COUNTER_FLOW);
    const real = createRunner(bot, { actions: builtinActions(), logger: silentLogger, now: Date.now });
    const runner = { bot: real.bot, handle: () => Promise.reject(new Error('flow exploded')) };
    const skipped: [string, string][] = [];
    const turns: string[] = [];
    const pipeline = new Pipeline({
      store, runner, logger: silentLogger, http: { request: async () => ({ status: 200, headers: {}, body: '' }) }, secretKey: Buffer.alloc(32, 3),
      onTaskSkipped: (taskId, error) => void skipped.push([taskId, error]),
      onTaskTurn: (taskId) => void turns.push(taskId),
    });
    await pipeline.ingest([{ kind: 'start', flow: 'counter', taskId: 'task-1', platform: 'test', conversation: 'a', user: { id: 'a' }, eventId: 'start-1', timestamp: Date.now() }]);
    await pipeline.idle();
    expect(skipped).toEqual([['task-1', 'flow exploded']]);
    expect(turns).toEqual([]);
    expect(await store.pendingFor('test:a', 10)).toEqual([]);
  });


  it('answers events that arrive while a conversation is being processed, in order', async () => {
    const store = createMemoryStore();
    expect(store.multiProcess).toBe(false);
    const delivered: OutboxItem[] = [];
    const p = makeProcess(botFromYaml(COUNTER_FLOW), store, delivered);
    // Each ingest returns once its events are stored; processing of the first is under way
    // when the next arrive, so they are picked up by the re-run, not lost.
    await p.pipeline.ingest([text('a', 'one'), text('a', 'two')]);
    await p.pipeline.ingest([text('a', 'three')]);
    await p.pipeline.ingest([text('a', 'four')]);
    await settle([p]);
    expect(textsTo(delivered, 'a')).toEqual(['1 one', '2 two', '3 three', '4 four']);
    expect(await store.lock('test:a', 'someone-else', 1000)).toBe(true);
  });
});
