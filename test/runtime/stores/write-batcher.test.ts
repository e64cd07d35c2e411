import { describe, expect, it } from 'vitest';
import { batchWrites } from '../../../engine/runtime/stores/write-batcher.js';

describe('batchWrites', () => {
  it('writes calls made in one event-loop turn in one batch, results in order', async () => {
    const batches: number[][] = [];
    const write = batchWrites((xs: number[]) => {
      batches.push(xs);
      return xs.map((x) => x * 10);
    });
    const results = await Promise.all([write(1), write(2), write(3)]);
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await write(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('settles a caller only after its batch ran', async () => {
    let ran = false;
    const write = batchWrites((xs: string[]) => {
      ran = true;
      return xs;
    });
    const pending = write('a');
    expect(ran).toBe(false);
    await pending;
    expect(ran).toBe(true);
  });

  it('fails only the caller whose input fails alone; the others of its group are written', async () => {
    const committed: unknown[][] = [];
    // A transaction: all of its inputs are written or none. The deep array is what a webhook
    // once smuggled in as "text": JSON.stringify cannot write it.
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const write = batchWrites((xs: unknown[]) => {
      const rows = xs.map((x) => JSON.stringify(x));
      committed.push(rows);
      return rows;
    });
    const results = await Promise.allSettled([write({ text: 'hola' }), write({ text: deep }), write({ text: 'chau' })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(RangeError);
    expect(committed.flat()).toEqual(['{"text":"hola"}', '{"text":"chau"}']);
  });

  it('rejects every caller of a batch that failed, and the next batch still runs', async () => {
    let fail = true;
    const write = batchWrites((xs: number[]) => {
      if (fail) throw new Error('disk full');
      return xs;
    });
    const a = write(1);
    const b = write(2);
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    fail = false;
    expect(await write(3)).toBe(3);
  });
});

describe('batchWrites with a batch limit', () => {
  it('writes at most maxBatch calls per transaction and the rest in the next turns, in order', async () => {
    const batches: number[][] = [];
    const write = batchWrites((xs: number[]) => {
      batches.push(xs);
      return xs;
    }, 2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((x) => write(x)));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });
});
