/**
 * The one constructor of outbox items: every reply and send-API message enters the outbox
 * through it, so a new item field gets its default in one place.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxItem } from './store.js';

/** What a caller decides about a new outbox item; the delivery bookkeeping starts fresh. */
export type NewOutboxItem = Omit<OutboxItem, 'id' | 'attempts' | 'notBefore' | 'createdAt'> & {
  /** Default: a random UUID. A fixed id makes enqueueing again replace the item still waiting. */
  id?: string;
};

/** A new outbox item created at `now`: no delivery attempts yet, due at once. */
export function outboxItem(item: NewOutboxItem, now: number): OutboxItem {
  const { id, ...fields } = item;
  return { id: id ?? randomUUID(), ...fields, attempts: 0, notBefore: now, createdAt: now };
}
