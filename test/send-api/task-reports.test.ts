/**
 * Task reporting in isolation (memory store, no HTTP): what a skipped flow start does to its
 * task. The end-to-end paths (sent, failed, callbacks, crashes) are in the other files here.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { TaskRecord } from '../../engine/runtime/store.js';
import { createTaskReports } from '../../app/send-api/task-reports.js';

function setup() {
  const store = createMemoryStore();
  let woken = 0;
  const reports = createTaskReports({
    store,
    logger: silentLogger,
    now: () => 1_000,
    wakeCallbacks: () => void woken++,
  });
  const task: TaskRecord = { id: 't1', status: 'queued', platform: 'telegram', to: '42', request: { flow: 'menu' }, callbackUrl: 'http://127.0.0.1:9/cb', createdAt: 1, updatedAt: 1 };
  return { store, reports, task, woken: () => woken };
}

describe('send-API task reports', () => {
  it('fails a task whose flow start was skipped, and queues its callback once', async () => {
    const { store, reports, task, woken } = setup();
    await store.putTask(task);
    await reports.onTaskSkipped('t1', 'flow exploded');
    await reports.onTaskSkipped('t1', 'flow exploded');
    const stored = await store.getTask('t1');
    expect(stored).toMatchObject({ status: 'failed', error: 'the flow could not be started: flow exploded' });
    const callbacks = await store.claimCallbacks(10_000, 10, 1000);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ taskId: 't1', url: 'http://127.0.0.1:9/cb', attempts: 0 });
    expect(JSON.parse(callbacks[0]!.body)).toMatchObject({ task_id: 't1', status: 'failed' });
    expect(woken()).toBe(1);
    // Callbacks are records of their own now, not outbox items.
    expect(await store.claimOutbox(10_000, 10, 1000)).toEqual([]);
  });

  it('leaves a task that already finished as it was', async () => {
    const { store, reports, task } = setup();
    await store.putTask({ ...task, status: 'sent', messageIds: ['7'] });
    await reports.onTaskSkipped('t1', 'too late');
    expect(await store.getTask('t1')).toMatchObject({ status: 'sent', messageIds: ['7'] });
  });
});
