/**
 * `npx tsx bench/wait-cost.ts [items]`: CPU of a process that only works through a
 * rate-limited backlog, without HTTP or load around it, so a change to the sender's waiting
 * can be measured on a busy machine (CPU time, not wall time, is compared). A SQLite file
 * gets `items` replies (many conversations, two each) queued; the sender sends them at the
 * default Telegram limit to a deliver that does nothing while the pipeline ticks as the
 * server's does; then it prints CPU % of a core, µs per send, and the wakes it saw.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { OutboxSender } from '../engine/runtime/outbox-sender.js';
import { RateLimiter } from '../engine/runtime/rate-limiter.js';
import { silentLogger } from '../engine/runtime/logger.js';
import { openSqliteStore } from '../engine/runtime/stores/sqlite-store.js';
import type { OutboxItem } from '../engine/runtime/store.js';
import { defaultRateLimits } from '../adapters/registry.js';

const count = Number(process.argv[2] ?? 3000);
const seconds = Number(process.env.WAIT_S ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'parley-wait-cost-'));
const store = openSqliteStore({ path: join(dir, 'wait.db') });
const now = Date.now();
const items: OutboxItem[] = Array.from({ length: count }, (_, i) => ({
  id: randomUUID(), key: `telegram:${i >> 1}`, platform: 'telegram', to: String(i >> 1), message: { kind: 'text', text: `reply ${i}` },
  seq: now * 1000 + i, attempts: 0, notBefore: now, createdAt: now,
}));
await store.enqueue(items);
let sent = 0;
const sender = new OutboxSender({
  store, logger: silentLogger, rateLimiter: new RateLimiter({ ...defaultRateLimits }, Date.now),
  deliver: async () => { sent++; return { messageIds: [String(sent)] }; },
});
// What the server runs beside the sender while it waits (app/start-parley.ts's ticker).
const ticker = setInterval(() => {
  void store.pendingKeys(500);
  void store.claimTimers(Date.now(), 500, 10_000);
  void store.sweep(Date.now());
}, 1000);
// Counts how often the event loop runs a timer callback (each wake of the process).
let wakes = 0;
const { setTimeout: realSetTimeout } = globalThis;
globalThis.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => realSetTimeout(() => { wakes++; fn(); }, ms, ...rest)) as typeof setTimeout;
sender.start();
// The bucket's first burst (its capacity) goes at once; measure after it.
await new Promise((r) => realSetTimeout(r, 1500));
const s0 = sent;
const w0 = wakes;
const c0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => realSetTimeout(r, seconds * 1000));
const used = process.cpuUsage(c0);
const span = performance.now() - t0;
const sends = sent - s0;
const cpuMs = (used.user + used.system) / 1000;
console.log(`waiting on a backlog of ${count}: ${sends} sends in ${(span / 1000).toFixed(1)} s (${((sends / span) * 1000).toFixed(1)}/s), ` +
  `CPU ${((cpuMs / span) * 100).toFixed(2)} % of a core (process.cpuUsage, all threads), ${((cpuMs * 1000) / Math.max(1, sends)).toFixed(0)} µs per send, ${wakes - w0} timer wakes`);
clearInterval(ticker);
await sender.stop();
await store.close();
rmSync(dir, { recursive: true, force: true });
