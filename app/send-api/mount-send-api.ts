/**
 * The proactive send API (on when PARLEY_API_TOKEN is set): POST /api/v1/messages sends a
 * message or starts a flow for a user and answers 202 with a task id; the result goes to
 * the callback URL (a callback record, signed and retried by callback-sender.ts) and to
 * GET /api/v1/tasks/:id.
 */
import { createRequire } from 'node:module';
import type Router from '@koa/router';
import type Koa from 'koa';
import type { Ajv } from 'ajv';
import { HttpError, type EnabledAdapter } from '../../engine/server/create-app.js';
import { adapters as registry } from '../../adapters/registry.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { Pipeline } from '../../engine/runtime/pipeline.js';
import { DEAD_LETTERS_KEPT, type ConversationStore } from '../../engine/runtime/store.js';
import type { HttpClient, OutboundMessage } from '../../engine/types.js';
import type { Logger } from '../../engine/runtime/logger.js';
import { OutboundUrlError } from '../../engine/errors.js';
import { checkOutboundUrl, type OutboundPolicy } from '../../engine/runtime/outbound-guard.js';
import { bearerMatches } from '../bearer-token.js';
import { openApiDocument, sendRequestSchema } from './openapi.js';
import { enqueueMessages, newTask, startRequestFlow, type SendBody } from './start-task.js';
import { createTaskReports, taskResult, type SendApiHooks } from './task-reports.js';

export { isProactive, signCallback, type SendApiHooks } from './task-reports.js';

/** What the send API needs from the composition root. */
export interface SendApiDeps {
  /** PARLEY_API_TOKEN: the API is on only with it. */
  apiToken?: string;
  store: ConversationStore;
  bot: Bot;
  enabled: Record<string, EnabledAdapter>;
  pipeline: Pipeline;
  http: HttpClient;
  logger: Logger;
  /** What callback and media URLs may be (https, public addresses, PARLEY_OUTBOUND_ALLOW). */
  outboundPolicy: OutboundPolicy;
  now(): number;
  /** Wakes the outbox sender (the request's own messages). */
  wake(): void;
  /** Wakes the callback sender (a task finished). */
  wakeCallbacks(): void;
}

/**
 * The callback and media URLs through the outbound guard, so a refused one is a 400 now
 * rather than a failed task later. A name DNS cannot resolve yet passes here; the callback
 * client checks again when it calls.
 */
async function checkRequestUrls(body: SendBody, policy: OutboundPolicy): Promise<void> {
  const media = typeof body.media === 'string' ? body.media : body.media?.url;
  for (const [field, url] of [['callback_url', body.callback_url], ['media', media]] as const) {
    if (url === undefined) continue;
    try {
      await checkOutboundUrl(url, policy, { onUnresolved: 'pass' });
    } catch (err) {
      if (!(err instanceof OutboundUrlError)) throw err;
      throw new HttpError(400, 'refused URL', { error: `${field}: ${err.message}` });
    }
  }
}

/** Compiles the request validator; done only when the API is on, to keep cold starts short. */
function compileBodyValidator() {
  // ajv and ajv-formats cost ~100 ms to load (the flow validators are precompiled): only
  // servers with the API on pay for them.
  const require = createRequire(import.meta.url);
  const { Ajv: AjvClass } = require('ajv') as { Ajv: new (options: object) => Ajv };
  const addFormats = require('ajv-formats') as { default: (ajv: Ajv) => Ajv };
  const ajv = new AjvClass({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile<SendBody>(sendRequestSchema);
}

/** Reads the body as JSON; a body over the limit is a 413 (read outside the JSON try), not "not JSON". */
async function readJsonBody(ctx: Koa.Context, readBody: (ctx: Koa.Context) => Promise<Buffer>): Promise<unknown> {
  const raw = await readBody(ctx);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body must be JSON');
  }
}

/** The body against the request schema, with every schema error in the answer. */
function assertValidBody(body: unknown, validateBody: ReturnType<typeof compileBodyValidator>): asserts body is SendBody {
  if (validateBody(body)) return;
  const details = (validateBody.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  throw new HttpError(400, 'invalid request', { error: `invalid request: ${details.join('; ')}`, details });
}

/** What the schema cannot check: the platform is known and on, the flow exists, fields go together. */
function checkRequestTargets(body: SendBody, deps: SendApiDeps): void {
  // Own keys only: "__proto__" or "constructor" must not find Object's.
  if (!Object.hasOwn(registry, body.platform)) {
    throw new HttpError(400, 'unknown platform', { error: `unknown platform "${body.platform}"; use one of ${Object.keys(registry).join(', ')}` });
  }
  if (!Object.hasOwn(deps.enabled, body.platform)) {
    throw new HttpError(400, 'platform off', { error: `platform "${body.platform}" is not configured on this server` });
  }
  if (body.flow !== undefined && !deps.bot.flows.some((f) => f.id === body.flow)) {
    throw new HttpError(400, 'unknown flow', { error: `unknown flow "${body.flow}"; flows: ${deps.bot.flows.map((f) => f.id).join(', ')}` });
  }
  if (body.vars && !body.flow) throw new HttpError(400, 'vars need a flow', { error: 'vars are for the flow you start: give `flow` with them' });
}

/** The request's own messages (text or options, then media); 400 when there is nothing to do. */
function requestMessages(body: SendBody): OutboundMessage[] {
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
  return messages;
}

/** Mounts the routes (when enabled) and returns the hooks the outbox sender calls. */
export function mountSendApi(router: Router, readBody: (ctx: Koa.Context) => Promise<Buffer>, deps: SendApiDeps): SendApiHooks {
  const token = deps.apiToken;
  const reports = createTaskReports(deps);

  const authorize = (ctx: Koa.Context) => {
    if (!bearerMatches(ctx.get('authorization'), token)) throw new HttpError(401, 'missing or wrong bearer token');
  };

  if (token) {
    const validateBody = compileBodyValidator();
    router.get('/api/v1/openapi.json', (ctx) => {
      ctx.body = openApiDocument;
    });

    router.post('/api/v1/messages', async (ctx) => {
      authorize(ctx);
      const body = await readJsonBody(ctx, readBody);
      assertValidBody(body, validateBody);
      checkRequestTargets(body, deps);
      await checkRequestUrls(body, deps.outboundPolicy);
      const messages = requestMessages(body);
      const now = deps.now();
      const task = newTask(body, messages, now);
      await deps.store.putTask(task);
      await enqueueMessages(body, messages, task, deps, now);
      await startRequestFlow(body, task, deps, now);
      ctx.status = 202;
      ctx.body = { task_id: task.id };
    });

    router.get('/api/v1/tasks/:id', async (ctx) => {
      authorize(ctx);
      const task = await deps.store.getTask(ctx.params.id);
      if (!task) throw new HttpError(404, `no task ${ctx.params.id}`);
      ctx.body = taskResult(task);
    });

    // What webhook bodies had that could not be read (newest first), for the operator.
    router.get('/api/v1/dead-letters', async (ctx) => {
      authorize(ctx);
      const limit = Math.min(Math.max(Math.trunc(Number(ctx.query.limit ?? 100)) || 100, 1), DEAD_LETTERS_KEPT);
      const letters = await deps.store.deadLetters(limit);
      ctx.body = { dead_letters: letters.map(({ eventId, ...l }) => ({ ...l, ...(eventId === undefined ? {} : { event_id: eventId }) })) };
    });
  }

  return reports;
}
