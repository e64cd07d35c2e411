/**
 * What the hot-reload suites work on, opened once per suite: the Telegram stand-in, a copy of
 * the example flows the test may edit, and a temp folder for the database and files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { copyExampleFlows, type FlowsFolder } from './flows-folder.js';
import { startTelegramApi, type TelegramApi, type TelegramApiOptions } from './stand-ins/telegram-api.js';

/** The stand-in, the flows and the folder of one suite (set once its beforeAll ran). */
export interface ReloadBench {
  api: TelegramApi;
  flows: FlowsFolder;
  dir: string;
}

/**
 * Call inside a describe, before the suite's own hooks: opens the bench before them and,
 * since after-hooks run in reverse, removes it after the suite has stopped its server.
 */
export function reloadBench(tmpPrefix: string, api: TelegramApiOptions = {}): ReloadBench {
  const bench = {} as ReloadBench;
  beforeAll(async () => {
    bench.api = await startTelegramApi(api);
    bench.flows = copyExampleFlows();
    bench.dir = mkdtempSync(join(tmpdir(), tmpPrefix));
  });
  afterAll(async () => {
    await bench.api?.close();
    bench.flows?.remove();
    if (bench.dir) rmSync(bench.dir, { recursive: true, force: true });
  });
  return bench;
}
