/**
 * The routes adapters serve themselves (AdapterRoute: a live stream of replies, a CORS
 * preflight), mounted at `/webhooks/<name>/<path>`. Adapters see a plain request and answer
 * with data; this file turns that into Koa responses, streams included.
 */
import { PassThrough } from 'node:stream';
import type Koa from 'koa';
import type Router from '@koa/router';
import { ParseError } from '../errors.js';
import type { AdapterResponse, InboundEvent, WebhookRequest } from '../types.js';
import { HttpError, type EnabledAdapter } from './create-app.js';

/** Mounts the routes adapters declare, at `/webhooks/<name>/<path>`. */
export function mountAdapterRoutes(
  router: Router,
  adapters: Record<string, EnabledAdapter>,
  ingest: (events: InboundEvent[]) => Promise<unknown>,
  readBody: (ctx: Koa.Context) => Promise<Buffer>,
): void {
  for (const [name, enabled] of Object.entries(adapters)) {
    for (const route of enabled.adapter.routes ?? []) {
      const method = route.method.toLowerCase() as 'get' | 'post' | 'options';
      router[method](`/webhooks/${name}/${route.path}`, async (ctx) => {
        const req: WebhookRequest = {
          method: ctx.method,
          headers: ctx.headers as Record<string, string | undefined>,
          query: ctx.query as Record<string, string | undefined>,
          rawBody: ctx.method === 'POST' ? await readBody(ctx) : Buffer.alloc(0),
        };
        try {
          respond(ctx, await route.handle(req, enabled.config, { ingest }));
        } catch (err) {
          if (err instanceof ParseError) throw new HttpError(400, err.message);
          throw err;
        }
      });
    }
  }
}

/** Writes an adapter route's answer; a stream stays open until either side ends it. */
function respond(ctx: Koa.Context, res: AdapterResponse): void {
  if (res.headers) ctx.set(res.headers);
  if (res.kind === 'reply') {
    ctx.status = res.status;
    ctx.type = res.contentType ?? 'text/plain';
    ctx.body = res.body;
    return;
  }
  // A long-lived answer: no socket timeout, no buffering, and clean-up when the client leaves.
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  const stream = new PassThrough();
  ctx.status = 200;
  ctx.type = res.contentType;
  ctx.set('cache-control', 'no-cache, no-transform');
  ctx.set('x-accel-buffering', 'no');
  ctx.body = stream;
  const close = res.open({ write: (chunk) => stream.write(chunk), end: () => stream.end() });
  ctx.req.once('close', () => {
    close();
    stream.end();
  });
}
