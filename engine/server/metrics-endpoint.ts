/**
 * Serves Prometheus metrics: as GET /metrics on the webhook server behind a bearer token, or
 * on a port of its own (plain node:http, nothing else served there), or not at all.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** Whether `header` is `Bearer <token>`, compared in constant time (hashes of equal length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  // Comparing digests keeps the time independent of where the strings differ and of their length.
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(token).digest()) && given !== '';
}

/** Starts a server that answers every GET with the registry's metrics; resolves once listening. */
export async function startMetricsServer(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
