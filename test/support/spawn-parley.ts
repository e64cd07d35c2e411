/**
 * Runs `app/main.ts` as a real child process (for kill -9 and multi-process tests) and
 * resolves with its URL once it logs that it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** A Parley server process. */
export interface SpawnedParley {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts a server process with `env` added to this process's environment; `nodeArgs` go
 * before the script, after tsx's loader.
 */
export function spawnParley(env: Record<string, string>, nodeArgs: string[] = []): Promise<SpawnedParley> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, join(root, 'app', 'main.ts')], {
      cwd: root,
      // The parent's REDIS_URL must not leak in: a child uses Redis only when the test says so.
      env: { ...process.env, LOG_LEVEL: 'info', REDIS_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    };
    child.on('exit', onExit);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:[^"]+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({
          child,
          url: m[1],
          output: () => out,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
  });
}
