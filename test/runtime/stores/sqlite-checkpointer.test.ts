import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../engine/runtime/stores/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeRound(store: ReturnType<typeof openSqliteStore>, from: number, n: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      store.commit({ key: `tg:${from + i}`, expectedRevision: 0, snapshot: { text: 'x'.repeat(500) }, flowVersion: 'v', outbox: [], timers: [] }),
    ),
  );
}

describe('openSqliteStore WAL checkpoints', () => {
  it('checkpoints from its worker, so the WAL is reused instead of growing with every commit', async () => {
    const path = join(dir, 'c.db');
    const store = openSqliteStore({ path });
    await writeRound(store, 0, 2000);
    const first = statSync(`${path}-wal`).size;
    // The worker checkpoints every second; the next writes then start the WAL over.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await writeRound(store, 10_000, 2000);
    const second = statSync(`${path}-wal`).size;
    expect(second).toBeLessThan(first * 1.3);
    await store.close();
  });
  it('closed before its worker starts, leaves everything in the database file and no WAL', async () => {
    const path = join(dir, 'early.db');
    const store = openSqliteStore({ path });
    await writeRound(store, 0, 500);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = openSqliteStore({ path });
    expect(await again.load('tg:499')).toMatchObject({ snapshot: { text: 'x'.repeat(500) } });
    await again.close();
  });
});
