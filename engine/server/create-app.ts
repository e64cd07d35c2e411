/**
 * The Koa application: webhook routes, health check, and (when enabled) the send API.
 * The only module that knows Koa. Adapters arrive as values; the server never names one.
 */
import { PassThrough } from 'node:stream';
import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import { ParseError } from '../errors.js';
import type { AdapterResponse, InboundEvent, PlatformAdapter, WebhookRequest } from '../types.js';
import type { Logger } from '../runtime/logger.js';

/** An adapter whose configuration was found, ready to serve. */
export interface EnabledAdapter {
  adapter: PlatformAdapter<any>;
  config: unknown;
}

/** Options for {@link createApp}. */
export interface AppOptions {
  /** Platforms that are on, by route name (`/webhooks/<name>`). */
  adapters: Record<string, EnabledAdapter>;
  /** Durably records events; resolves when it is safe to acknowledge. */
  ingest(events: InboundEvent[]): Promise<unknown>;
  logger: Logger;
  /** Largest accepted webhook body; default 1 MB. */
  bodyLimitBytes?: number;
  /** False until start-up has finished; /healthz answers 503 until then. */
  isReady(): boolean;
  /** Extra routes (the send API), mounted by the caller. */
  extend?(router: Router, readBody: (ctx: Koa.Context) => Promise<Buffer>): void;
}

/** An HTTP error the error middleware turns into a response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/** Builds the Koa app. */
export function createApp(opts: AppOptions): Koa {
  const app = new Koa();
  const router = new Router();
  const limit = opts.bodyLimitBytes ?? 1_000_000;

  const readBody = async (ctx: Koa.Context): Promise<Buffer> => {
    try {
      return await getRawBody(ctx.req, { limit, length: ctx.get('content-length') || undefined });
    } catch (err) {
      const e = err as { type?: string; status?: number };
      if (e.type === 'entity.too.large') throw new HttpError(413, `body larger than ${limit} bytes`);
      throw new HttpError(e.status ?? 400, 'could not read the request body');
    }
  };

  // One place turns errors into responses; details go to the log, not to the caller.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof HttpError) {
        ctx.status = err.status;
        ctx.body = err.body ?? { error: err.message };
        return;
      }
      opts.logger.error({ err: err instanceof Error ? err.message : String(err), path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error' };
    }
  });

  router.get('/healthz', (ctx) => {
    const ready = opts.isReady();
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ok' : 'starting', platforms: Object.keys(opts.adapters) };
  });

  const webhook = async (ctx: Koa.Context & { params: Record<string, string> }) => {
    const enabled = opts.adapters[ctx.params.platform];
    if (!enabled) throw new HttpError(404, `platform ${ctx.params.platform} is not enabled`);
    const req: WebhookRequest = {
      method: ctx.method,
      headers: ctx.headers as Record<string, string | undefined>,
      query: ctx.query as Record<string, string | undefined>,
      rawBody: ctx.method === 'POST' ? await readBody(ctx) : Buffer.alloc(0),
    };
    const verdict = enabled.adapter.verify(req, enabled.config);
    if (verdict.kind === 'reject') {
      opts.logger.warn({ platform: enabled.adapter.id, reason: verdict.reason }, 'webhook rejected');
      throw new HttpError(verdict.status, verdict.reason);
    }
    if (verdict.kind === 'respond') {
      ctx.status = verdict.status;
      ctx.type = verdict.contentType ?? 'text/plain';
      ctx.body = verdict.body;
      return;
    }
    if (ctx.method !== 'POST') throw new HttpError(405, 'webhooks are POSTed');
    let events: InboundEvent[];
    try {
      events = enabled.adapter.parse(req, enabled.config);
    } catch (err) {
      if (err instanceof ParseError) throw new HttpError(400, err.message);
      throw err;
    }
    // Acknowledge only after the events are durably recorded: if this throws, the platform
    // gets a 5xx and retries, and nothing was lost.
    await opts.ingest(events);
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = 'ok';
  };
  router.get('/webhooks/:platform', webhook);
  router.post('/webhooks/:platform', webhook);
  mountAdapterRoutes(router, opts, readBody);

  // Errors after the response started (a stream the client left): a closed live stream is
  // the normal end of one, anything else goes to the log rather than to stderr.
  app.on('error', (err: { code?: string; message?: string }) => {
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    opts.logger.error({ err: err.message ?? String(err) }, 'response failed');
  });

  opts.extend?.(router, readBody);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/** Mounts the routes adapters declare, at `/webhooks/<name>/<path>`. */
function mountAdapterRoutes(router: Router, opts: AppOptions, readBody: (ctx: Koa.Context) => Promise<Buffer>): void {
  for (const [name, enabled] of Object.entries(opts.adapters)) {
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
          respond(ctx, await route.handle(req, enabled.config, { ingest: opts.ingest }));
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
