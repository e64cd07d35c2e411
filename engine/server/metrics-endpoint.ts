/**
 * Serves Prometheus metrics on a port of their own (plain node:http, nothing else served
 * there). GET /metrics behind a token on the webhook port is a route of create-app.ts.
 */
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

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
