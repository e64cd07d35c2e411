/**
 * The proactive send API (on when PARLEY_API_TOKEN is set): POST /api/v1/messages sends a
 * message or starts a flow for a user and answers 202 with a task id; the result goes to
 * the callback URL (signed, retried through the outbox) and to GET /api/v1/tasks/:id.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';
import { Ajv } from 'ajv';
import { createRequire } from 'node:module';
import { HttpError, type EnabledAdapter } from '../../engine/server/create-app.js';
import { adapters as registry } from '../../adapters/registry.js';
import { SendError } from '../../engine/errors.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { Pipeline } from '../../engine/runtime/pipeline.js';
import type { ConversationStore, OutboxItem, TaskRecord } from '../../engine/runtime/store.js';
import type { HttpClient, OutboundMessage, SendResult } from '../../engine/types.js';
import type { Logger } from '../../engine/runtime/logger.js';
import { openApiDocument, sendRequestSchema } from './openapi.js';

/** The outbox "platform" that carries callback deliveries, so they are durable and retried. */
export const CALLBACK_CHANNEL = '@callback';

/** What the send API needs from the composition root. */
export interface SendApiDeps {
  env: Record<string, string | undefined>;
  store: ConversationStore;
  bot: Bot;
  enabled: Record<string, EnabledAdapter>;
  pipeline: Pipeline;
  http: HttpClient;
  logger: Logger;
  now(): number;
  wake(): void;
}

/** Hooks the outbox sender calls for task items and callbacks. */
export interface SendApiHooks {
  onDelivered(item: OutboxItem, result: SendResult): Promise<void>;
  onFailed(item: OutboxItem, error: string): Promise<void>;
  /** Delivers a callback item (platform CALLBACK_CHANNEL). */
  deliverCallback(item: OutboxItem): Promise<SendResult>;
  /** A flow started by the API committed a turn with `count` replies. */
  onTaskTurn(taskId: string, count: number): Promise<void>;
}

/**
 * The task as this module stores it. `items` is how many outbox items make the task "sent":
 * kept on the task itself because not every store keeps an outbox item's `taskItems` (the
 * SQLite outbox has no column for it), and every store round-trips the task as JSON.
 */
interface SendTask extends TaskRecord {
  items?: number;
}

interface SendBody {
  platform: string;
  to: string;
  text?: string;
  options?: (string | { id: string; title: string })[];
  media?: string | { type?: 'image' | 'video' | 'audio' | 'file' | 'sticker'; url: string; caption?: string };
  flow?: string;
  callback_url?: string;
}

/** Compiles the request validator; done only when the API is on, to keep cold starts short. */
function compileBodyValidator() {
  // ajv-formats costs ~70 ms to load: only servers with the API on pay for it.
  const addFormats = createRequire(import.meta.url)('ajv-formats') as { default: (ajv: Ajv) => Ajv };
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile<SendBody>(sendRequestSchema);
}

