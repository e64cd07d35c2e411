import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../engine/runtime/pipeline.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { BotVersions } from '../../engine/runtime/bot-versions.js';
import type { ConversationStore } from '../../engine/runtime/store.js';
import type { InboundEvent } from '../../engine/types.js';
import { versionOf, versionsOf } from '../support/versioned-bot.js';

const MENU = (opts: { pool?: string; poolTitle?: string; hello?: string } = {}) => `
version: 1
id: club
triggers: [ { fallback: true } ]
steps:
  - say: "${opts.hello ?? 'Hola!'}"
  - id: choose
    menu:
      text: "Elige:"
      options:
        - { id: pool, title: ${opts.poolTitle ?? 'Pileta'}, next: pool }
        - { id: tennis, title: Tenis, next: tennis }
  - id: pool
    say: "${opts.pool ?? 'Pileta: 9 a 20 h.'}"
    next: end
  - id: tennis
    say: "Tenis: 8 a 22 h."
`;

let n = 0;
const press = (user: string, option: string): InboundEvent => ({
  kind: 'option', optionId: option, platform: 'test', conversation: user, user: { id: user }, eventId: `e${++n}`, timestamp: 0,
});
const text = (user: string, body: string): InboundEvent => ({
  kind: 'text', text: body, platform: 'test', conversation: user, user: { id: user }, eventId: `e${++n}`, timestamp: 0,
});

function harness(store: ConversationStore, versions: BotVersions) {
  const pipeline = new Pipeline({
    store, runner: versions, logger: silentLogger, secretKey: Buffer.alloc(32, 1),
    http: { request: async () => ({ status: 200, headers: {}, body: '' }) },
  });
  const said = async (...events: InboundEvent[]) => {
    await pipeline.ingest(events);
    await pipeline.idle();
    const items = await store.claimOutbox(Number.MAX_SAFE_INTEGER, 10_000, 0);
    for (const i of items) await store.markSent(i.id);
    return items.map((i) => (i.message.kind === 'text' || i.message.kind === 'options' ? i.message.text : i.message.kind));
  };
  return { pipeline, said };
}

describe('BotVersions', () => {
  it('moves a conversation waiting in an unchanged menu to the new version at its next press', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'club.yaml': MENU() }, store);
    const { said } = harness(store, versions);
    expect(await said(text('u1', 'hola'))).toEqual(['Hola!', 'Elige:']);
    const v1 = versions.current().version;
    await versions.activate(versionOf({ 'club.yaml': MENU({ pool: 'Pileta NUEVA.' }) }));
    expect(await said(press('u1', 'pool'))).toEqual(['Pileta NUEVA.']);
    expect((await store.load('test:u1'))!.flowVersion).toBe(versions.current().version);
    expect(versions.current().version).not.toBe(v1);
  });

  it('finishes a changed menu on its own version, then moves at the next event', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'club.yaml': MENU() }, store);
    const { said } = harness(store, versions);
    await said(text('u2', 'hola'));
    const v1 = versions.current().version;
    await versions.activate(versionOf({ 'club.yaml': MENU({ pool: 'Pileta NUEVA.', poolTitle: 'Piscina', hello: 'Hola v2' }) }));
    expect(await said(press('u2', 'pool'))).toEqual(['Pileta: 9 a 20 h.']);
    expect((await store.load('test:u2'))!.flowVersion).toBe(v1);
    // Idle now: the next message runs on the new version.
    expect(await said(text('u2', 'otra vez'))).toEqual(['Hola v2', 'Elige:']);
    expect((await store.load('test:u2'))!.flowVersion).toBe(versions.current().version);
  });

  it('compiles a pinned version from the stored sources after a restart', async () => {
    const store = createMemoryStore();
    const first = await versionsOf({ 'club.yaml': MENU() }, store);
    await harness(store, first).said(text('u3', 'hola'));
    // A new process starts on the edited flows; the menu changed, so u3 stays pinned.
    const restarted = await versionsOf({ 'club.yaml': MENU({ poolTitle: 'Piscina', pool: 'Piscina NUEVA.' }) }, store);
    expect(restarted.loaded()).toHaveLength(1);
    expect(await harness(store, restarted).said(press('u3', 'pool'))).toEqual(['Pileta: 9 a 20 h.']);
    expect(restarted.loaded()).toHaveLength(2);
  });

  it('follows a renamed step with migrate:, and stays pinned to a renamed step without it', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'club.yaml': MENU() }, store);
    const { said } = harness(store, versions);
    await said(text('r1', 'hola'), text('r2', 'hola'));
    const renamed = MENU({ pool: 'Pileta renombrada.' }).replace('id: choose', 'id: pick');
    await versions.activate(versionOf({ 'club.yaml': renamed }));
    expect(await said(press('r1', 'pool'))).toEqual(['Pileta: 9 a 20 h.']);
    await versions.activate(versionOf({ 'club.yaml': `${renamed}migrate: { choose: pick }\n` }));
    expect(await said(press('r2', 'pool'))).toEqual(['Pileta renombrada.']);
    expect((await store.load('test:r2'))!.flowVersion).toBe(versions.current().version);
  });

  it('refuses a migrate: target that is no step of the flow', () => {
    expect(() => versionOf({ 'club.yaml': `${MENU()}migrate: { choose: pik }\n` })).toThrow(/UNKNOWN_STEP_TARGET `migrate:` moves conversations from `choose` to `pik`/);
  });

  it('drops compiled versions no conversation uses, never the current one', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'club.yaml': MENU() }, store);
    const v1 = versions.current().version;
    await versions.activate(versionOf({ 'club.yaml': MENU({ hello: 'v2' }) }));
    expect(versions.drop(new Set([v1]))).toEqual([]);
    expect(versions.drop(new Set())).toEqual([v1]);
    expect(versions.loaded()).toEqual([versions.current().version]);
  });

  it('loses no event and never mixes versions inside a turn when a reload lands in a burst', async () => {
    const store = createMemoryStore();
    const versions = await versionsOf({ 'club.yaml': MENU() }, store);
    const { pipeline, said } = harness(store, versions);
    const users = Array.from({ length: 40 }, (_, i) => `b${i}`);
    const burst = pipeline.ingest(users.map((u) => text(u, 'hola')));
    // The switch lands while the burst's turns are being scheduled and run.
    await new Promise((r) => setImmediate(r));
    await versions.activate(versionOf({ 'club.yaml': MENU({ hello: 'Hola v2' }).replace('"Elige:"', '"Elige v2:"') }));
    await burst;
    const replies = await said();
    expect(replies).toHaveLength(users.length * 2);
    for (let i = 0; i < replies.length; i += 2) {
      expect([['Hola!', 'Elige:'], ['Hola v2', 'Elige v2:']]).toContainEqual(replies.slice(i, i + 2));
    }
  });
});
