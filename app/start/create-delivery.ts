/**
 * Start-up steps: the outbox sender (delivers replies and proactive sends), the callback
 * sender (send-API results) and the pipeline (inbox → turn → commit). The send API is
 * mounted later, with the routes, so the outbox sender and the pipeline reach it through `hooks`.
 */
import { randomUUID } from 'node:crypto';
import { defaultRateLimits } from '../../adapters/registry.js';
import { ConfigError } from '../../engine/errors.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { ParleyMetrics } from '../../engine/runtime/metrics.js';
import { guardMediaUrl, type OutboundPolicy } from '../../engine/runtime/outbound-guard.js';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import { Pipeline } from '../../engine/runtime/pipeline.js';
import { RateLimiter } from '../../engine/runtime/rate-limiter.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
import type { EnabledAdapter } from '../../engine/server/create-app.js';
import type { HttpClient } from '../../engine/types.js';
import type { BotVersions } from '../../engine/runtime/bot-versions.js';
import type { TurnExecutorDeps } from '../../engine/runtime/run-turn.js';
import type { ParleyConfig } from '../config/parley-config.js';
import { CallbackSender } from '../send-api/callback-sender.js';
import { adoptLegacyCallback, isLegacyCallback } from '../send-api/legacy-callback.js';
import { isProactive, type SendApiHooks } from '../send-api/mount-send-api.js';

/** The send API's hooks, once it is mounted. */
export interface LateHooks {
  sendApi?: SendApiHooks;
}

/** What the sender and the pipeline share. */
export interface DeliveryDeps {
  config: ParleyConfig;
  store: ConversationStore;
  enabled: Record<string, EnabledAdapter>;
  logger: Logger;
  now: () => number;
  metrics?: ParleyMetrics;
  secretKey: Buffer;
  hooks: LateHooks;
}

/** The callback sender: signed with PARLEY_CALLBACK_SECRET (default the API token), through the guarded client. */
export function createCallbackSender(deps: DeliveryDeps & { guardedHttp: HttpClient }): CallbackSender {
  const { config } = deps;
  return new CallbackSender({
    store: deps.store,
    http: deps.guardedHttp,
    secret: config.api.callbackSecret ?? config.api.token ?? '',
    logger: deps.logger,
    now: deps.now,
    maxAttempts: config.sender.maxAttempts,
    baseDelayMs: config.sender.baseDelayMs,
    leaseMs: config.sender.leaseMs,
  });
}

/** The outbox sender: adapters for platforms, media URLs guarded. */
export function createSender(deps: DeliveryDeps & { http: HttpClient; outboundPolicy: OutboundPolicy; callbacks: CallbackSender }): OutboxSender {
  const { config, store, enabled, hooks, now } = deps;
  // Processes that share a store share each platform's rate through it.
  const sharedBucket = store.multiProcess && store.takeToken ? store.takeToken.bind(store) : undefined;
  return new OutboxSender({
    store,
    secretKey: deps.secretKey,
    logger: deps.logger,
    now,
    metrics: deps.metrics,
    ...config.sender.queue,
    rateLimiter: new RateLimiter({ ...defaultRateLimits, ...config.sender.rateLimits }, now, sharedBucket),
    maxAttempts: config.sender.maxAttempts,
    baseDelayMs: config.sender.baseDelayMs,
    leaseMs: config.sender.leaseMs,
    deliver: async (item, context) => {
      // A callback an older version left in the outbox becomes a callback record (legacy-callback.ts).
      if (isLegacyCallback(item)) {
        const moved = await adoptLegacyCallback(item, store, now());
        deps.callbacks.wake();
        return moved;
      }
      const target = enabled[item.platform];
      if (!target) throw new ConfigError(`platform ${item.platform} is not enabled`);
      if (item.message.kind === 'media') await guardMediaUrl(item.message.url, deps.outboundPolicy);
      return target.adapter.send(item.to, item.message, { config: target.config, http: deps.http, proactive: isProactive(item), ...context });
    },
    onDelivered: (item, result) => hooks.sendApi?.onDelivered(item, result),
    onFailed: (item, error) => hooks.sendApi?.onFailed(item, error),
  });
}

/** The pipeline: turns through the current bot version, committed replies wake the sender. */
export function createPipeline(
  deps: DeliveryDeps & {
    versions: BotVersions;
    sender: OutboxSender;
    /** The platform client (acknowledgements) and the guarded one (flows' http.request). */
    http: HttpClient;
    guardedHttp: HttpClient;
    onTurnCommitted: NonNullable<TurnExecutorDeps['onTurnCommitted']>;
  },
): Pipeline {
  const { config, store, enabled, hooks, logger, sender } = deps;
  return new Pipeline({
    store,
    runner: deps.versions,
    logger,
    http: deps.guardedHttp,
    secretKey: deps.secretKey,
    now: deps.now,
    metrics: deps.metrics,
    instanceId: randomUUID(),
    lockTtlMs: config.pipeline.lockTtlMs,
    maxConcurrent: config.pipeline.maxConcurrent,
    onCommitted: (outbox) => sender.wake(outbox),
    // A store several processes share leaves claims to whichever sender is free.
    ...(store.multiProcess ? {} : { handoff: sender.handoff }),
    onTaskTurn: (taskId, count) => hooks.sendApi?.onTaskTurn(taskId, count),
    onTaskSkipped: (taskId, error) => hooks.sendApi?.onTaskSkipped(taskId, error),
    onTurnCommitted: deps.onTurnCommitted,
    onAccepted: (event) => {
      const target = enabled[event.platform];
      target?.adapter.acknowledge?.(event, { config: target.config, http: deps.http }).catch((err: unknown) =>
        logger.warn({ err: String(err), platform: event.platform }, 'acknowledge failed'),
      );
    },
  });
}
