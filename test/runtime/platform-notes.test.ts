import { describe, expect, it } from 'vitest';
import { ADAPTER_NOTE_LIFETIME_MS, platformNotes } from '../../engine/runtime/platform-notes.js';
import { OutboxSender } from '../../engine/runtime/outbox-sender.js';
import type { DeliveryContext } from '../../engine/runtime/outbox-delivery.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { memoryNotes } from '../../engine/runtime/stores/memory-notes.js';
import type { NotePort } from '../../engine/runtime/ports/note-port.js';

const NOW = 1_000_000;

describe('platformNotes(store, platform, now)', () => {
  it('scopes notes to the platform and keeps them for the lifetime', async () => {
    const store = memoryNotes().methods;
    let clock = NOW;
    const a = platformNotes(store, 'a', () => clock)!;
    const b = platformNotes(store, 'b', () => clock)!;
    await a.put('k', 'v');
    expect(await a.get('k')).toBe('v');
    expect(await b.get('k')).toBeUndefined();
    clock += ADAPTER_NOTE_LIFETIME_MS + 1;
    expect(await a.get('k')).toBeUndefined();
  });

  it('keeps values encrypted with the store key, and reads a note under another key as none', async () => {
    const store = memoryNotes().methods;
    const key = Buffer.alloc(32, 7);
    const notes = platformNotes(store, 'telegram', () => NOW, key)!;
    await notes.put('#h:abc', 'account:ES91 2100 0418 4502 0005 1332');
    const stored = await store.getNote('telegram', '#h:abc', NOW);
    expect(stored).toBeDefined();
    expect(stored).not.toContain('ES91');
    expect(await notes.get('#h:abc')).toBe('account:ES91 2100 0418 4502 0005 1332');
    expect(await platformNotes(store, 'telegram', () => NOW, Buffer.alloc(32, 8))!.get('#h:abc')).toBeUndefined();
  });

  it('gives no notes for a store without NotePort', () => {
    expect(platformNotes({}, 'a', () => NOW)).toBeUndefined();
  });
});

describe('OutboxSender delivery context', () => {
  async function deliverOne(withNotes: boolean): Promise<DeliveryContext> {
    const base = createMemoryStore({ now: () => NOW });
    const notes = memoryNotes().methods;
    // With notes: the test's own, to read them back. Without: a store that keeps none (one
    // written before NotePort), which the sender must tolerate.
    const store = withNotes
      ? Object.assign(base, { putNote: notes.putNote.bind(notes), getNote: notes.getNote.bind(notes) })
      : Object.assign(base, { putNote: undefined, getNote: undefined });
    const seen: DeliveryContext[] = [];
    const sender = new OutboxSender({
      store,
      logger: silentLogger,
      now: () => NOW,
      async deliver(_item, context) {
        seen.push(context);
        await context.notes?.put('key', 'value');
        return { messageIds: ['m'] };
      },
    });
    const item = { id: 'i', key: 'p:c', platform: 'p', to: 'c', message: { kind: 'text' as const, text: 't' }, seq: 1, attempts: 0, notBefore: NOW, createdAt: NOW };
    await store.enqueue([item]);
    await sender.drain();
    if (withNotes) expect(await notes.getNote('p', 'key', NOW)).toBe('value');
    return seen[0]!;
  }

  it("hands deliver the clock and the item's platform notes when the store keeps notes", async () => {
    const context = await deliverOne(true);
    expect(context.now()).toBe(NOW);
    expect(context.notes).toBeDefined();
  });

  it('hands deliver no notes when the store has none', async () => {
    expect((await deliverOne(false)).notes).toBeUndefined();
  });
});
