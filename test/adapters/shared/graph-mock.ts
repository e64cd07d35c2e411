/**
 * A platform API behind undici's MockAgent that records what each request carried, for the
 * send tests of every platform (the name is from Graph, where it started).
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { MockAgent } from 'undici';
import type { HttpClient, SendContext } from '../../../engine/types.js';
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

/** What a send test sees; the fields are replaced before each test, so read them inside it. */
export interface SendHarness<C> {
  /** The mocked API of this test. */
  api: GraphMock;
  /** `{ config, http }` with the mocked API's client, what the adapter's send takes. */
  ctx: SendContext<C>;
}

/** Registers the hooks of a send test: a fresh mock of `origin` before each test, closed after it. */
export function useSendHarness<C>(origin: string, config: C): SendHarness<C> {
  const harness = {} as SendHarness<C>;
  beforeEach(() => {
    harness.api = mockGraph(origin);
    harness.ctx = { config, http: harness.api.http };
  });
  afterEach(async () => harness.api.agent.close());
  return harness;
}

/**
 * Stands in for the bot's own server at https://bots.example.com answering Meta's GET
 * handshake on `/webhooks/<platform>`: the challenge when the verify token is `verifyToken`,
 * else `Forbidden`. With `status` other than 200 it answers that status and `body` instead.
 */
export function answerHandshake(api: GraphMock, platform: string, verifyToken: string, refuse?: { status: number; body: string }): void {
  const interceptor = api.agent.get('https://bots.example.com').intercept({ path: (p) => p.startsWith(`/webhooks/${platform}?`), method: 'GET' });
  if (refuse) {
    interceptor.reply(refuse.status, refuse.body);
    return;
  }
  interceptor.reply(200, (opts) => {
    const q = new URLSearchParams(String(opts.path).split('?')[1]);
    return q.get('hub.verify_token') === verifyToken ? (q.get('hub.challenge') ?? '') : 'Forbidden';
  });
}

/**
 * The request a send of one JSON body makes, as `seen` records it: a POST to `path` with the
 * JSON content type and `headers` among its headers.
 */
export function jsonPost(path: string, headers: Record<string, string>, body: unknown): SeenRequest {
  return { method: 'POST', path, headers: expect.objectContaining({ ...headers, 'content-type': 'application/json' }) as Record<string, string>, body };
}