/** Constant-time token check: compare digests so neither content nor length leaks. */
function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Signs a callback body; receivers recompute it with the shared secret. */
export function signCallback(body: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/** Mounts the routes (when enabled) and returns the hooks the outbox sender calls. */
export function mountSendApi(router: Router, readBody: (ctx: Koa.Context) => Promise<Buffer>, deps: SendApiDeps): SendApiHooks {
  const token = deps.env.PARLEY_API_TOKEN;
  const callbackSecret = deps.env.PARLEY_CALLBACK_SECRET ?? token ?? '';
  const chains = new Map<string, Promise<void>>();

  /** Task updates of one task run one after another, so counters are not lost. */
  const updateTask = (id: string, change: (t: SendTask) => SendTask | undefined): Promise<void> => {
    const run = (chains.get(id) ?? Promise.resolve()).then(async () => {
      const task = (await deps.store.getTask(id)) as SendTask | undefined;
      if (!task) return;
      const next = change(task);
      if (!next) return;
      await deps.store.putTask({ ...next, updatedAt: deps.now() });
      if (next.status !== 'queued' && task.status === 'queued' && next.callbackUrl) await queueCallback(next);
    });
    const settled = run.catch((err) => deps.logger.error({ err: String(err), task: id }, 'task update failed'));
    chains.set(id, settled);
    void settled.finally(() => chains.get(id) === settled && chains.delete(id));
    return settled;
  };

  const queueCallback = async (task: TaskRecord) => {
    const now = deps.now();
    await deps.store.enqueue([
      {
        id: randomUUID(),
        key: `${CALLBACK_CHANNEL}:${task.id}`,
        platform: CALLBACK_CHANNEL,
        to: task.callbackUrl!,
        message: { kind: 'text', text: JSON.stringify(taskResult(task)) },
        seq: 0,
        attempts: 0,
        notBefore: now,
        createdAt: now,
      },
    ]);
    deps.wake();
  };

  const authorize = (ctx: Koa.Context) => {
    const header = ctx.get('authorization');
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m || !tokenMatches(m[1].trim(), token!)) throw new HttpError(401, 'missing or wrong bearer token');
  };

  if (token) {
    const validateBody = compileBodyValidator();
    router.get('/api/v1/openapi.json', (ctx) => {
      ctx.body = openApiDocument;
    });

    router.post('/api/v1/messages', async (ctx) => {
      authorize(ctx);
      let body: SendBody;
      try {
        body = JSON.parse((await readBody(ctx)).toString('utf8'));
      } catch {
        throw new HttpError(400, 'the body must be JSON');
      }
      if (!validateBody(body)) {
        const details = (validateBody.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
        throw new HttpError(400, 'invalid request', { error: `invalid request: ${details.join('; ')}`, details });
      }
      if (!registry[body.platform]) {
        throw new HttpError(400, 'unknown platform', { error: `unknown platform "${body.platform}"; use one of ${Object.keys(registry).join(', ')}` });
      }
      if (!deps.enabled[body.platform]) {
        throw new HttpError(400, 'platform off', { error: `platform "${body.platform}" is not configured on this server` });
      }
      if (body.flow !== undefined && !deps.bot.flows.some((f) => f.id === body.flow)) {
        throw new HttpError(400, 'unknown flow', { error: `unknown flow "${body.flow}"; flows: ${deps.bot.flows.map((f) => f.id).join(', ')}` });
      }
      if (body.options && !body.text) throw new HttpError(400, 'options need text', { error: 'options need a text to show with them' });
      const messages: OutboundMessage[] = [];
      if (body.options) {
        const options = body.options.map((o) => (typeof o === 'string' ? { id: o, title: o } : o));
        messages.push({ kind: 'options', text: body.text!, options });
      }
      else if (body.text) messages.push({ kind: 'text', text: body.text });
      if (body.media) {
        const media = typeof body.media === 'string' ? { url: body.media } : body.media;
        messages.push({ kind: 'media', mediaType: media.type ?? 'image', url: media.url, caption: media.caption });
      }
      if (messages.length === 0 && !body.flow) {
        throw new HttpError(400, 'empty message', { error: 'nothing to send: give text, options, media or flow' });
      }

      const now = deps.now();
      const task: SendTask = {
        id: randomUUID(),
        status: 'queued',
        platform: body.platform,
        to: body.to,
        request: body,
        callbackUrl: body.callback_url,
        messageIds: [],
        delivered: 0,
        // A flow's reply count is known only after its first turn (onTaskTurn).
        ...(messages.length > 0 ? { items: messages.length } : {}),
        createdAt: now,
        updatedAt: now,
      };
      await deps.store.putTask(task);
      if (messages.length > 0) {
        await deps.store.enqueue(
          messages.map((message, i) => ({
            id: randomUUID(),
            key: `${body.platform}:${body.to}`,
            platform: body.platform,
            to: body.to,
            message,
            taskId: task.id,
            taskItems: messages.length,
            seq: i,
            attempts: 0,
            notBefore: now,
            createdAt: now,
          })),
        );
        deps.wake();
      }
      if (body.flow) {
        // Goes through the inbox like a user's message, so it is durable and ordered with them.
        await deps.pipeline.ingest([
          {
            kind: 'start',
            flow: body.flow,
            taskId: messages.length === 0 ? task.id : undefined,
            platform: body.platform,
            conversation: body.to,
            user: { id: body.to },
            eventId: `api:${task.id}`,
            timestamp: now,
          },
        ]);
      }
      ctx.status = 202;
      ctx.body = { task_id: task.id };
    });

    router.get('/api/v1/tasks/:id', async (ctx) => {
      authorize(ctx);
      const task = await deps.store.getTask(ctx.params.id);
      if (!task) throw new HttpError(404, `no task ${ctx.params.id}`);
      ctx.body = taskResult(task);
    });
  }

  return {
    async onDelivered(item, result) {
      if (!item.taskId) return;
      await updateTask(item.taskId, (t) => {
        const delivered = (t.delivered ?? 0) + 1;
        const messageIds = [...(t.messageIds ?? []), ...result.messageIds];
        const expected = t.items ?? item.taskItems;
        // Unknown count: a flow whose turn has not been reported yet; onTaskTurn finishes it.
        const done = expected !== undefined && delivered >= expected;
        return { ...t, delivered, messageIds, status: done && t.status === 'queued' ? 'sent' : t.status };
      });
    },
    async onFailed(item, error) {
      if (!item.taskId) return;
      await updateTask(item.taskId, (t) => (t.status === 'queued' ? { ...t, status: 'failed', error } : undefined));
    },
    async onTaskTurn(taskId, count) {
      await updateTask(taskId, (t) => {
        if (t.status !== 'queued') return undefined;
        // Replies may already have been delivered before this turn was reported.
        const done = (t.delivered ?? 0) >= count;
        return { ...t, items: count, status: done ? 'sent' : t.status };
      });
    },
    async deliverCallback(item) {
      const body = item.message.kind === 'text' ? item.message.text : '{}';
      let res;
      try {
        res = await deps.http.request({
          method: 'POST',
          url: item.to,
          headers: { 'content-type': 'application/json', 'x-parley-signature': signCallback(body, callbackSecret) },
          body,
        });
      } catch (err) {
        throw new SendError(`callback to ${item.to} failed: ${(err as Error).message}`, { retryable: true, cause: err });
      }
      if (res.status >= 300) {
        throw new SendError(`callback receiver answered ${res.status}`, { status: res.status, retryable: true });
      }
      return { messageIds: [] };
    },
  };
}

/** The public shape of a task. */
function taskResult(t: TaskRecord) {
  return {
    task_id: t.id,
    status: t.status,
    platform: t.platform,
    to: t.to,
    ...(t.messageIds && t.messageIds.length > 0 ? { message_ids: t.messageIds } : {}),
    ...(t.error ? { error: t.error } : {}),
  };
}
