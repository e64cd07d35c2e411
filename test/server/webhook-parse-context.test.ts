import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../engine/server/create-app.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { InboundEvent, ParseContext, PlatformAdapter } from '../../engine/types.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { memoryNotes } from '../../engine/runtime/stores/memory-notes.js';
import type { NotePort } from '../../engine/runtime/ports/note-port.js';
import type { ConversationStore } from '../../engine/runtime/store.js';

const NOW = 1_700_000_000_000;

/** An adapter whose parse waits for a note, as Telegram's does for a hashed option id. */
function notingAdapter(seen: ParseContext[]): PlatformAdapter<object> {
  return {
    id: 'p',
    limits: { text: 100, buttons: 3, optionTitle: 20, options: 3 },
    configFromEnv: () => ({ missing: [], config: {} }),
    verify: () => ({ kind: 'accept' }),
    async parse(_req, _config, _skip, ctx = {}) {
      seen.push(ctx);
      const optionId = (await ctx.notes?.get('short')) ?? 'short';
      const user = { id: 'u' };
      return [{ platform: 'p', conversation: 'c', user, eventId: 'e1', timestamp: ctx.now?.() ?? 0, kind: 'option', optionId }];
    },
    send: async () => ({ messageIds: [] }),
  };
}

let server: Server | undefined;
afterEach(() => server?.close());

async function post(notes: NotePort | undefined): Promise<{ status: number; events: InboundEvent[]; seen: ParseContext[] }> {
  const seen: ParseContext[] = [];
  const events: InboundEvent[] = [];
  const app = createApp({
    adapters: { p: { adapter: notingAdapter(seen), config: {} } },
    ingest: async (e) => events.push(...e),
    logger: silentLogger,
    isReady: () => true,
    // A store with NotePort when notes are given; a store without it otherwise.
    store: notes
      ? Object.assign(createMemoryStore(), { putNote: notes.putNote.bind(notes), getNote: notes.getNote.bind(notes) })
      : (Object.assign(createMemoryStore(), { putNote: undefined, getNote: undefined }) as unknown as ConversationStore),
    now: () => NOW,
  });
  server = createServer(app.callback()).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/webhooks/p`, { method: 'POST', body: '{}' });
  return { status: res.status, events, seen };
}

describe('createApp webhook parse context', () => {
  it("awaits a parse that reads the platform's notes, and hands it the clock", async () => {
    const notes = memoryNotes().methods;
    await notes.putNote('p', 'short', 'a-long-option-id', NOW + 1000);
    const { status, events } = await post(notes);
    expect(status).toBe(200);
    expect(events).toEqual([expect.objectContaining({ optionId: 'a-long-option-id', timestamp: NOW })]);
  });

  it('gives parse no notes when the store keeps none', async () => {
    const { status, seen } = await post(undefined);
    expect(status).toBe(200);
    expect(seen[0]!.notes).toBeUndefined();
  });
});
