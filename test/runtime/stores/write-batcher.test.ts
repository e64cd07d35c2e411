import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { batchWrites, groupWrites } from '../../../engine/runtime/stores/write-batcher.js';

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

describe('batchWrites with calls that go first', () => {
  it('writes calls made with first ahead of the others, in their own order, also past the batch limit', async () => {
    const batches: string[][] = [];
    const write = batchWrites((xs: string[]) => {
      batches.push(xs);
      return xs;
    }, 3);
    await Promise.all([write('c1'), write('c2'), write('c3'), write('a1', true), write('c4'), write('a2', true)]);
    expect(batches).toEqual([['a1', 'a2', 'c1'], ['c2', 'c3', 'c4']]);
  });
});

describe('groupWrites (one group commit for every kind of write)', () => {
  it('commits the writes of one event-loop turn in one transaction, and keeps a failing one from taking the others down', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE a (v INTEGER NOT NULL); CREATE TABLE b (v INTEGER NOT NULL UNIQUE)');
    // The real database, with its transactions counted as they start.
    let transactions = 0;
    const counting = {
      transaction: (fn: (ops: (() => unknown)[]) => unknown[]) => {
        const tx = db.transaction(fn);
        return { immediate: (ops: (() => unknown)[]) => (transactions++, tx.immediate(ops)) };
      },
    } as unknown as Database.Database;
    const write = groupWrites(counting);
    const insertA = db.prepare('INSERT INTO a (v) VALUES (?)');
    const insertB = db.prepare('INSERT INTO b (v) VALUES (?)');
    const results = await Promise.allSettled([
      write(() => insertA.run(1).changes),
      write(() => insertB.run(1).changes),
      write(() => insertB.run(1).changes), // breaks UNIQUE: fails alone
      write(() => insertA.run(2).changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT v FROM a ORDER BY v').pluck().all()).toEqual([1, 2]);
    expect(db.prepare('SELECT v FROM b').pluck().all()).toEqual([1]);
    // The group ran once together (rolled back), then each op alone: 1 + 4 transactions.
    expect(transactions).toBe(5);
    // A group without failures is one transaction for all its kinds.
    transactions = 0;
    await Promise.all([write(() => insertA.run(3)), write(() => insertB.run(3)), write(() => insertA.run(4))]);
    expect(transactions).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM a').pluck().get()).toBe(4);
    db.close();
  });
});
