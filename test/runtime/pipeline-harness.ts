/**
 * Builds pipelines over a shared store with the real runner, for tests that play several
 * processes against one store (each Pipeline has its own instance id, like a process).
 */
import { createRunner, builtinActions } from '../../engine/runtime/runner.js';
import { Pipeline } from '../../engine/runtime/pipeline.js';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { ConversationStore, OutboxItem } from '../../engine/runtime/store.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { InboundEvent } from '../../engine/types.js';

/** A counter flow: every text increments `count` and says it, so lost updates show. */
export const COUNTER_FLOW = `
version: 1
id: counter
triggers: [ { fallback: true } ]
steps:
  - set: { count: "{{ (count || 0) + 1 }}" }
  - say: "{{ count }} {{ input.text }}"
`;

/** One "process": a pipeline and a sender that records what it delivered. */
export function makeProcess(bot: Bot, store: ConversationStore, delivered: OutboxItem[], now = Date.now) {
  const runner = createRunner(bot, { actions: builtinActions(), logger: silentLogger, now });
  const sender = new OutboxSender({
    store,
    secretKey: Buffer.alloc(32, 3),
    logger: silentLogger,
    now,
    deliver: async (item) => {
      delivered.push(item);
      return { messageIds: [item.id] };
    },
  });
  const pipeline = new Pipeline({
    store,
    runner,
    logger: silentLogger,
    http: { request: async () => ({ status: 200, headers: {}, body: '' }) },
    secretKey: Buffer.alloc(32, 3),
    now,
  });
  return { pipeline, sender };
}

let seq = 0;
/** A text event from `user`. */
export function text(user: string, body: string, eventId = `ev-${++seq}`): InboundEvent {
  return { kind: 'text', text: body, platform: 'test', conversation: user, user: { id: user }, eventId, timestamp: Date.now() };
}

/** The texts delivered to a conversation, in delivery order. */
export function textsTo(delivered: OutboxItem[], user: string): string[] {
  return delivered.filter((d) => d.to === user).map((d) => (d.message.kind === 'text' || d.message.kind === 'options' ? d.message.text : ''));
}
