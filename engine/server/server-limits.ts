/**
 * The HTTP server's socket limits: how long a client may take to send its headers and its
 * whole request (a body trickled a byte at a time used to hold a connection for minutes), how
 * long an idle keep-alive connection stays open, and how many connections are open at once.
 * The defaults suit webhook traffic; app/config reads the PARLEY_*_TIMEOUT_S and
 * PARLEY_MAX_CONNECTIONS overrides (in seconds) into these milliseconds.
 */
import { createServer, type Server } from 'node:http';
import type Koa from 'koa';

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
