import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { Pipeline } from '../../engine/runtime/pipeline.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { isSealed } from '../../engine/runtime/seal.js';
import { BotVersions } from '../../engine/runtime/bot-versions.js';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';
import { builtinActions } from '../../engine/runtime/runner.js';
import type { InboundEvent } from '../../engine/types.js';
import { versionOf, versionsOf } from '../support/versioned-bot.js';

const PLAIN = `
version: 1
id: club
triggers: [ { fallback: true } ]
steps:
  - say: "Hola!"
`;
// The same bot with a trigger that takes a secret: only "pin:…" texts may be sensitive.
const WITH_SECRET = `${PLAIN}  - id: keep
    say: "kept"
`.replace('triggers: [ { fallback: true } ]', () => `triggers:
  - { pattern: '^pin:(?<pin>\\d+)$', sensitive: true, goto: keep }
  - { fallback: true }`);

let n = 0;
const text = (body: string): InboundEvent => ({ kind: 'text', text: body, platform: 'test', conversation: 'u1', user: { id: 'u1' }, eventId: `e${++n}`, timestamp: 0 });

describe('which events are sealed at rest, across bot versions', () => {
  it('seals only the events a flow may treat as sensitive, on a store only this process uses', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'club.yaml': WITH_SECRET }, store);
    expect(versions.mightBeSensitive(text('hola'))).toBe(false);
    expect(versions.mightBeSensitive(text('pin:1234'))).toBe(true);
    // What the pipeline writes to the inbox: the plain text in the clear, the pin sealed.
    const pipeline = new Pipeline({ store, runner: versions, logger: silentLogger, secretKey: Buffer.alloc(32, 1), http: { request: async () => ({ status: 200, headers: {}, body: '' }) } });
    const hola = text('hola');
    const pin = text('pin:1234');
    await pipeline.ingest([hola, pin]);
    const pending = await store.pendingFor('test:u1', 10);
    expect(pending.map((e) => isSealed(e.event))).toEqual([false, true]);
    await pipeline.idle();
  });

  it('seals every event while the store keeps a version this process has not compiled', async () => {
    const store = createMemoryStore();
    // An earlier process ran a version with the secret trigger; its sources are stored.
    await versionsOf({ 'club.yaml': WITH_SECRET }, store);
    const restarted = await versionsOf({ 'club.yaml': PLAIN }, store);
    expect(restarted.mightBeSensitive(text('pin:1234'))).toBe(true);
    expect(restarted.mightBeSensitive(text('hola'))).toBe(true);
  });

  it('seals every event after a version was dropped until the stored versions are listed again', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'club.yaml': WITH_SECRET }, store);
    await versions.activate(versionOf({ 'club.yaml': PLAIN }));
    await versions.remember();
    // Both versions compiled: the old one still answers for "pin:…".
    expect(versions.mightBeSensitive(text('pin:1'))).toBe(true);
    expect(versions.mightBeSensitive(text('hola'))).toBe(false);
    versions.drop(new Set());
    expect(versions.mightBeSensitive(text('hola'))).toBe(true);
  });

  it('seals every event on a store other processes share', async () => {
    const store = createMemoryStore({ multiProcess: true });
    const loaded = versionOf({ 'club.yaml': PLAIN });
    const versions = new BotVersions(loaded, {
      actions: builtinActions(), logger: silentLogger, now: Date.now, load: (s) => loadBotFromSources(s), store: store.versions, sharedStore: true,
    });
    await versions.remember();
    expect(versions.mightBeSensitive(text('hola'))).toBe(true);
  });
});
