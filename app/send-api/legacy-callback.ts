/**
 * Upgrade compatibility: before callbacks were records of their own (CallbackPort), a
 * finished task's callback waited in the outbox as an item of the platform '@callback'
 * (id `@callback:<taskId>`, the callback URL as recipient, the JSON body as text). Such an
 * item may still be in an outbox when a new version starts, in any store; the outbox sender
 * hands it here, and it becomes the task's callback record, posted once by the callback
 * sender. Nothing writes these items any more: this file can go once no outbox holds one.
 */
import type { CallbackPort, OutboxItem } from '../../engine/runtime/store.js';
import type { SendResult } from '../../engine/types.js';

/** The outbox platform name of callbacks written by older versions. */
export const LEGACY_CALLBACK_PLATFORM = '@callback';

/** Whether `item` is a callback an older version put in the outbox. */
export function isLegacyCallback(item: OutboxItem): boolean {
  return item.platform === LEGACY_CALLBACK_PLATFORM;
}

/**
 * Stores the old item as its task's callback (a task that has one already keeps it) and
 * answers as a delivery, so the outbox forgets the item.
 */
export async function adoptLegacyCallback(item: OutboxItem, store: CallbackPort, now: number): Promise<SendResult> {
  const prefix = `${LEGACY_CALLBACK_PLATFORM}:`;
  const taskId = item.id.startsWith(prefix) ? item.id.slice(prefix.length) : item.id;
  const body = item.message.kind === 'text' ? item.message.text : '{}';
  await store.putCallback({ taskId, url: item.to, body, notBefore: now, createdAt: item.createdAt });
  return { messageIds: [] };
}
