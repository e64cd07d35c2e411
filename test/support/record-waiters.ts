/**
 * Waiting on what a loopback test server recorded: the stand-in platform APIs and the
 * send-API callback receiver both keep a list of requests and let tests wait until it
 * satisfies a predicate. One implementation serves both.
 */
import type { Server } from 'node:http';

/** Waiters over a growing list of records. */
export interface RecordWaiters<T> {
  /** Call after each new record: wakes every waiter whose predicate now holds. */
  notify(): void;
  /**
   * Resolves with the list once `predicate` holds (checked now and after every record);
   * rejects after `timeoutMs` with `label` and what was recorded, described by `describe`.
   */
  waitFor(predicate: (records: T[]) => boolean, timeoutMs: number, label: string, describe: (records: T[]) => string): Promise<T[]>;
}

/** Creates the waiters over `records()` (a getter, since the list may be replaced on reset). */
export function recordWaiters<T>(records: () => T[]): RecordWaiters<T> {
  const waiters = new Set<() => void>();
  return {
    notify() {
      for (const wake of [...waiters]) wake();
    },
    waitFor(predicate, timeoutMs, label, describe) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(records())) return;
          cleanup();
          resolve(records());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${label}: condition not met within ${timeoutMs} ms; ${describe(records())}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Closes a test server at once, dropping kept-alive connections. */
export function closeNow(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}
