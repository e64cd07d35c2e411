/**
 * `npx tsx bench/web-chat-latency.ts [count]`: how long a browser waits for the example bot's
 * menu through the web platform: POST "Hola" to /webhooks/web/messages, read both replies
 * from the server-sent event stream. The real server on loopback with a SQLite file, one new
 * conversation at a time (a person typing, not a load test). Prints p50, p95 and max in ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startParley } from '../app/start-parley.js';
import { silentLogger } from '../engine/runtime/logger.js';
import { benchPath } from './child-process.js';

const count = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'parley-web-bench-'));
const parley = await startParley({
  env: { PORT: '0', HOST: '127.0.0.1', PARLEY_FLOWS: benchPath('../flows'), PARLEY_DB: join(dir, 'parley.db'), PARLEY_SECRET_KEY: '11'.repeat(32), PARLEY_STUDIO: 'off' },
  logger: silentLogger,
});

/** Resolves when `n` message events arrived on the stream. */
async function replies(conversation: string, n: number, sent: () => Promise<unknown>): Promise<number> {
  const abort = new AbortController();
  const res = await fetch(`${parley.url}/webhooks/web/events?conversation=${conversation}`, { signal: abort.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  await reader.read(); // the ": connected" comment: the stream is open
  const start = performance.now();
  await sent();
  let seen = 0;
  let text = '';
  while (seen < n) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream closed early');
    text += value;
    seen = text.split('event: message').length - 1;
  }
  const ms = performance.now() - start;
  abort.abort();
  return ms;
}

const times: number[] = [];
for (let i = 0; i < count; i++) {
  const conversation = `bench-conversation-${String(i).padStart(6, '0')}`;
  times.push(
    await replies(conversation, 2, () =>
      fetch(`${parley.url}/webhooks/web/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: `m${i}`, conversation, text: 'Hola' }),
      }),
    ),
  );
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
console.log(`web chat, POST "Hola" -> both replies on the stream, ${count} new conversations one after another:`);
console.log(`  p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   max ${times[times.length - 1].toFixed(1)} ms`);
await parley.close();
rmSync(dir, { recursive: true, force: true });
