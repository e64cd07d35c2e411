/**
 * Child script: how much memory and disk an idle conversation costs. It drives the example
 * bot's runner and a fresh SQLite store directly (no HTTP): N new users each say "hola", so
 * every conversation waits at the menu; each turn is committed as the pipeline commits it
 * (state only: replies count as delivered, and inbox dedup rows, which the sweep drops after
 * the retention window, are not written). Reports RSS growth / N and file size / N.
 *
 * argv: <flowsDir> <dbPath> <count> <timeLimitMs>. Run with --expose-gc.
 */
import { statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadBot } from '../engine/flow/load-bot.js';
import { createRunner, builtinActions } from '../engine/runtime/runner.js';
import { openSqliteStore } from '../engine/runtime/stores/sqlite-store.js';
import { createHttpClient } from '../engine/runtime/http-client.js';
import { silentLogger } from '../engine/runtime/logger.js';
import type { ConversationStore } from '../engine/runtime/store.js';
import type { InboundEvent } from '../engine/types.js';
import { serveParent } from './child-process.js';

/** What the child reports. */
export interface IdleResult {
  requested: number;
  done: number;
  seconds: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  heapDeltaBytes: number;
  /** Database + WAL after the warm-up, before the counted conversations. */
  diskBeforeBytes: number;
  dbBytes: number;
  walBytes: number;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function settle(): void {
  // Two passes: the first frees, the second collects what finalizers released.
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
}

async function oneTurn(runner: ReturnType<typeof createRunner>, store: ConversationStore, user: number): Promise<void> {
  const event: InboundEvent = {
    kind: 'text', platform: 'telegram', conversation: String(user), user: { id: String(user), locale: 'es' },
    eventId: `idle-${user}`, timestamp: Date.now(), text: 'hola',
  };
  const key = `telegram:${user}`;
  const ctx = { conversation: key, platform: 'telegram', user: event.user, http, store, logger: silentLogger, now: Date.now, secretKey };
  const result = await runner.handle({ key, snapshot: undefined, input: event, actionContext: ctx });
  const committed = await store.commit({
    key, expectedRevision: 0, snapshot: result.snapshot, flowVersion: runner.bot.version, outbox: [],
    timers: result.timers.map((t) => ({ key, timerId: t.timerId, dueAt: t.dueAt, platform: 'telegram', conversation: String(user) })),
  });
  if (!committed.ok) throw new Error(`commit of ${key} conflicted`);
}

const http = createHttpClient({});
const secretKey = randomBytes(32);
const [flowsDir, dbPath, countArg, limitArg] = process.argv.slice(2);
const requested = Number(countArg);
const limitMs = Number(limitArg);

const loaded = await loadBot(flowsDir);
if (!loaded.bot) throw new Error(`flows in ${flowsDir} do not validate`);
const runner = createRunner(loaded.bot, { actions: builtinActions(), logger: silentLogger, now: Date.now });
const store = openSqliteStore({ path: dbPath });

// Warm up on users outside the counted range, so JIT and caches are in the baseline.
for (let i = 0; i < 500; i++) await oneTurn(runner, store, 900_000_000 + i);
settle();
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const dbBefore = fileSize(dbPath) + fileSize(`${dbPath}-wal`);

const started = Date.now();
let done = 0;
// Bounded in count and in time; batches of 64 overlap turns as concurrent webhooks would.
while (done < requested && Date.now() - started < limitMs) {
  const batch = Math.min(64, requested - done);
  await Promise.all(Array.from({ length: batch }, (_, i) => oneTurn(runner, store, 1_000_000 + done + i)));
  done += batch;
}
const seconds = (Date.now() - started) / 1000;
settle();
const result: IdleResult = {
  requested,
  done,
  seconds,
  rssBeforeBytes: rssBefore,
  rssAfterBytes: process.memoryUsage().rss,
  heapDeltaBytes: process.memoryUsage().heapUsed - heapBefore,
  diskBeforeBytes: dbBefore,
  // Read before close: closing checkpoints and removes the WAL.
  dbBytes: fileSize(dbPath),
  walBytes: fileSize(`${dbPath}-wal`),
};
await store.close();
serveParent({ result }, () => ({}));
