/**
 * Runs a benchmark participant (a target server, the stand-in API, a measurement) in its own
 * Node process, so its memory is its own and it does not share an event loop with the load
 * generator. Children speak a tiny IPC protocol: `{ type: 'ready', url? }` once, then
 * `{ type: 'reply', id, ... }` for each `{ type, id, ... }` request the parent sends.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A forked child that has said it is ready. */
export interface BenchChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** What the child sent with `ready` (e.g. its URL). */
  readonly info: Record<string, unknown>;
  /** Sends a request and waits (bounded) for the child's reply. */
  request<T = Record<string, unknown>>(type: string, payload?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Peak resident set size of the child so far (VmHWM), in bytes. */
  peakRssBytes(): number | undefined;
  /** CPU time the child used so far, in ms. */
  cpuMs(): number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Failure of a child to start or answer, with its stderr tail for the reader. */
export class BenchChildError extends Error {
  readonly code = 'BENCH_CHILD';
}

/** Path of a file next to this module's folder (bench/…). */
export function benchPath(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

/** Reads VmHWM (peak RSS) of a live process from /proc; undefined off Linux or once it exited. */
export function readPeakRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) a live process has used so far, in ms; undefined off Linux or once
 * it exited. Read from /proc/<pid>/stat, whose fields 14 and 15 count clock ticks (100 Hz).
 */
export function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Forks `script` under tsx (every TypeScript participant runs the same way, so loader
 * overhead is the same for all) and waits up to `readyTimeoutMs` for its `ready` message.
 */
export async function forkBenchChild(
  script: string,
  options: { env?: Record<string, string | undefined>; args?: string[]; readyTimeoutMs?: number; execArgv?: string[] } = {},
): Promise<BenchChild> {
  const child = fork(script, options.args ?? [], {
    env: { ...process.env, ...options.env } as NodeJS.ProcessEnv,
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    // Children log only warnings and errors; show them, they may explain a bad number.
    process.stderr.write(chunk);
  });
  const waiting = new Map<number, (msg: Record<string, unknown>) => void>();
  let nextId = 1;
  child.on('message', (msg: Record<string, unknown>) => {
    if (msg.type === 'reply' && typeof msg.id === 'number') waiting.get(msg.id)?.(msg);
  });

  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new BenchChildError(`${script} did not become ready in ${options.readyTimeoutMs ?? 30_000} ms:\n${stderr}`));
    }, options.readyTimeoutMs ?? 30_000);
    child.on('message', (msg: Record<string, unknown>) => {
      if (msg.type === 'ready') {
        clearTimeout(timer);
        resolve(msg);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new BenchChildError(`${script} exited with ${code} before it was ready:\n${stderr}`));
    });
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return {
    process: child,
    pid: child.pid!,
    info,
    request<T>(type: string, payload: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new BenchChildError(`${script} did not answer ${type} in ${timeoutMs} ms:\n${stderr}`));
        }, timeoutMs);
        waiting.set(id, (msg) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(msg as T);
        });
        child.send({ type, id, ...payload });
      });
    },
    peakRssBytes: () => readPeakRss(child.pid!),
    cpuMs: () => readCpuMs(child.pid!),
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Child side: announces readiness and answers requests with `handler`'s result.
 * Bounded: a handler that throws answers `{ error }` instead of hanging the parent.
 */
export function serveParent(
  ready: Record<string, unknown>,
  handler: (msg: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>,
): void {
  process.on('message', (msg: Record<string, unknown>) => {
    void (async () => {
      try {
        process.send?.({ type: 'reply', id: msg.id, ...(await handler(msg)) });
      } catch (err) {
        process.send?.({ type: 'reply', id: msg.id, error: String(err) });
      }
    })();
  });
  // The parent going away (Ctrl-C, crash) must not leave servers running.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', ...ready });
}

/**
 * Child side of a benchmark target: serves `app` on a free loopback port with long keep-alive
 * (the load generator reuses connections), announces its URL and closes on SIGTERM.
 */
export async function serveTarget(app: { callback(): RequestListener }): Promise<void> {
  const server = createServer(app.callback()).listen(0, '127.0.0.1');
  await once(server, 'listening');
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  serveParent({ url: `http://127.0.0.1:${port}` }, () => ({}));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

/**
 * The environment with a database file of its own: a scenario must not start on the backlog
 * an earlier one left (a limits-off run would first send the 30,000 replies a rate-limited
 * burst queued, and a drain count would count them).
 */
export const ownDb = (env: Record<string, string | undefined>, name: string): Record<string, string | undefined> =>
  env.PARLEY_DB ? { ...env, PARLEY_DB: env.PARLEY_DB.replace(/(\.db)?$/, `-${name}.db`) } : env;
