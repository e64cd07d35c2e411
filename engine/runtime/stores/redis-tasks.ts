/**
 * Send-API tasks in Redis: one hash per task, `<prefix>task:<id>`, the counting fields in
 * fields of their own and the rest of the record as JSON in `data`. Tasks written before
 * that layout are JSON in the `<prefix>tasks` hash (with `countedItems` for
 * deliveredItemIds); they are still read, and a put moves the task to its own hash.
 */
import type { Redis } from 'ioredis';
import type { TaskPort, TaskRecord } from '../ports/task-port.js';

/** A task from the old layout: everything in one JSON value. */
function fromLegacy(json: string): TaskRecord {
  const { countedItems, callbackAttempts: _a, callbackDone: _d, ...task } = JSON.parse(json) as TaskRecord & {
    countedItems?: string[]; callbackAttempts?: number; callbackDone?: boolean;
  };
  return countedItems === undefined ? task : { ...task, deliveredItemIds: countedItems };
}

/** The task methods over `redis` under prefix `p`. */
export function redisTasks(redis: Redis, p: string): TaskPort {
  const taskKey = (id: string) => `${p}task:${id}`;
  return {
    async putTask(task) {
      const { items, directItems, deliveredItemIds, callbackQueued, ...rest } = task;
      const fields: Record<string, string | number> = { data: JSON.stringify(rest) };
      if (items !== undefined) fields.items = items;
      if (directItems !== undefined) fields.directItems = directItems;
      if (deliveredItemIds !== undefined) fields.deliveredItemIds = JSON.stringify(deliveredItemIds);
      if (callbackQueued) fields.callbackQueued = 1;
      // One transaction: a put replaces the whole record, and the old layout's copy goes.
      await redis.multi().del(taskKey(task.id)).hset(taskKey(task.id), fields).hdel(`${p}tasks`, task.id).exec();
    },
    async getTask(id) {
      const h = await redis.hgetall(taskKey(id));
      if (h.data === undefined) {
        const legacy = await redis.hget(`${p}tasks`, id);
        return legacy === null ? undefined : fromLegacy(legacy);
      }
      const task = JSON.parse(h.data) as TaskRecord;
      if (h.items !== undefined) task.items = Number(h.items);
      if (h.directItems !== undefined) task.directItems = Number(h.directItems);
      if (h.deliveredItemIds !== undefined) task.deliveredItemIds = JSON.parse(h.deliveredItemIds) as string[];
      if (h.callbackQueued === '1') task.callbackQueued = true;
      return task;
    },
  };
}
