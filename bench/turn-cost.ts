/**
 * `npx tsx bench/turn-cost.ts [count]`: CPU cost of the engine's hot path without HTTP, so a
 * change to it can be measured in microseconds rather than guessed from the noisy load run.
 * It times (1) the runner alone on "hola" from new users (the menu step: two replies) and
 * (2) the whole pipeline over a SQLite file: accept, turn, commit, claim and mark both
 * replies sent (deliver does nothing). Prints µs per event: the best of 5 rounds (least
 * disturbed by other work on the machine) and their median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBot } from '../engine/flow/load-bot.js';
import { createRunner, builtinActions } from '../engine/runtime/runner.js';
import { Pipeline } from '../engine/runtime/pipeline.js';
import { OutboxSender } from '../engine/runtime/outbox-sender.js';
import { silentLogger } from '../engine/runtime/logger.js';
import { openSqliteStore } from '../engine/runtime/stores/sqlite-store.js';
import type { InboundEvent } from '../engine/types.js';
import { benchPath } from './child-process.js';
import { median } from './stats.js';

const count = Number(process.argv[2] ?? 5000);
const loaded = await loadBot(benchPath('../flows'));
if (!loaded.bot) throw new Error('the example flows do not load');
const bot = loaded.bot;
const runner = createRunner(bot, { actions: builtinActions(), logger: silentLogger, now: Date.now });
let nextUser = 1;
const hola = (): InboundEvent => {
  const id = String(nextUser++);
  return { kind: 'text', text: 'hola', platform: 'telegram', conversation: id, user: { id, name: 'Bench' }, eventId: `e${id}`, timestamp: Date.now() };
};
const actionContext = { conversation: 'x', platform: 'telegram', user: { id: 'x' }, http: { request: async () => ({ status: 200, headers: {}, body: '' }) }, store: undefined as never, logger: silentLogger, now: Date.now, secretKey: Buffer.alloc(32) };

async function runnerRound(): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const input = hola();
    const r = await runner.handle({ key: `telegram:${input.conversation}`, snapshot: undefined, input, actionContext });
    if (r.messages.length !== 2) throw new Error(`expected 2 replies, got ${r.messages.length}`);
  }
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / count;
}

const dir = mkdtempSync(join(tmpdir(), 'parley-turn-cost-'));
const store = openSqliteStore({ path: join(dir, 'turns.db') });
let sent = 0;
const sender = new OutboxSender({ store, logger: silentLogger, deliver: async () => { sent++; return { messageIds: ['1'] }; } });
const pipeline = new Pipeline({ store, runner, logger: silentLogger, http: actionContext.http, secretKey: Buffer.alloc(32), onCommitted: () => sender.wake(), handoff: sender.handoff });
sender.start();

async function pipelineRound(): Promise<number> {
  const target = sent + 2 * count;
  const t0 = process.cpuUsage();
  // 64 at a time, as the load run's 64 connections would.
  for (let i = 0; i < count; i += 64) await Promise.all(Array.from({ length: Math.min(64, count - i) }, () => pipeline.ingest([hola()])));
  await pipeline.idle();
  while (sent < target) await new Promise((r) => setTimeout(r, 1));
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / count;
}

const runnerUs: number[] = [];
const pipelineUs: number[] = [];
for (let round = 0; round < 6; round++) {
  const r = await runnerRound();
  const p = await pipelineRound();
  // The first round warms the JIT; it is not counted.
  if (round > 0) {
    runnerUs.push(r);
    pipelineUs.push(p);
  }
}
await sender.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
const show = (us: number[]) => `${Math.min(...us).toFixed(0)} µs CPU (median ${median(us).toFixed(0)})`;
console.log(`runner turn ("hola", new user, 2 replies): ${show(runnerUs)}`);
console.log(`pipeline event (accept + turn + commit + claim + 2 × markSent, SQLite): ${show(pipelineUs)}`);
