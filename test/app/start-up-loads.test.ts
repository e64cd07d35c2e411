/**
 * What a start of the example bot loads before it answers /healthz: the libraries that are
 * only needed by some bots or settings are loaded on first use, not in every cold start
 * (bench/cold-start.ts measures the time; this pins the reason it is short).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnParley, type SpawnedParley } from '../support/spawn-parley.js';

const recorder = join(import.meta.dirname, '..', 'support', 'record-loads.ts');

/**
 * Packages and modules the example bot on SQLite, metrics off, has no use for at start.
 * (undici is preloaded a second after listening, too close to assert here without a race;
 * ajv compiles from the sources, which have no precompiled validators beside them.)
 */
const NOT_AT_START: [string, RegExp][] = [
  ['chrono-node (date answers)', /node_modules\/chrono-node\//],
  ['prom-client (metrics are off)', /node_modules\/prom-client\//],
  ['the OpenTelemetry API (prom-client)', /node_modules\/@opentelemetry\//],
  ['ioredis (the Redis store)', /node_modules\/ioredis\//],
  ['lossless-json (Viber callbacks)', /node_modules\/lossless-json\//],
  ['the memory store', /runtime\/stores\/memory-store\./],
  ['esbuild (the studio build)', /node_modules\/esbuild\//],
  ['elkjs and viz (graph layout)', /node_modules\/(elkjs|@viz-js)\//],
];

let server: SpawnedParley | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

describe('a cold start', () => {
  it('answers /healthz without loading what only some bots or settings need', async () => {
    dir = mkdtempSync(join(tmpdir(), 'parley-loads-'));
    const file = join(dir, 'loads.txt');
    server = await spawnParley(
      { PORT: '0', HOST: '127.0.0.1', PARLEY_DB: join(dir, 'parley.db'), PARLEY_SECRET_KEY: '33'.repeat(32), PARLEY_WATCH: '0', RECORD_LOADS_TO: file },
      ['--import', recorder],
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const loads = readFileSync(file, 'utf8');
    // The recorder works: what a start needs is in the list, ES modules and CommonJS alike.
    expect(loads).toMatch(/node_modules\/better-sqlite3\//);
    expect(loads).toMatch(/node_modules\/yaml\//);
    expect(loads).toMatch(/runtime\/stores\/sqlite-store\./);
    expect(NOT_AT_START.filter(([, pattern]) => pattern.test(loads)).map(([name]) => name)).toEqual([]);
  }, 30_000);
});
