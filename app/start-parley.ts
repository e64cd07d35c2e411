/**
 * The composition root: the only module that knows both the engine and the adapters.
 * startParley runs the start-up steps in order: read the configuration, load the flows,
 * build the adapters, open the store, start hot reload, wire the sender, the pipeline and the
 * Koa app, listen, resume pending work and print the addresses.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatcher } from 'undici';
import { createHttpClient, preloadHttp } from '../engine/runtime/http-client.js';
import { createGuardedHttpClient } from '../engine/runtime/guarded-http-client.js';
import { createOutboundPolicy } from '../engine/runtime/outbound-guard.js';
import type { Pipeline } from '../engine/runtime/pipeline.js';
import type { OutboxSender } from '../engine/runtime/outbox-sender.js';
import { openStore } from '../engine/runtime/stores/open-store.js';
import type { ConversationStore } from '../engine/runtime/store.js';
import { warmRecognizers } from '../engine/compile/warm-recognizers.js';
import type { Bot } from '../engine/flow/flow-types.js';
import type { Logger } from '../engine/runtime/logger.js';
import { instrumentStore } from '../engine/runtime/instrument-store.js';
import type { BotVersions } from '../engine/runtime/bot-versions.js';
import type { BacklogMonitor } from '../engine/runtime/backlog-monitor.js';
import { readConfig } from './config/read-config.js';
import type { ParleyConfig } from './config/parley-config.js';
import { loadSecretKey } from './secret-key.js';
import { studioAccessFor } from './studio/studio-access.js';
import { TurnLog } from './studio/turn-log.js';
import { createBacklogMonitor, metricsFor, startMetricsPort } from './observability.js';
import { startReloading, type Reloading } from './reload/start-reloading.js';
import { loadFlows } from './start/load-flows.js';
import { buildAdapters } from './start/build-adapters.js';
import type { CallbackSender } from './send-api/callback-sender.js';
import { createCallbackSender, createPipeline, createSender, type LateHooks } from './start/create-delivery.js';
import { createWebApp, listen, studioUrlOf } from './start/create-web-app.js';

/** Options for {@link startParley}. Everything not given comes from `env`. */
export interface StartOptions {
  env: Record<string, string | undefined>;
  logger: Logger;
  /** The configuration read from `env`, when the caller has read it already. */
  config?: ParleyConfig;
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
  /** Posts send-API result callbacks. */
  callbacks: CallbackSender;
  /** The studio's address, when it is on. */
  studioUrl?: string;
  /** Where /metrics is served on its own port (PARLEY_METRICS_PORT), if it is. */
  metricsUrl?: string;
  /** Hot reload: the bot versions, reload now, the last result, subscribe to reloads. */
  reloading: Reloading;
  /** Stops accepting, finishes in-flight work, closes the store. */
  close(): Promise<void>;
}

/** Read first: a wrong value is a ConfigError (listing every problem) before anything is opened. */
function readStartConfig(opts: StartOptions): ParleyConfig {
  const config = opts.config ?? readConfig(opts.env);
  if (config.unknown.length > 0) {
    opts.logger.warn({ variables: config.unknown }, `unknown variables (a typo?): ${config.unknown.join(', ')}; see the README's table of environment variables`);
  }
  return config;
}

/** Both outbound clients: platforms' own API URLs plain, what callers and flows choose guarded. */
function openOutbound(config: ParleyConfig, dispatcher: Dispatcher | undefined) {
  const outboundPolicy = createOutboundPolicy(config.outboundAllow);
  return { outboundPolicy, http: createHttpClient({ dispatcher }), guardedHttp: createGuardedHttpClient({ policy: outboundPolicy, dispatcher }) };
}

/** The send API checks flow names against the version serving now, also after a reload. */
function liveBot(versions: BotVersions): Bot {
  return {
    get flows() { return versions.bot.flows; },
    get config() { return versions.bot.config; },
    get version() { return versions.bot.version; },
  };
}

