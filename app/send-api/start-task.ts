/**
 * What an accepted send request starts: its task record, its own messages in the outbox
 * (counted towards the task) and, with `flow`, the flow's start event through the inbox.
 */
import { randomUUID } from 'node:crypto';
import type { Pipeline } from '../../engine/runtime/pipeline.js';
import type { OutboxPort, TaskRecord } from '../../engine/runtime/store.js';
import type { OutboundMessage } from '../../engine/types.js';
import { outboxItem } from '../../engine/runtime/outbox-item.js';

/** The request body, as the schema (openapi.ts) admits it. */
export interface SendBody {
  platform: string;
  to: string;
  text?: string;
  options?: (string | { id: string; title: string })[];
  media?: string | { type?: 'image' | 'video' | 'audio' | 'file' | 'sticker'; url: string; caption?: string };
  flow?: string;
  vars?: Record<string, unknown>;
  callback_url?: string;
}

/** What starting a task needs: the outbox and the sender to wake, the pipeline for a flow. */
export interface StartTaskDeps {
  store: OutboxPort;
  pipeline: Pipeline;
  wake(): void;
}

/** A new queued task for the request. */
export function newTask(body: SendBody, messages: OutboundMessage[], now: number): TaskRecord {
  return {
    id: randomUUID(),
    status: 'queued',
    platform: body.platform,
    to: body.to,
    request: body,
    callbackUrl: body.callback_url,
    messageIds: [],
    delivered: 0,
    // With a flow the count is known only after its first turn (onTaskTurn): the task is
    // "sent" when the request's own messages and that turn's replies are all delivered.
    ...(body.flow === undefined ? { items: messages.length } : { directItems: messages.length }),
    createdAt: now,
    updatedAt: now,
  };
}

/** Puts the request's own messages in the outbox, counted towards the task, and wakes the sender. */
export async function enqueueMessages(body: SendBody, messages: OutboundMessage[], task: TaskRecord, deps: StartTaskDeps, now: number): Promise<void> {
  if (messages.length === 0) return;
  await deps.store.enqueue(
    messages.map((message, i) =>
      outboxItem(
        {
          key: `${body.platform}:${body.to}`,
          platform: body.platform,
          to: body.to,
          message,
          taskId: task.id,
          ...(body.flow === undefined ? { taskItems: messages.length } : {}),
          proactive: true,
          seq: i,
        },
        now,
      ),
    ),
  );
  deps.wake();
}

/** Starts the request's flow through the inbox, like a user's message, so it is durable and ordered with them. */
export async function startRequestFlow(body: SendBody, task: TaskRecord, deps: StartTaskDeps, now: number): Promise<void> {
  if (!body.flow) return;
  await deps.pipeline.ingest([
    {
      kind: 'start',
      flow: body.flow,
      ...(body.vars ? { vars: body.vars } : {}),
      // Always the task's: its replies are sent unasked (isProactive) and count towards it.
      taskId: task.id,
      platform: body.platform,
      conversation: body.to,
      user: { id: body.to },
      eventId: `api:${task.id}`,
      timestamp: now,
    },
  ]);
}
