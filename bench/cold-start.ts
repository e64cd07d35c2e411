/**
 * Cold start of the example bot: from spawning the process until GET /healthz answers 200.
 * Uses the compiled build (`node dist/app/main.js`) when it exists, else tsx on the sources
 * (slower: it transpiles on load), and says which.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { firstErrorLine } from './measure-target.js';
import { median } from './stats.js';

/** Result of {@link measureColdStart}. */
export interface ColdStartResult {
  how: string;
  medianMs?: number;
  samplesMs: number[];
  error?: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(500) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Starts once and times it; bounded by `timeoutMs`. */
async function startOnce(root: string, env: Record<string, string>, useDist: boolean, timeoutMs: number): Promise<number> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'parley-cold-'));
  const args = useDist ? [join(root, 'dist/app/main.js')] : ['--import', 'tsx', join(root, 'app/main.ts')];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PARLEY_DB: join(dir, 'parley.db') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  try {
    while (performance.now() - t0 < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
      if (await healthy(`http://127.0.0.1:${port}/healthz`)) return performance.now() - t0;
      await sleep(5);
    }
    throw new Error(`no 200 from /healthz within ${timeoutMs} ms: ${stderr}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of `runs` cold starts of the example bot in `root`. */
export async function measureColdStart(root: string, env: Record<string, string>, runs = 5): Promise<ColdStartResult> {
  const useDist = existsSync(join(root, 'dist/app/main.js'));
  const how = useDist ? 'node dist/app/main.js (after npm run build), SQLite store' : 'tsx app/main.ts (no build), SQLite store';
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) samples.push(await startOnce(root, env, useDist, 15_000));
  } catch (err) {
    return { how, samplesMs: samples, error: firstErrorLine(String((err as Error).message)) };
  }
  return { how, medianMs: median(samples), samplesMs: samples };
}
