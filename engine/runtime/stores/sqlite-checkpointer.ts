/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
 * commit crosses the WAL's size limit and copies the WAL into the database file there, with
 * an fsync: a stall of tens of milliseconds in the middle of a group commit, which every
 * webhook waiting to be acknowledged then waits out. So the store's own connection turns the
 * automatic checkpoint off and a worker thread with its own connection checkpoints the file
 * (PASSIVE: it never blocks the writer) every `intervalMs`.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker's code: a loop of passive checkpoints until told to stop (one last one then). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
checkpoint();
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage('closed');
});
`;

/** A running checkpointer; `stop` checkpoints once more and ends the thread. */
export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Starts checkpointing the database file at `path` from a worker thread. The thread (a Node
 * environment of its own, ~50 ms of CPU to boot) starts when the first checkpoint is due,
 * `intervalMs` after opening, so it does not compete with the server's own start-up; it
 * checkpoints at once and then every `intervalMs`, the schedule it had when started at open.
 */
export function startCheckpointer(path: string, intervalMs = 1000): Checkpointer {
  let worker: Worker | undefined;
  const start = setTimeout(() => {
    const module = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER, { eval: true, workerData: { module, path, intervalMs } });
    // Never keeps the process alive on its own.
    worker.unref();
    worker.on('error', () => {});
  }, intervalMs);
  start.unref();
  return {
    async stop() {
      clearTimeout(start);
      // Not started yet: the store closing its own (then the last) connection checkpoints.
      const running = worker;
      if (!running) return;
      const closed = new Promise<void>((resolve) => {
        running.once('message', () => resolve());
        running.once('exit', () => resolve());
      });
      running.postMessage('stop');
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      await running.terminate();
    },
  };
}
