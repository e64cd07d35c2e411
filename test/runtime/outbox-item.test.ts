import { describe, expect, it } from 'vitest';
import { outboxItem } from '../../engine/runtime/outbox-item.js';

describe('outboxItem', () => {
  const fields = { key: 'test:c1', platform: 'test', to: 'c1', message: { kind: 'text' as const, text: 'hi' }, seq: 3 };

  it('starts with no attempts, due and created at now', () => {
    const item = outboxItem(fields, 1000);
    expect(item).toEqual({ ...fields, id: item.id, attempts: 0, notBefore: 1000, createdAt: 1000 });
    expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a given id and optional fields', () => {
    expect(outboxItem({ ...fields, id: 'fixed', taskId: 't1', taskItems: 2, proactive: true }, 5)).toMatchObject({ id: 'fixed', taskId: 't1', taskItems: 2, proactive: true });
  });

  it('gives a new id to each item', () => {
    expect(outboxItem(fields, 1).id).not.toBe(outboxItem(fields, 1).id);
  });
});
