/**
 * The HTTP server's socket limits: how long a client may take to send its headers and its
 * whole request (a body trickled a byte at a time used to hold a connection for minutes), how
 * long an idle keep-alive connection stays open, and how many connections are open at once.
 * Values are seconds, from the environment, with defaults that suit webhook traffic.
 */
import { createServer, type Server } from 'node:http';
import type Koa from 'koa';
import { ConfigError } from '../errors.js';

/** The limits, in milliseconds (and a count). */
export interface ServerLimits {
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included (Node's requestTimeout); 408 after it. */
  bodyTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/** Defaults: 10 s for headers, 30 s for the whole request, 65 s keep-alive, 1,024 connections. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  // Longer than the 60 s idle timeout of common load balancers, so they close first.
  keepAliveTimeoutMs: 65_000,
  maxConnections: 1024,
};

function positive(env: Record<string, string | undefined>, name: string, fallback: number, scale: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number; it is "${raw}".`);
  return Math.round(value * scale);
}

/**
 * Reads PARLEY_HEADERS_TIMEOUT_S, PARLEY_BODY_TIMEOUT_S, PARLEY_KEEPALIVE_TIMEOUT_S (seconds,
 * fractions allowed) and PARLEY_MAX_CONNECTIONS.
 */
export function serverLimitsFromEnv(env: Record<string, string | undefined>): ServerLimits {
  const d = DEFAULT_SERVER_LIMITS;
  const limits = {
    headersTimeoutMs: positive(env, 'PARLEY_HEADERS_TIMEOUT_S', d.headersTimeoutMs, 1000),
    bodyTimeoutMs: positive(env, 'PARLEY_BODY_TIMEOUT_S', d.bodyTimeoutMs, 1000),
    keepAliveTimeoutMs: positive(env, 'PARLEY_KEEPALIVE_TIMEOUT_S', d.keepAliveTimeoutMs, 1000),
    maxConnections: positive(env, 'PARLEY_MAX_CONNECTIONS', d.maxConnections, 1),
  };
  // Node requires headersTimeout <= requestTimeout: the headers are part of the request.
  limits.headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.bodyTimeoutMs);
  return limits;
}

/** An http.Server for `app` with the limits applied (not yet listening). */
export function createLimitedServer(app: Koa, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.bodyTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two request timeouts on this interval (default 30 s, which would let
      // a 1 s timeout run 31 s): check often enough to keep them close to what they say.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    app.callback(),
  );
  // Over the cap, Node closes a new connection at once instead of queueing it.
  server.maxConnections = limits.maxConnections;
  return server;
}
