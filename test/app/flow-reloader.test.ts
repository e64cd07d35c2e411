import { describe, expect, it } from 'vitest';
import { loadBotFromSources, type LoadResult } from '../../engine/flow/load-bot.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { FlowReloader } from '../../app/reload/flow-reloader.js';
import { builtinActions } from '../../engine/runtime/runner.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { versionsOf } from '../support/versioned-bot.js';

const flow = (text: string) => `version: 1\nid: main\ntriggers: [ { fallback: true } ]\nsteps:\n  - say: "${text}"\n`;

describe('FlowReloader', () => {
  it('runs a request made during a reload once more after it, on the files as they are then', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'main.yaml': flow('one') }, store);
    let disk = flow('two');
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = async (): Promise<LoadResult> => {
      reads++;
      const text = disk;
      if (reads === 1) await gate;
      return loadBotFromSources([{ file: 'main.yaml', text }]);
    };
    const reloader = new FlowReloader({ actions: builtinActions(), logger: silentLogger, now: Date.now, flowsDir: 'x', versions, store: store.versions, load });
    const first = reloader.reload('watch');
    disk = flow('three');
    const second = reloader.reload('watch');
    const third = reloader.reload('watch');
    release();
    await first;
    expect(await second).toBe(await third);
    expect(reads).toBe(2);
    expect(versions.current().bot.flows[0].steps[0]).toEqual({ say: 'three' });
  });

  it('refuses a set with errors, keeps the running version, and tells subscribers', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'main.yaml': flow('one') }, store);
    const serving = versions.current().version;
    const reloader = new FlowReloader({
      actions: builtinActions(), logger: silentLogger, now: Date.now, flowsDir: 'x', versions, store: store.versions,
      load: async () => loadBotFromSources([{ file: 'main.yaml', text: 'version: 1\nid: main\nsteps:\n  - goto: nowhere\n' }]),
    });
    const seen: boolean[] = [];
    reloader.subscribe((r) => seen.push(r.ok));
    const r = await reloader.reload('SIGHUP');
    expect(r).toMatchObject({ ok: false, version: serving, errors: 1 });
    expect(r.report).toMatch(/main\.yaml:4:\d+ error UNKNOWN_STEP_TARGET/);
    expect(versions.current().version).toBe(serving);
    expect(seen).toEqual([false]);
    expect(reloader.lastResult()).toBe(r);
  });
});
