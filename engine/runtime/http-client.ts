/**
 * The HttpClient the engine and adapters use, backed by undici. The dispatcher is injected:
 * the server uses a pooled Agent, tests pass a MockAgent or talk to loopback stand-ins.
 *
 * undici is imported on first use (or by `preloadHttp` once the server is up): importing it
 * costs ~190 ms, which would otherwise sit in every cold start before /healthz answers.
 */
import type { Dispatcher } from 'undici';
import type { HttpClient } from '../types.js';

/** Options for {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Default: a keep-alive Agent of 256 connections per origin, owned by the client. */
  dispatcher?: Dispatcher;
  /** Per-request timeout in ms (headers and body); default 10 s. */
  timeoutMs?: number;
}

/** An HttpClient that can release its connection pool. */
export interface PooledHttpClient extends HttpClient {
  /** Closes the pool the client created itself (an injected dispatcher stays open). */
  close(): Promise<void>;
}

let undici: Promise<typeof import('undici')> | undefined;

/** Loads undici once; call early (in the background) so the first send does not wait for it. */
export function preloadHttp(): Promise<typeof import('undici')> {
  undici ??= import('undici');
  return undici;
}

/** Wraps undici's `request` in the engine's minimal HttpClient interface. */
export function createHttpClient(options: HttpClientOptions = {}): PooledHttpClient {
  let dispatcher = options.dispatcher;
  const timeout = options.timeoutMs ?? 10_000;
  return {
    async request(req) {
      const { request, Agent } = await preloadHttp();
      dispatcher ??= new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1 });
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
    async close() {
      if (!options.dispatcher && dispatcher) await dispatcher.close();
    },
  };
}

/**
 * Reads `Retry-After` (delay seconds or an HTTP date) into milliseconds; undefined when absent
 * or unreadable. Every platform that rate-limits over HTTP may send it, so it lives here.
 */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now: () => number = Date.now,
): number | undefined {
  const raw = headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
