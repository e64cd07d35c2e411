/**
 * A loopback receiver for send-API callbacks: the recording server of the stand-ins, answering
 * every POST 200 (or 500 to the next n, so tests see Parley's retries over real HTTP) and
 * keeping headers and the exact body text, which the signature covers.
 */
import { createHmac } from 'node:crypto';
import { startRecordingServer, type RecordedRequest, type StandInReply } from '../support/stand-ins/recording-server.js';

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

function toCallback(r: RecordedRequest): ReceivedCallback {
  // The recording server keeps a body that is not JSON as its text; a callback says undefined.
  // Parsed JSON never equals its own text (a JSON string keeps its quotes), so this tells them apart.
  const body = r.body === r.rawBody ? undefined : r.body;
  return { path: r.path, headers: r.headers, rawBody: r.rawBody, body, answered: r.status ?? 500 };
}

const text = (status: number, body: string): StandInReply => ({ status, body, headers: { 'content-type': 'text/plain' } });

/** Starts a receiver on 127.0.0.1 with a free port. */
export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  let failures = 0;
  const server = await startRecordingServer(
    (req) => {
      if (req.method !== 'POST') return text(405, 'try again');
      if (failures === 0) return text(200, 'ok');
      failures -= 1;
      return text(500, 'try again');
    },
    {
      label: 'callback receiver',
      describe: (all) => `received:\n  ${all.map((r) => `${r.status} ${r.rawBody.slice(0, 120)}`).join('\n  ') || 'none'}`,
    },
  );
  const received = (): ReceivedCallback[] => server.requests.map(toCallback);
  return {
    url: server.url,
    get received() {
      return received();
    },
    failNext(n) {
      failures += n;
    },
    accepted(taskId) {
      return received().filter((r) => r.answered === 200 && (r.body as { task_id?: string } | undefined)?.task_id === taskId);
    },
    async waitFor(predicate, timeoutMs = 8_000) {
      return (await server.waitFor((all) => predicate(all.map(toCallback)), timeoutMs)).map(toCallback);
    },
    close: () => server.close(),
  };
}
