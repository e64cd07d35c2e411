/**
 * The Koa application: webhook routes, health check, and (when enabled) the send API.
 * The only module that knows Koa. Adapters arrive as values; the server never names one.
 */
import Koa from 'koa';
import Router from '@koa/router';
import getRawBody from 'raw-body';
import { ParseError } from '../errors.js';
import type { InboundEvent, PlatformAdapter, SkippedItem, WebhookRequest } from '../types.js';
import type { NotePort } from '../runtime/ports/note-port.js';
import type { ConversationStore } from '../runtime/store.js';
import { platformNotes } from '../runtime/platform-notes.js';
import { mountAdapterRoutes } from './mount-adapter-routes.js';
import type { Logger } from '../runtime/logger.js';
import type { ParleyMetrics } from '../runtime/metrics.js';
import { HttpError } from './http-error.js';

// Routes outside the server (the send API, the studio) import it from here too.
export { HttpError } from './http-error.js';

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
  /**
   * Durably records the items of a body that were skipped as unreadable (dead letters); the
   * body is acknowledged after this and ingest resolve. Without it, skipped items are logged.
   */
  recordSkipped?(platform: string, items: SkippedItem[]): Promise<void>;
  /**
   * True when the request may see details in /healthz (`?verbose`): the platforms that are
   * on. Default: nobody, since the list tells a scanner which webhooks to probe.
   */
  mayViewHealthDetails?(authorization: string | undefined): boolean;
  logger: Logger;
  /** Largest accepted webhook body; default 1 MB. */
  bodyLimitBytes?: number;
  /** False until start-up has finished; /healthz answers 503 until then. */
  isReady(): boolean;
  /** More fields of the verbose /healthz body (the outbox backlog per platform, the last flows reload). */
  health?(): Record<string, unknown>;
  /** Counts webhooks by platform and status when metrics are on. */
  metrics?: ParleyMetrics;
  /** Serves GET /metrics to callers whose Authorization header this accepts (PARLEY_METRICS_TOKEN). */
  mayViewMetrics?(authorization: string | undefined): boolean;
  /**
   * The store, where adapters keep durable notes; each adapter's parse gets them scoped to
   * its platform. Absent, or a store without NotePort: parse gets no notes.
   */
  store?: ConversationStore & Partial<NotePort>;
  /** The clock handed to parse; default Date.now. */
  now?: () => number;
  /** The store key: adapters' notes are kept encrypted with it. */
  secretKey?: Buffer;
  /** Extra routes (the send API), mounted by the caller. */
  extend?(router: Router, readBody: (ctx: Koa.Context) => Promise<Buffer>): void;
}


/**
 * The query as single strings. A repeated parameter (`hub.mode=a&hub.mode=b`) is refused
 * with 400: no platform sends one, and handshake checks compare plain strings.
 */
function singleQuery(query: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const entries = Object.entries(query);
  const repeated = entries.find(([, value]) => Array.isArray(value));
  if (repeated) throw new HttpError(400, `query parameter ${repeated[0]} is repeated; give it once`);
  // fromEntries defines own keys, so a parameter named __proto__ stays a plain entry.
  return Object.fromEntries(entries) as Record<string, string | undefined>;
}

/** Most dead letters one webhook body records; the rest are counted in one more. */
export const SKIPPED_PER_BODY = 100;

/** Builds the Koa app. */
export function createApp(opts: AppOptions): Koa {
  const app = new Koa();
  const router = new Router();
  const limit = opts.bodyLimitBytes ?? 1_000_000;
  const now = opts.now ?? Date.now;
  // Errors after the response is gone (a socket cut by a timeout): to the log, not stderr.
  app.on('error', (err: Error) => opts.logger.warn({ err: err.message }, 'connection error'));

  const readBody = async (ctx: Koa.Context): Promise<Buffer> => {
    try {
      return await getRawBody(ctx.req, { limit, length: ctx.get('content-length') || undefined });
    } catch (err) {
      const e = err as { type?: string; status?: number };
      if (e.type === 'entity.too.large') throw new HttpError(413, `body larger than ${limit} bytes`);
      throw new HttpError(e.status ?? 400, 'could not read the request body');
    }
  };

  const { metrics } = opts;
  if (metrics) {
    // Outermost, so it sees the status the error middleware chose. Only enabled platforms
    // become labels: the path is the caller's, and every label value is a new time series.
    app.use(async (ctx, next) => {
      try {
        await next();
      } finally {
        const m = /^\/webhooks\/([^/]+)/.exec(ctx.path);
        if (m) metrics.webhooks.inc({ platform: Object.hasOwn(opts.adapters, m[1]) ? m[1] : 'unknown', status: String(ctx.status) });
      }
    });
  }

  // One place turns errors into responses; details go to the log, not to the caller.
  app.use(async (ctx, next) => {
    // Every answer, errors included: a browser must not sniff a JSON or text body into HTML.
    ctx.set('X-Content-Type-Options', 'nosniff');
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
    const verbose = ctx.query.verbose !== undefined && opts.mayViewHealthDetails?.(ctx.get('authorization') || undefined) === true;
    ctx.body = { status: ready ? 'ok' : 'starting', ...(verbose ? { platforms: Object.keys(opts.adapters), ...opts.health?.() } : {}) };
  });

  if (metrics && opts.mayViewMetrics) {
    const mayView = opts.mayViewMetrics;
    router.get('/metrics', async (ctx) => {
      if (!mayView(ctx.get('authorization') || undefined)) throw new HttpError(401, 'send Authorization: Bearer <PARLEY_METRICS_TOKEN>');
      ctx.type = metrics.registry.contentType;
      ctx.body = await metrics.registry.metrics();
    });
  }

  const webhook = async (ctx: Koa.Context & { params: Record<string, string> }) => {
    // Own keys only: /webhooks/constructor or /webhooks/__proto__ must not find Object's.
    const name = ctx.params.platform;
    const enabled = Object.hasOwn(opts.adapters, name) ? opts.adapters[name] : undefined;
    if (!enabled) throw new HttpError(404, `platform ${name} is not enabled`);
    const req: WebhookRequest = {
      method: ctx.method,
      headers: ctx.headers as Record<string, string | undefined>,
      query: singleQuery(ctx.query),
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
    const skipped: SkippedItem[] = [];
    try {
      const parseContext = { now, notes: opts.store && platformNotes(opts.store, enabled.adapter.id, now, opts.secretKey) };
      events = await enabled.adapter.parse(req, enabled.config, (item) => skipped.push(item), parseContext);
    } catch (err) {
      if (err instanceof ParseError) throw new HttpError(400, err.message);
      throw err;
    }
    if (skipped.length > 0) {
      // A bad item is skipped, not refused: refusing would make the platform re-send the body
      // forever, and its good events would never run. One body records at most
      // SKIPPED_PER_BODY of them (a 1 MB body can hold a hundred thousand).
      const kept = skipped.slice(0, SKIPPED_PER_BODY);
      if (skipped.length > kept.length) kept.push({ reason: `and ${skipped.length - kept.length} more items of this body skipped` });
      opts.logger.warn({ platform: enabled.adapter.id, skipped: skipped.length, first: kept.slice(0, 5).map((s) => s.reason) }, 'webhook items skipped');
      await opts.recordSkipped?.(enabled.adapter.id, kept);
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
  mountAdapterRoutes(router, opts.adapters, opts.ingest, readBody);

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