/** Resumes what a previous process left (pending inbox events, due timers, undelivered replies and callbacks) and ticks. */
async function startWork(pipeline: Pipeline, senders: { start(): void }[], backlog: BacklogMonitor, store: ConversationStore, tickMs: number, logger: Logger, now: () => number) {
  for (const sender of senders) sender.start();
  backlog.start();
  await pipeline.tick();
  const ticker = setInterval(() => {
    pipeline.tick().catch((err) => logger.error({ err: String(err) }, 'tick failed'));
    store.sweep(now()).catch((err) => logger.error({ err: String(err) }, 'sweep failed'));
  }, tickMs);
  ticker.unref();
  return ticker;
}

/**
 * undici takes ~60-100 ms of synchronous loading. Preloaded the moment the server listens, it
 * held up whatever came first (the health check a deployment waits on, the first webhook);
 * a second later the server is most likely idle. A send before then loads it on the spot.
 */
const HTTP_PRELOAD_DELAY_MS = 1000;

/** Starts the bot server. Throws ConfigError when the configuration or the flows are wrong. */
export async function startParley(opts: StartOptions): Promise<RunningParley> {
  const { env, logger } = opts;
  const now = opts.now ?? Date.now;
  let ready = false;
  const config = readStartConfig(opts);
  const { actions, loaded } = await loadFlows(config, logger);
  const enabled = buildAdapters(env, logger);
  const { outboundPolicy, http, guardedHttp } = openOutbound(config, opts.dispatcher);
  const metrics = metricsFor(config.metrics);
  const rawStore = opts.store ?? (await openStore(env, { now, logger }));
  const store = instrumentStore(rawStore, metrics);
  const secretKey = await loadSecretKey(config.secrets, logger);
  const reloading = await startReloading({ config: config.reload, apiToken: config.api.token, logger, now, store, actions, flowsDir: config.flowsDir, loaded });
  const bot = liveBot(reloading.versions);
  warmRecognizers(loaded.bot!);
  const studio = studioAccessFor(config);
  const turns = studio.access ? new TurnLog(now) : undefined;

  const hooks: LateHooks = {};
  const delivery = { config, store, enabled, logger, now, metrics, secretKey, hooks };
  const callbacks = createCallbackSender({ ...delivery, guardedHttp });
  const sender = createSender({ ...delivery, http, outboundPolicy, callbacks });
  const pipeline = createPipeline({ ...delivery, versions: reloading.versions, sender, http, guardedHttp, onTurnCommitted: async (turn) => {
    turns?.record(turn);
    await reloading.onTurnCommitted?.(turn);
  } });
  const backlog = createBacklogMonitor(config.backlogWarnMs, { store, logger, now, metrics });
  const app = createWebApp({
    config, enabled, store, bot, pipeline, sender, callbacks, reloading, actions, guardedHttp, outboundPolicy, metrics, logger, now, secretKey, hooks,
    studio: studio.access && turns ? { access: studio.access, turns } : undefined,
    isReady: () => ready,
    health: () => ({ outbox: backlog.latest(), reload: reloading.health() }),
  });

  const { server, url, port } = await listen(app, config.server);
  const metricsServer = await startMetricsPort(config.metrics, metrics, logger);
  const ticker = await startWork(pipeline, [sender, callbacks], backlog, store, config.pipeline.tickMs, logger, now);
  ready = true;
  const preload = setTimeout(() => void preloadHttp(), HTTP_PRELOAD_DELAY_MS);
  preload.unref();
  logger.info({ url, platforms: Object.keys(enabled), flows: bot.flows.map((f) => f.id), version: bot.version }, 'parley is listening');
  const studioUrl = studio.access ? studioUrlOf(url, port, config.server.host) : undefined;
  if (studioUrl) logger.info({ studio: studioUrl }, `studio: ${studioUrl}`);
  else logger.info({ reason: studio.reason }, `studio is off: ${studio.reason}`);

  return {
    url, server, store, pipeline, sender, callbacks, studioUrl, reloading,
    metricsUrl: metricsServer ? `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics` : undefined,
    async close() {
      ready = false;
      clearInterval(ticker);
      clearTimeout(preload);
      reloading.close();
      backlog.stop();
      metricsServer?.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pipeline.idle();
      await sender.stop();
      await callbacks.stop();
      if (!opts.store) await rawStore.close();
      await http.close();
      await guardedHttp.close();
    },
  };
}
