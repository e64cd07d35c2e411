/**
 * A loopback receiver for send-API callbacks: a plain node:http server that records every
 * POST (headers and the exact body text, which the signature covers) and can be told to
 * answer 500 to the next n, so tests see Parley's retries over real HTTP.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeNow, recordWaiters } from '../support/record-waiters.js';

/** One callback as it arrived. */
export interface ReceivedCallback {
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The exact body text (the signature is over these bytes). */
  rawBody: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
  /** The status the receiver answered. */
  answered: number;
}

/** A running receiver. */
export interface CallbackReceiver {
  /** Base URL, `http://127.0.0.1:<port>`; any path under it is accepted. */
  url: string;
  /** Every POST so far, failed ones included, in arrival order. */
  received: ReceivedCallback[];
  /** The next `n` POSTs answer 500. */
  failNext(n: number): void;
  /** The accepted (2xx) callbacks for `taskId`. */
  accepted(taskId: string): ReceivedCallback[];
  /** Resolves once `predicate` holds; rejects after `timeoutMs` saying what arrived. */
  waitFor(predicate: (received: ReceivedCallback[]) => boolean, timeoutMs?: number): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

/** What a receiver computes to check `X-Parley-Signature`. */
export function expectedSignature(rawBody: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

/** Starts a receiver on 127.0.0.1 with a free port. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const waiters = recordWaiters(() => received);
  let failures = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const answered = req.method !== 'POST' ? 405 : failures > 0 ? 500 : 200;
      if (answered === 500) failures -= 1;
      received.push({ path: new URL(req.url ?? '/', 'http://x').pathname, headers, rawBody, body, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' });
      res.end(answered === 200 ? 'ok' : 'try again');
      waiters.notify();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext(n) {
      failures += n;
    },
    accepted(taskId) {
      return received.filter((r) => r.answered === 200 && (r.body as { task_id?: string } | undefined)?.task_id === taskId);
    },
    waitFor(predicate, timeoutMs = 8_000) {
      return waiters.waitFor(predicate, timeoutMs, 'callback receiver', (all) =>
        `received:\n  ${all.map((r) => `${r.answered} ${r.rawBody.slice(0, 120)}`).join('\n  ') || 'none'}`);
    },
    close() {
      return closeNow(server);
    },
  };
}
