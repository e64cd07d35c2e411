/**
 * One send attempt of one outbox item and what follows it: the report and removal after a
 * delivery; a retry after the platform's retry_after (429) or an exponential backoff with
 * jitter (5xx, network), with the conversation's later items kept behind it; or a give-up.
 */
import { SendError } from '../errors.js';
import { backoffDelay } from './backoff.js';
import type { AdapterNotes, OutboundMessage, SendResult } from '../types.js';
import { isSealed, unseal } from './seal.js';
import type { OutboxItem } from './ports/outbox-port.js';
import { platformNotes } from './platform-notes.js';
import type { OutboxSenderOptions } from './outbox-sender-options.js';

/** An outbox item with its message in the clear, as it is handed to the platform. */
export type DeliverableItem = OutboxItem & { message: OutboundMessage };

/**
 * What the adapter's SendContext gets from the sender besides config and http: the clock and
 * the platform's notes (absent when the store keeps none).
 */
export interface DeliveryContext {
  now: () => number;
  notes?: AdapterNotes;
}

/** What a delivery attempt needs: the sender's options for it, with the clock resolved. */
export type DeliveryDeps = Pick<
  OutboxSenderOptions,
  'store' | 'deliver' | 'secretKey' | 'logger' | 'metrics' | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'onDelivered' | 'onFailed'
> & { now: () => number };

/** 'done': the item left the outbox (sent or given up); else it and `rest` were postponed until `retryAt`. */
export type AttemptOutcome = 'done' | { retryAt: number };

/** Sends `item` once; on a retryable failure postpones it and the conversation's `rest`. */
export async function attemptDelivery(deps: DeliveryDeps, stored: OutboxItem, rest: OutboxItem[]): Promise<AttemptOutcome> {
  const item = open(deps, stored);
  let result: SendResult;
  try {
    if (!isOpen(item)) throw new SendError('The reply is sealed and cannot be opened (no key, another key, or wiped); it is given up.', { retryable: false });
    result = await deps.deliver(item, deliveryContext(deps, item.platform));
  } catch (err) {
    const retryable = err instanceof SendError ? err.retryable : true;
    const attempts = item.attempts + 1;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof SendError && err.status === 429) deps.metrics?.tooManyRequests.inc({ platform: item.platform });
    if (!retryable || attempts >= (deps.maxAttempts ?? 8)) {
      deps.metrics?.sends.inc({ platform: item.platform, result: 'failed' });
      deps.logger.error({ err: message, outbox: item.id, key: item.key, attempts }, 'giving up on a reply');
      // An item that cannot be opened is still reported (a task it belongs to must end).
      const shown: DeliverableItem = isOpen(item) ? item : { ...item, message: { kind: 'text', text: '[sensitive]' } };
      await report(deps, 'onFailed', shown, () => deps.onFailed?.(shown, message));
      await deps.store.markFailed(item.id, message);
      return 'done';
    }
    deps.metrics?.sends.inc({ platform: item.platform, result: 'retry' });
    deps.metrics?.retries.inc({ platform: item.platform });
    const delay = err instanceof SendError && err.retryAfterMs !== undefined ? err.retryAfterMs : backoffDelay(deps, attempts);
    deps.logger.warn({ err: message, outbox: item.id, key: item.key, attempts, delay }, 'reply will be retried');
    const at = deps.now() + delay;
    await deps.store.reschedule(item.id, at, attempts);
    // The conversation's later replies wait behind this one, to keep their order.
    for (const it of rest) await deps.store.reschedule(it.id, at + 1, it.attempts);
    return { retryAt: at };
  }
  deps.metrics?.sends.inc({ platform: item.platform, result: 'sent' });
  // Report first, then forget the item: a crash in between costs a repeated send (the outbox
  // is at-least-once anyway) instead of a report lost for good.
  const delivered = item as DeliverableItem;
  await report(deps, 'onDelivered', delivered, () => deps.onDelivered?.(delivered, result));
  await deps.store.markSent(item.id);
  return 'done';
}

/**
 * The item with its sealed message decrypted, held in memory only while it is sent; an item
 * that cannot be opened is returned as it is (and then given up).
 */
function open(deps: DeliveryDeps, item: OutboxItem): OutboxItem {
  if (!isSealed(item.message) || !deps.secretKey) return item;
  try {
    return { ...item, message: unseal<OutboundMessage>(item.message, deps.secretKey) };
  } catch {
    return item;
  }
}

/** The clock, and the notes of the item's platform when the store keeps notes. */
function deliveryContext(deps: DeliveryDeps, platform: string): DeliveryContext {
  const notes = platformNotes(deps.store, platform, deps.now, deps.secretKey);
  return notes ? { now: deps.now, notes } : { now: deps.now };
}

function isOpen(item: OutboxItem): item is DeliverableItem {
  return !isSealed(item.message);
}

/** Runs a report hook; its failure is logged, never taken for a failed send. */
async function report(deps: DeliveryDeps, hook: string, item: OutboxItem, run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    deps.logger.error({ err: String(err), outbox: item.id, key: item.key, hook }, 'report hook failed');
  }
}
