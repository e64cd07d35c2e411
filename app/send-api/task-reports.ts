/**
 * What happens to a send-API task after it is accepted: its outbox items report delivery or
 * failure, the task's status follows, and once it is final its result is stored as the
 * task's callback record (CallbackPort), which the callback sender (callback-sender.ts)
 * posts, signed and retried.
 *
 * Crash safety: the outbox sender reports an item before it forgets it, so a crash between the
 * two re-sends the item and reports it again. Reports are therefore idempotent per outbox item
 * id, and every report re-checks that a finished task's callback was stored (a second put of
 * a task's callback changes nothing).
 */
import type { Logger } from '../../engine/runtime/logger.js';
import type { CallbackPort, OutboxItem, TaskPort, TaskRecord } from '../../engine/runtime/store.js';
import type { SendResult } from '../../engine/types.js';

export { signCallback } from './callback-sender.js';

/** Hooks the outbox sender and the pipeline call for task items. */
export interface SendApiHooks {
  onDelivered(item: OutboxItem, result: SendResult): Promise<void>;
  onFailed(item: OutboxItem, error: string): Promise<void>;
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
  store: TaskPort & CallbackPort;
  logger: Logger;
  now(): number;
  /** Tells the callback sender a callback is due. */
  wakeCallbacks(): void;
}

/** Builds the hooks the outbox sender and the pipeline call for task items. */
export function createTaskReports(deps: TaskReportDeps): SendApiHooks {
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
    // One record per task: storing it again after a crash leaves the first one as it is.
    await deps.store.putCallback({ taskId: task.id, url: task.callbackUrl!, body: JSON.stringify(taskResult(task)), notBefore: now, createdAt: now });
    deps.wakeCallbacks();
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
