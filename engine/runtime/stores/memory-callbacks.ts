/** Send-API callbacks in memory: records by task id. */
import type { CallbackPort, CallbackRecord } from '../ports/callback-port.js';
import { copy } from './memory-copy.js';

/** The callback methods over a fresh, empty map. */
export function memoryCallbacks(): CallbackPort {
  const callbacks = new Map<string, CallbackRecord>();
  const update = (taskId: string, change: Partial<CallbackRecord>) => {
    const cb = callbacks.get(taskId);
    if (cb) Object.assign(cb, change);
  };
  return {
    async putCallback(callback) {
      if (callbacks.has(callback.taskId)) return false;
      callbacks.set(callback.taskId, { ...copy(callback), attempts: 0, state: 'pending' });
      return true;
    },
    async claimCallbacks(at, limit, leaseMs) {
      const due = [...callbacks.values()]
        .filter((c) => c.state === 'pending' && c.notBefore <= at)
        .sort((a, b) => a.notBefore - b.notBefore || a.createdAt - b.createdAt)
        .slice(0, Math.max(0, limit));
      for (const cb of due) cb.notBefore = at + leaseMs;
      return due.map(copy);
    },
    async callbackDone(taskId) {
      update(taskId, { state: 'done' });
    },
    async rescheduleCallback(taskId, notBefore, attempts, error) {
      if (callbacks.get(taskId)?.state === 'pending') update(taskId, { notBefore, attempts, lastError: error });
    },
    async callbackFailed(taskId, attempts, error) {
      update(taskId, { state: 'failed', attempts, lastError: error });
    },
    async getCallback(taskId) {
      return copy(callbacks.get(taskId));
    },
  };
}
