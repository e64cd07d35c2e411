/**
 * The composition root: the only module that knows both the engine and the adapters.
 * It reads configuration, opens the store, loads the flows, wires the pipeline, the outbox
 * sender and the Koa app, and starts listening.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { adapters as registry, defaultRateLimits } from '../adapters/registry.js';
import { createApp, type EnabledAdapter } from '../engine/server/create-app.js';
import { createLimitedServer, serverLimitsFromEnv } from '../engine/server/server-limits.js';
import { createHttpClient, preloadHttp } from '../engine/runtime/http-client.js';
import { createGuardedHttpClient } from '../engine/runtime/guarded-http-client.js';
import { guardMediaUrl, outboundPolicyFromEnv } from '../engine/runtime/outbound-guard.js';
import { Pipeline } from '../engine/runtime/pipeline.js';
import { OutboxSender } from '../engine/runtime/outbox-sender.js';
import { RateLimiter, rateLimitsFromEnv } from '../engine/runtime/rate-limiter.js';
import { openStore } from '../engine/runtime/stores/open-store.js';
import type { ConversationStore } from '../engine/runtime/store.js';
import { warmRecognizers } from '../engine/compile/warm-recognizers.js';
import { loadBot } from '../engine/flow/load-bot.js';
import { formatDiagnostic } from '../engine/flow/format-diagnostic.js';
import type { Bot } from '../engine/flow/flow-types.js';
import { ConfigError } from '../engine/errors.js';
import type { Logger } from '../engine/runtime/logger.js';
import { loadSecretKey } from './secret-key.js';
import { bearerMatches } from './bearer-token.js';
import { flowCheckOptions, registeredActions } from './bot-actions.js';
import { mountSendApi, CALLBACK_CHANNEL, isProactive, type SendApiHooks } from './send-api/mount-send-api.js';
import { mountStudio } from './studio/mount-studio.js';
import { studioAccessFromEnv } from './studio/studio-access.js';
import { TurnLog } from './studio/turn-log.js';
import { instrumentStore } from '../engine/runtime/instrument-store.js';
import { backlogMonitorFromEnv, metricsFromEnv, queuePolicyFromEnv, startMetricsPort } from './observability.js';
import { startReloading, type Reloading } from './reload/start-reloading.js';

/** Options for {@link startParley}. Everything not given comes from `env`. */
export interface StartOptions {
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Outbound HTTP dispatcher; default a keep-alive undici Agent. */
  dispatcher?: Dispatcher;
  /** Store to use instead of the one the environment names. */
  store?: ConversationStore;
  now?: () => number;
}

/** A running Parley instance. */
export interface RunningParley {
  url: string;
  server: Server;
  store: ConversationStore;
  pipeline: Pipeline;
  sender: OutboxSender;
  /** The studio's address, when it is on. */
  studioUrl?: string;
  /** Where /metrics is served on its own port (PARLEY_METRICS_PORT), if it is. */
  metricsUrl?: string;
  /** Hot reload: the bot versions, reload now, the last result, subscribe to reloads. */
  reloading: Reloading;
  /** Stops accepting, finishes in-flight work, closes the store. */
  close(): Promise<void>;
}

