import { describe, expect, it } from 'vitest';
import { createTranscriptWriter, REDACTED } from '../../engine/runtime/transcript-writer.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { InboundEvent } from '../../engine/types.js';

const event = (text: string): InboundEvent => ({
  kind: 'text', text, platform: 'tg', conversation: '1', user: { id: '1', name: 'Ana' }, eventId: 'e1', timestamp: 5, raw: { secret: 'body' },
});

describe('createTranscriptWriter', () => {
  it('records the input without the raw body, the replies, the version and where the turn waited', async () => {
    const store = createMemoryStore();
    const write = createTranscriptWriter({ store: store.transcripts!, logger: silentLogger, now: () => 1000 });
    const waitingAt = { format: 'parley.runner/1', botVersion: 'v1', machine: { value: {}, context: { waiting: { flow: 'club', step: 'choose', kind: 'menu' } } } };
    await write({ key: 'tg:1', input: event('hola'), version: 'v1', previous: undefined, result: { snapshot: waitingAt, messages: [{ kind: 'text', text: 'Hola!' }], timers: [], logs: [] } });
    expect(await store.transcripts!.readTranscript('tg:1', 10)).toEqual([{
      key: 'tg:1', at: 1000, version: 'v1', from: null, to: 'club.choose',
      input: { kind: 'text', text: 'hola', fields: { user: { id: '1', name: 'Ana' } } },
      replies: [{ kind: 'text', text: 'Hola!' }],
    }]);
  });

  it('keeps [sensitive] for an input and replies the runner flagged sensitive', async () => {
    const store = createMemoryStore();
    const write = createTranscriptWriter({ store: store.transcripts!, logger: silentLogger, now: () => 1000 });
    await write({
      key: 'tg:1', input: event('new:my pin 1234'), version: 'v1', previous: undefined,
      result: {
        snapshot: null, timers: [], logs: [], sensitiveInput: true, sensitiveMessages: [true, false],
        messages: [{ kind: 'text', text: 'stored my pin 1234' }, { kind: 'text', text: 'ok' }],
      },
    });
    const [turn] = await store.transcripts!.readTranscript('tg:1', 10);
    expect(turn.input).toEqual({ kind: 'text', text: REDACTED, fields: { user: { id: '1', name: 'Ana' } } });
    expect(turn.replies).toEqual([{ kind: 'text', text: REDACTED }, { kind: 'text', text: 'ok' }]);
    expect(JSON.stringify(turn)).not.toContain('1234');
  });
});
