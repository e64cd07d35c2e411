/**
 * Start-up steps: the Koa app with the webhook routes, the send API, the reload API and the
 * studio; then the listening server and the addresses it prints.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { ActionRegistry } from '../../engine/actions/action-types.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { ParleyMetrics } from '../../engine/runtime/metrics.js';
import type { OutboundPolicy } from '../../engine/runtime/outbound-guard.js';
import type { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import type { Pipeline } from '../../engine/runtime/pipeline.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
import { createApp, type EnabledAdapter } from '../../engine/server/create-app.js';
import { createLimitedServer } from '../../engine/server/server-limits.js';
import type { HttpClient } from '../../engine/types.js';
import { bearerMatches } from '../bearer-token.js';
import { flowCheckOptions } from '../bot-actions.js';
import type { ParleyConfig } from '../config/parley-config.js';
import type { Reloading } from '../reload/start-reloading.js';
import type { CallbackSender } from '../send-api/callback-sender.js';
import { mountSendApi } from '../send-api/mount-send-api.js';
import { mountStudio } from '../studio/mount-studio.js';
import type { StudioAccess } from '../studio/studio-access.js';
import type { TurnLog } from '../studio/turn-log.js';
import type { LateHooks } from './create-delivery.js';

/** Everything the routes reach. */
export interface WebAppDeps {
  config: ParleyConfig;
  enabled: Record<string, EnabledAdapter>;
  store: ConversationStore;
  bot: Bot;
  pipeline: Pipeline;
  sender: OutboxSender;
  callbacks: CallbackSender;
  reloading: Reloading;
  actions: ActionRegistry;
  studio?: { access: StudioAccess; turns: TurnLog };
  guardedHttp: HttpClient;
  outboundPolicy: OutboundPolicy;
  metrics?: ParleyMetrics;
  logger: Logger;
  now: () => number;
  /** The store key (adapters' notes are kept encrypted with it). */
  secretKey: Buffer;
  hooks: LateHooks;
  isReady(): boolean;
  health(): Record<string, unknown>;
}

/** The Koa app; mounting the send API fills `hooks.sendApi`. */
export function createWebApp(deps: WebAppDeps): Koa {
  const { config, store, now, reloading, studio } = deps;
  return createApp({
    adapters: deps.enabled,
    // The adapters' durable notes (Telegram's long option ids) and the clock their parsers read.
    store,
    now,
    secretKey: deps.secretKey,
    metrics: deps.metrics,
    mayViewMetrics: config.metrics.token ? (authorization) => bearerMatches(authorization, config.metrics.token) : undefined,
    ingest: (events) => deps.pipeline.ingest(events),
    recordSkipped: (platform, items) =>
      store.addDeadLetters(items.map((item) => ({ platform, reason: item.reason, at: now(), ...(item.eventId ? { eventId: item.eventId } : {}) }))),
    mayViewHealthDetails: (authorization) => bearerMatches(authorization, config.api.token),
    logger: deps.logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
    isReady: deps.isReady,
    health: deps.health,
    extend: (router, readBody) => {
      deps.hooks.sendApi = mountSendApi(router, readBody, {
        apiToken: config.api.token, store, bot: deps.bot, enabled: deps.enabled, pipeline: deps.pipeline, http: deps.guardedHttp,
        outboundPolicy: deps.outboundPolicy, logger: deps.logger, now, wake: () => deps.sender.wake(), wakeCallbacks: () => deps.callbacks.wake(),
      });
      reloading.mount(router);
      if (studio) {
        mountStudio(router, { access: studio.access, platforms: Object.keys(deps.enabled), readBody, store, bot: deps.bot,
          // The diagrams follow hot reloads: the current version's parsed files on every request.
          get sources() { return reloading.versions.current().parsed; },
          pipeline: deps.pipeline, turns: studio.turns, flowsDir: config.flowsDir, checkOptions: flowCheckOptions(deps.actions), now });
      }
    },
  });
}

/** The server with its socket limits, listening on PORT and HOST; resolves with it and its URL. */
export async function listen(app: Koa, config: ParleyConfig['server']): Promise<{ server: Server; url: string; port: number }> {
  const server = createLimitedServer(app, config.limits);
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`, port: address.port };
}

/** The studio's address: a listener on every address is reachable as localhost from this machine's browser. */
export function studioUrlOf(url: string, port: number, host: string): string {
  return `${host !== '0.0.0.0' ? url : `http://localhost:${port}`}/studio`;
}