/** Starts the bot server. Throws ConfigError when the flows do not validate. */
export async function startParley(opts: StartOptions): Promise<RunningParley> {
  const { env, logger } = opts;
  const now = opts.now ?? Date.now;
  let ready = false;
  // Read first: a wrong value is a ConfigError before anything is opened.
  const serverLimits = serverLimitsFromEnv(env);

  const flowsDir = env.PARLEY_FLOWS ?? 'flows';
  const actions = await registeredActions(env);
  const loaded = await loadBot(flowsDir, flowCheckOptions(actions));
  for (const d of loaded.diagnostics.filter((x) => x.severity === 'warning')) logger.warn({ code: d.code, span: d.span }, d.message);
  if (!loaded.bot) {
    const text = loaded.diagnostics.map((d) => formatDiagnostic(d, undefined, { color: false })).join('\n');
    throw new ConfigError(`the flows in ${flowsDir} have errors; fix them and start again (npx parley validate ${flowsDir}):\n${text}`);
  }

  const enabled: Record<string, EnabledAdapter> = {};
  for (const [name, adapter] of Object.entries(registry)) {
    const { config, missing } = adapter.configFromEnv(env);
    if (config && missing.length === 0) enabled[name] = { adapter, config };
    else logger.info({ platform: name, missing }, `${name} is off: set ${missing.join(', ')} to turn it on`);
  }

  if (enabled.telegram && !env.TELEGRAM_WEBHOOK_SECRET) {
    logger.warn({ platform: 'telegram' }, 'TELEGRAM_WEBHOOK_SECRET is not set: anyone who learns the webhook URL can post updates; set it and run parley webhook set telegram');
  }

  const http = createHttpClient({ dispatcher: opts.dispatcher });
  // Callbacks and http.request go where API callers and flows say: through the outbound guard.
  // Adapters keep the plain client, since their API base URLs are the operator's own config.
  const outboundPolicy = outboundPolicyFromEnv(env);
  const guardedHttp = createGuardedHttpClient({ policy: outboundPolicy, dispatcher: opts.dispatcher });
  const metrics = metricsFromEnv(env);
  const rawStore = opts.store ?? (await openStore(env, { now, logger }));
  const store = instrumentStore(rawStore, metrics);
  const secretKey = await loadSecretKey(env, logger);
  const reloading = await startReloading({ env, logger, now, store, actions, flowsDir, loaded });
  const { versions } = reloading;
  // The send API checks flow names against the version serving now, also after a reload.
  const bot: Bot = {
    get flows() { return versions.bot.flows; },
    get config() { return versions.bot.config; },
    get version() { return versions.bot.version; },
  };
  warmRecognizers(loaded.bot!);
  const studio = studioAccessFromEnv(env);
  const turns = studio.access ? new TurnLog(now) : undefined;

  let sendApi: SendApiHooks | undefined;
  // Processes that share a store share each platform's rate through it.
  const sharedBucket = store.multiProcess && store.takeToken ? store.takeToken.bind(store) : undefined;
  const sender = new OutboxSender({
    store,
    secretKey,
    logger,
    now,
    metrics,
    ...queuePolicyFromEnv(env),
    rateLimiter: new RateLimiter(rateLimitsFromEnv(env, defaultRateLimits), now, sharedBucket),
    maxAttempts: Number(env.PARLEY_SEND_MAX_ATTEMPTS ?? 8),
    baseDelayMs: Number(env.PARLEY_SEND_BASE_DELAY_MS ?? 500),
    leaseMs: env.PARLEY_OUTBOX_LEASE_MS ? Number(env.PARLEY_OUTBOX_LEASE_MS) : undefined,
    deliver: async (item) => {
      if (item.platform === CALLBACK_CHANNEL && sendApi) return sendApi.deliverCallback(item);
      const target = enabled[item.platform];
      if (!target) throw new ConfigError(`platform ${item.platform} is not enabled`);
      if (item.message.kind === 'media') await guardMediaUrl(item.message.url, outboundPolicy);
      return target.adapter.send(item.to, item.message, { config: target.config, http, proactive: isProactive(item) });
    },
    onDelivered: (item, result) => sendApi?.onDelivered(item, result),
    onFailed: (item, error) => sendApi?.onFailed(item, error),
  });

  const pipeline = new Pipeline({
    store,
    runner: versions,
    logger,
    http: guardedHttp,
    secretKey,
    now,
    metrics,
    instanceId: randomUUID(),
    lockTtlMs: env.PARLEY_LOCK_TTL_MS ? Number(env.PARLEY_LOCK_TTL_MS) : undefined,
    maxConcurrent: env.PARLEY_MAX_CONCURRENT ? Number(env.PARLEY_MAX_CONCURRENT) : undefined,
    onCommitted: (outbox) => sender.wake(outbox),
    onTaskTurn: (taskId, count) => sendApi?.onTaskTurn(taskId, count),
    onTaskSkipped: (taskId, error) => sendApi?.onTaskSkipped(taskId, error),
    onTurnCommitted: async (turn) => {
      turns?.record(turn);
      await reloading.onTurnCommitted?.(turn);
    },
    onAccepted: (event) => {
      const target = enabled[event.platform];
      target?.adapter.acknowledge?.(event, { config: target.config, http }).catch((err: unknown) =>
        logger.warn({ err: String(err), platform: event.platform }, 'acknowledge failed'),
      );
    },
  });

  const backlog = backlogMonitorFromEnv(env, { store, logger, now, metrics });
  const app = createApp({
    adapters: enabled,
    metrics,
    mayViewMetrics: env.PARLEY_METRICS_TOKEN ? (authorization) => bearerMatches(authorization, env.PARLEY_METRICS_TOKEN) : undefined,
    ingest: (events) => pipeline.ingest(events),
    recordSkipped: (platform, items) =>
      store.addDeadLetters(items.map((item) => ({ platform, reason: item.reason, at: now(), ...(item.eventId ? { eventId: item.eventId } : {}) }))),
    mayViewHealthDetails: (authorization) => bearerMatches(authorization, env.PARLEY_API_TOKEN),
    logger,
    bodyLimitBytes: Number(env.PARLEY_BODY_LIMIT ?? 1_000_000),
    isReady: () => ready,
    health: () => ({ outbox: backlog.latest(), reload: reloading.health() }),
    extend: (router, readBody) => {
      sendApi = mountSendApi(router, readBody, {
        env, store, bot, enabled, pipeline, http: guardedHttp, outboundPolicy, logger, now, wake: () => sender.wake(),
      });
      reloading.mount(router);
      if (studio.access && turns) {
        const checkOptions = flowCheckOptions(actions);
        mountStudio(router, { access: studio.access, platforms: Object.keys(enabled), readBody, store, bot,
          // The diagrams follow hot reloads: the current version's parsed files on every request.
          get sources() { return reloading.versions.current().parsed; },
          pipeline, turns, flowsDir, checkOptions, now });
      }
    },
  });

  const server = createLimitedServer(app, serverLimits);
  server.listen(Number(env.PORT ?? 3000), env.HOST ?? '0.0.0.0');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  const metricsServer = await startMetricsPort(env, metrics, logger);
  // Resume what a previous process left: pending inbox events, due timers, undelivered replies.
  sender.start();
  backlog.start();
  await pipeline.tick();
  const ticker = setInterval(() => {
    pipeline.tick().catch((err) => logger.error({ err: String(err) }, 'tick failed'));
    store.sweep(now()).catch((err) => logger.error({ err: String(err) }, 'sweep failed'));
  }, Number(env.PARLEY_TICK_MS ?? 1000));
  ticker.unref();
  ready = true;
  void preloadHttp();
  logger.info({ url, platforms: Object.keys(enabled), flows: bot.flows.map((f) => f.id), version: bot.version }, 'parley is listening');
  // A listener on every address is reachable as localhost from this machine's browser.
  const studioUrl = studio.access ? `${env.HOST && env.HOST !== '0.0.0.0' ? url : `http://localhost:${address.port}`}/studio` : undefined;
  if (studioUrl) logger.info({ studio: studioUrl }, `studio: ${studioUrl}`);
  else logger.info({ reason: studio.reason }, `studio is off: ${studio.reason}`);

  return {
    url,
    server,
    store,
    pipeline,
    sender,
    studioUrl,
    metricsUrl: metricsServer ? `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics` : undefined,
    reloading,
    async close() {
      ready = false;
      clearInterval(ticker);
      reloading.close();
      backlog.stop();
      metricsServer?.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pipeline.idle();
      await sender.stop();
      if (!opts.store) await rawStore.close();
      await http.close();
      await guardedHttp.close();
    },
  };
}
