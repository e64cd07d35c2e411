/**
 * What happens to a send-API task after it is accepted: its outbox items report delivery or
 * failure, the task's status follows, and the result goes to the callback URL through the
 * outbox (so callbacks are durable and retried like replies), signed with HMAC-SHA256.
 *
 * Crash safety: the outbox sender reports an item before it forgets it, so a crash between the
 * two re-sends the item and reports it again. Reports are therefore idempotent per outbox item
 * id, and every report re-checks that a finished task's callback was queued.
 */
import { createHmac } from 'node:crypto';
import { SendError } from '../../engine/errors.js';
import type { ConversationStore, OutboxItem, TaskRecord } from '../../engine/runtime/store.js';
import type { HttpClient, SendResult } from '../../engine/types.js';
import type { Logger } from '../../engine/runtime/logger.js';
import { outboxItem } from '../../engine/runtime/outbox-item.js';

/** The outbox "platform" that carries callback deliveries, so they are durable and retried. */
export const CALLBACK_CHANNEL = '@callback';

/** Hooks the outbox sender calls for task items and callbacks. */
export interface SendApiHooks {
  onDelivered(item: OutboxItem, result: SendResult): Promise<void>;
  onFailed(item: OutboxItem, error: string): Promise<void>;
  /** Delivers a callback item (platform CALLBACK_CHANNEL). */
  deliverCallback(item: OutboxItem): Promise<SendResult>;
  /** A flow started by the API committed a turn with `count` replies. */
  onTaskTurn(taskId: string, count: number): Promise<void>;
  /** The turn a flow start needed could not run (the event was skipped): the task failed. */
  onTaskSkipped(taskId: string, error: string): Promise<void>;
}

/**
 * Whether an outbox item goes out unasked: it belongs to a send-API task, either as the
 * message the API sent or as a reply of the turn the API's start event drove. Everything else
 * answers a turn a user's webhook drove.
 */
export function isProactive(item: OutboxItem): boolean {
  return item.taskId !== undefined;
}

/** What task reporting needs. */
export interface TaskReportDeps {
  store: ConversationStore;
  http: HttpClient;
  logger: Logger;
  now(): number;
  wake(): void;
  /** Key of the callback signature. */
  callbackSecret: string;
}

/** Signs a callback body; receivers recompute it with the shared secret. */
export function signCallback(body: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

/** Builds the hooks the outbox sender calls for task items and callbacks. */
export function createTaskReports(deps: TaskReportDeps): SendApiHooks {
  const { callbackSecret } = deps;
  const chains = new Map<string, Promise<void>>();

  /**
   * Task updates of one task run one after another, so counters are not lost. `change`
   * returns undefined when there is nothing to change (e.g. an item already counted).
   */
  const updateTask = (id: string, change: (t: TaskRecord) => TaskRecord | undefined): Promise<void> => {
    const run = (chains.get(id) ?? Promise.resolve()).then(async () => {
      let task = await deps.store.getTask(id);
      if (!task) return;
      const next = change(task);
      if (next) {
        task = { ...next, updatedAt: deps.now() };
        await deps.store.putTask(task);
      }
      // Checked on every report, not only when the status changes: if the process died after
      // the final status was written but before the callback was queued, the report of the
      // re-sent item that follows the restart queues it.
      if (task.status !== 'queued' && task.callbackUrl && !task.callbackQueued) {
        await queueCallback(task);
        const queued: TaskRecord = { ...task, callbackQueued: true, updatedAt: deps.now() };
        await deps.store.putTask(queued);
      }
    });
    const settled = run.catch((err) => deps.logger.error({ err: String(err), task: id }, 'task update failed'));
    chains.set(id, settled);
    void settled.finally(() => chains.get(id) === settled && chains.delete(id));
    return settled;
  };

  const queueCallback = async (task: TaskRecord) => {
    const now = deps.now();
    await deps.store.enqueue([
      outboxItem(
        {
          // One id per task: queueing again after a crash replaces a callback still waiting in
          // the outbox instead of adding a second one.
          id: `${CALLBACK_CHANNEL}:${task.id}`,
          key: `${CALLBACK_CHANNEL}:${task.id}`,
          platform: CALLBACK_CHANNEL,
          to: task.callbackUrl!,
          message: { kind: 'text', text: JSON.stringify(taskResult(task)) },
          seq: 0,
        },
        now,
      ),
    ]);
    deps.wake();
  };

  return {
    async onDelivered(item, result) {
      if (!item.taskId) return;
      await updateTask(item.taskId, (t) => {
        if (t.deliveredItemIds?.includes(item.id)) return undefined;
        const delivered = (t.delivered ?? 0) + 1;
        const messageIds = [...(t.messageIds ?? []), ...result.messageIds];
        const deliveredItemIds = [...(t.deliveredItemIds ?? []), item.id];
        // A flow's reply carries its turn's reply count; the request's own messages come first.
        const expected = t.items ?? (item.taskItems === undefined ? undefined : (t.directItems ?? 0) + item.taskItems);
        // Unknown count: a flow whose turn has not been reported yet; onTaskTurn finishes it.
        const done = expected !== undefined && delivered >= expected;
        return { ...t, delivered, messageIds, deliveredItemIds, status: done && t.status === 'queued' ? 'sent' : t.status };
      });
    },
    async onFailed(item, error) {
      if (!item.taskId) return;
      await updateTask(item.taskId, (t) => (t.status === 'queued' ? { ...t, status: 'failed', error } : undefined));
    },
    async onTaskSkipped(taskId, error) {
      await updateTask(taskId, (t) => (t.status === 'queued' ? { ...t, status: 'failed', error: `the flow could not be started: ${error}` } : undefined));
    },
    async onTaskTurn(taskId, count) {
      await updateTask(taskId, (t) => {
        if (t.status !== 'queued') return undefined;
        const items = (t.directItems ?? 0) + count;
        // Replies may already have been delivered before this turn was reported.
        const done = (t.delivered ?? 0) >= items;
        return { ...t, items, status: done ? 'sent' : t.status };
      });
    },
    async deliverCallback(item) {
      const body = item.message.kind === 'text' ? item.message.text : '{}';
      let res;
      try {
        res = await deps.http.request({
          method: 'POST',
          url: item.to,
          headers: { 'content-type': 'application/json', 'x-parley-signature': signCallback(body, callbackSecret) },
          body,
        });
      } catch (err) {
        throw new SendError(`callback to ${item.to} failed: ${(err as Error).message}`, { retryable: true, cause: err });
      }
      if (res.status >= 300) {
        throw new SendError(`callback receiver answered ${res.status}`, { status: res.status, retryable: true });
      }
      return { messageIds: [] };
    },
  };
}

/** The public shape of a task. */
export function taskResult(t: TaskRecord) {
  return {
    task_id: t.id,
    status: t.status,
    platform: t.platform,
    to: t.to,
    ...(t.messageIds && t.messageIds.length > 0 ? { message_ids: t.messageIds } : {}),
    ...(t.error ? { error: t.error } : {}),
  };
}
