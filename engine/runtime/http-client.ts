/**
 * The HttpClient the engine and adapters use, backed by undici. The dispatcher is injected:
 * the server passes a pooled Agent, tests pass a MockAgent or talk to loopback stand-ins.
 */
import { request, Agent, type Dispatcher } from 'undici';
import type { HttpClient } from '../types.js';

/** Options for {@link createHttpClient}. */
export interface HttpClientOptions {
  dispatcher?: Dispatcher;
  /** Per-request timeout in ms (headers and body); default 10 s. */
  timeoutMs?: number;
}

/** A keep-alive pool shared by all outbound calls of one process. */
export function createDefaultDispatcher(): Dispatcher {
  return new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1 });
}

/** Wraps undici's `request` in the engine's minimal HttpClient interface. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const dispatcher = options.dispatcher ?? createDefaultDispatcher();
  const timeout = options.timeoutMs ?? 10_000;
  return {
    async request(req) {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const body = await res.body.text();
      return { status: res.statusCode, headers: res.headers, body };
    },
  };
}
