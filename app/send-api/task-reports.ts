/**
 * What happens to a send-API task after it is accepted: its outbox items report delivery or
 * failure, the task's status follows, and the result goes to the callback URL through the
 * outbox (so callbacks are durable and retried like replies), signed with HMAC-SHA256.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { SendError } from '../../engine/errors.js';
import type { ConversationStore, OutboxItem, TaskRecord } from '../../engine/runtime/store.js';
import type { HttpClient, SendResult } from '../../engine/types.js';
import type { Logger } from '../../engine/runtime/logger.js';

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
}

/**
 * The task as this module stores it. `items` is how many outbox items make the task "sent":
 * kept on the task itself because not every store keeps an outbox item's `taskItems` (the
 * SQLite outbox has no column for it), and every store round-trips the task as JSON.
 */
export interface SendTask extends TaskRecord {
  items?: number;
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

  /** Task updates of one task run one after another, so counters are not lost. */
  const updateTask = (id: string, change: (t: SendTask) => SendTask | undefined): Promise<void> => {
    const run = (chains.get(id) ?? Promise.resolve()).then(async () => {
      const task = (await deps.store.getTask(id)) as SendTask | undefined;
      if (!task) return;
      const next = change(task);
      if (!next) return;
      await deps.store.putTask({ ...next, updatedAt: deps.now() });
      if (next.status !== 'queued' && task.status === 'queued' && next.callbackUrl) await queueCallback(next);
    });
    const settled = run.catch((err) => deps.logger.error({ err: String(err), task: id }, 'task update failed'));
    chains.set(id, settled);
    void settled.finally(() => chains.get(id) === settled && chains.delete(id));
    return settled;
  };

  const queueCallback = async (task: TaskRecord) => {
    const now = deps.now();
    await deps.store.enqueue([
      {
        id: randomUUID(),
        key: `${CALLBACK_CHANNEL}:${task.id}`,
        platform: CALLBACK_CHANNEL,
        to: task.callbackUrl!,
        message: { kind: 'text', text: JSON.stringify(taskResult(task)) },
        seq: 0,
        attempts: 0,
        notBefore: now,
        createdAt: now,
      },
    ]);
    deps.wake();
  };

  return {
    async onDelivered(item, result) {
      if (!item.taskId) return;
      await updateTask(item.taskId, (t) => {
        const delivered = (t.delivered ?? 0) + 1;
        const messageIds = [...(t.messageIds ?? []), ...result.messageIds];
        const expected = t.items ?? item.taskItems;
        // Unknown count: a flow whose turn has not been reported yet; onTaskTurn finishes it.
        const done = expected !== undefined && delivered >= expected;
        return { ...t, delivered, messageIds, status: done && t.status === 'queued' ? 'sent' : t.status };
      });
    },
    async onFailed(item, error) {
      if (!item.taskId) return;
      await updateTask(item.taskId, (t) => (t.status === 'queued' ? { ...t, status: 'failed', error } : undefined));
    },
    async onTaskTurn(taskId, count) {
      await updateTask(taskId, (t) => {
        if (t.status !== 'queued') return undefined;
        // Replies may already have been delivered before this turn was reported.
        const done = (t.delivered ?? 0) >= count;
        return { ...t, items: count, status: done ? 'sent' : t.status };
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
