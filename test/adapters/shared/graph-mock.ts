/**
 * A Graph API behind undici's MockAgent that records what each request carried, for the
 * WhatsApp and Messenger send tests.
 */
import { MockAgent } from 'undici';
import type { HttpClient } from '../../../engine/types.js';
import { createHttpClient } from '../../../engine/runtime/http-client.js';

/** One request as the mock Graph saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A mock Graph origin, its HttpClient and the requests it has seen. */
export interface GraphMock {
  agent: MockAgent;
  http: HttpClient;
  seen: SeenRequest[];
  /** Answers the next `times` requests to `path` with `status` and `body`. */
  reply(path: string, status: number, body: unknown, options?: { times?: number; headers?: Record<string, string> }): void;
  /** Fails the next request to `path` without a response. */
  replyWithNetworkError(path: string): void;
}

/** Starts a mock of `origin` (e.g. "https://graph.facebook.com") with no real network. */
export function mockGraph(origin: string): GraphMock {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: SeenRequest[] = [];
  const pool = agent.get(origin);
  return {
    agent,
    http: createHttpClient({ dispatcher: agent }),
    seen,
    reply(path, status, body, options = {}) {
      pool
        .intercept({ path, method: () => true })
        .reply(
          status,
          (opts) => {
            seen.push({
              method: opts.method,
              path: opts.path,
              headers: Object.fromEntries(Object.entries((opts.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)])),
              body: typeof opts.body === 'string' ? JSON.parse(opts.body) : undefined,
            });
            return typeof body === 'string' ? body : JSON.stringify(body);
          },
          { headers: { 'content-type': 'application/json', ...options.headers } },
        )
        .times(options.times ?? 1);
    },
    replyWithNetworkError(path) {
      pool.intercept({ path, method: 'POST' }).replyWithError(new Error('socket hang up'));
    },
  };
}
