/**
 * A real loopback HTTP server that records every request and answers through a responder.
 * Platform stand-ins (Telegram, Viber, WhatsApp, Messenger) and the send-API callback receiver
 * are thin layers over it: they supply the answer; failures queued with `fail` win over it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeNow, recordWaiters } from '../record-waiters.js';

/** One request the stand-in received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/bot123:abc/sendMessage`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The body parsed as JSON; `undefined` when empty, the raw text when not JSON. */
  body: unknown;
  rawBody: string;
  /** Milliseconds since the epoch when the request arrived. */
  receivedAt: number;
  /** The HTTP status the stand-in answered (failed attempts are recorded too). */
  status?: number;
}

/** How the stand-in answers one request. A string body is sent verbatim (e.g. 64-bit ids). */
export interface StandInReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Computes the success answer of a request; `index` counts requests from 0. */
export type Responder = (req: RecordedRequest, index: number) => StandInReply;

/** A running stand-in. */
export interface RecordingServer {
  /** Base URL, `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Every request so far, in arrival order (failed ones included). */
  requests: RecordedRequest[];
  /** The next `n` requests answer `how` instead of the success envelope. */
  fail(n: number, how: StandInReply): void;
  /**
   * Resolves with the requests once `predicate(requests)` holds (checked now and on every
   * request); rejects after `timeoutMs` with what was received, to make failures readable.
   */
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function writeReply(res: ServerResponse, reply: StandInReply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
  res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  res.end(text);
}

/** How a server names itself when a `waitFor` times out. */
export interface RecordingServerOptions {
  /** Opens the timeout message; `stand-in` by default. */
  label?: string;
  /** What the timeout message says was received; method and path of each by default. */
  describe?: (requests: RecordedRequest[]) => string;
}

const describeRequests = (all: RecordedRequest[]): string => `requests seen: ${all.map((r) => `${r.method} ${r.path}`).join(', ') || 'none'}`;

/** Starts a recording server on 127.0.0.1, port 0 (the OS picks a free one). */
export async function startRecordingServer(responder: Responder, options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const failures: StandInReply[] = [];
  const waiters = recordWaiters(() => requests);

  const server = createServer((req, res) => {
    void (async () => {
      const rawBody = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: lowerHeaders(req),
        body: parseBody(rawBody),
        rawBody,
        receivedAt: Date.now(),
      };
      const index = requests.length;
      requests.push(recorded);
      const failure = failures.shift();
      try {
        const reply = failure ?? responder(recorded, index);
        recorded.status = reply.status;
        writeReply(res, reply);
      } catch (err) {
        // A responder bug should show up as a 500 the adapter reports, not a hung socket.
        recorded.status = 500;
        writeReply(res, { status: 500, body: { error: String(err) } });
      }
      waiters.notify();
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fail(n, how) {
      for (let i = 0; i < n; i += 1) failures.push(how);
    },
    waitFor(predicate, timeoutMs = 5_000) {
      return waiters.waitFor(predicate, timeoutMs, options.label ?? 'stand-in', options.describe ?? describeRequests);
    },
    close() {
      return closeNow(server);
    },
  };
}
