/**
 * Hot reload cost: how long a reload takes (read the folder, validate, compile, count live
 * conversations against the new version, switch) for the example bot and for a generated
 * 1,000-step flow, and how much memory old versions hold while their conversations drain.
 *
 *   node --expose-gc --import tsx bench/reload.ts [conversations=1000] [runs=9]
 *
 * Conversations are created through the real runner in a memory store, waiting in a menu,
 * so the census reads real snapshots. Prints one line per measurement.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBot, loadBotFromSources } from '../engine/flow/load-bot.js';
import { BotVersions, compileVersion } from '../engine/runtime/bot-versions.js';
import { builtinActions } from '../engine/runtime/runner.js';
import { silentLogger } from '../engine/runtime/logger.js';
import { createMemoryStore } from '../engine/runtime/stores/memory-store.js';
import { FlowReloader } from '../app/reload/flow-reloader.js';
import { generateFlow } from './flow-compile.js';
import { median } from './stats.js';

const conversations = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 9);
const deps = { actions: builtinActions(), logger: silentLogger, now: Date.now };
const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};

/** A folder holding `files`, a registry and a reloader over it, and `n` conversations waiting after `opener`. */
async function setup(files: Record<string, string>, opener: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-reload-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const store = createMemoryStore();
  const loaded = await loadBot(dir);
  const versions = new BotVersions(compileVersion(loaded, loaded.texts, deps), { ...deps, load: (s) => loadBotFromSources(s), store: store.versions });
  await versions.remember();
  const ctx = { http: { request: async () => ({ status: 200, headers: {}, body: '' }) }, store, logger: silentLogger, now: Date.now, secretKey: Buffer.alloc(32) };
  for (let i = 0; i < conversations; i++) {
    const key = `bench:${i}`;
    const input = { kind: 'text' as const, text: opener, platform: 'bench', conversation: String(i), user: { id: String(i) }, eventId: `e${i}`, timestamp: 0 };
    const r = await versions.handle({ key, snapshot: undefined, input, actionContext: { ...ctx, conversation: key, platform: 'bench', user: input.user } });
    await store.commit({ key, expectedRevision: 0, snapshot: r.snapshot, flowVersion: r.botVersion!, outbox: [] });
  }
  const reloader = new FlowReloader({ ...deps, flowsDir: dir, versions, store: store.versions, load: (d) => loadBot(d) });
  return { dir, versions, reloader, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Median reload time over `runs` edits made by `edit(i)`. */
async function reloadTime(name: string, files: Record<string, string>, opener: string, edit: (dir: string, i: number) => void) {
  const s = await setup(files, opener);
  const samples: number[] = [];
  let pinned = 0;
  for (let i = 0; i <= runs; i++) {
    edit(s.dir, i);
    const r = await s.reloader.reload('bench');
    if (!r.ok) throw new Error(`${name}: reload refused:\n${r.report}`);
    pinned = r.impact?.pinned ?? 0;
    if (i > 0) samples.push(r.ms);
  }
  console.log(`reload ${name}: median ${median(samples).toFixed(1)} ms over ${runs} reloads (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)}), with ${conversations} live conversations in the census (${pinned} pinned at the last)`);
  s.close();
  return s;
}

/** Heap held by `k` old versions kept for pinned conversations, and after they drain. */
async function drainMemory(name: string, files: Record<string, string>, opener: string, edit: (dir: string, i: number) => void, k = 5) {
  const s = await setup(files, opener);
  const before = heapMb();
  // Switch k times without dropping: every old version stays compiled, as while each still
  // has a pinned conversation.
  for (let i = 0; i < k; i++) {
    edit(s.dir, i);
    const loaded = await loadBot(s.dir);
    await s.versions.activate(compileVersion(loaded, loaded.texts, deps));
  }
  const held = heapMb();
  const compiled = s.versions.loaded().length;
  s.versions.drop(new Set());
  const drained = heapMb();
  console.log(`memory ${name}: ${compiled} versions compiled hold ${(held - before).toFixed(1)} MB more heap than 1 (${((held - before) / k).toFixed(2)} MB per old version); after they drain and are dropped: ${(drained - before).toFixed(1)} MB more than 1${gc ? '' : ' (run with --expose-gc for exact numbers)'}`);
  s.close();
}

const shipped = join(import.meta.dirname, '..', 'flows');
const example = Object.fromEntries(readdirSync(shipped).filter((n) => n.endsWith('.yaml')).map((n) => [n, readFileSync(join(shipped, n), 'utf8')]));
// An edit that keeps the menu unchanged (the pool reply), numbered so each run is a new version.
const editExample = (dir: string, i: number) => {
  const file = join(dir, 'club-menu.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/La pileta abre[^"]*/, `La pileta abre (edición ${i}).`));
};
const big = { 'big.yaml': generateFlow(1000) };
// The first step's text changes: every other step, the menus included, stays the same.
const editBig = (dir: string, i: number) => {
  const file = join(dir, 'big.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/Paso 0:[^"]*/, `Paso 0: edición ${i}`));
};

console.log(`node ${process.version}, ${conversations} conversations, ${runs} reloads per row`);
await reloadTime('example bot (5 files)', example, 'hola', editExample);
await reloadTime('1,000-step flow', big, 'hola', editBig);
await drainMemory('example bot', example, 'hola', editExample);
await drainMemory('1,000-step flow', big, 'hola', editBig);
