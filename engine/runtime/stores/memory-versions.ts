/**
 * The memory store's flow-source and transcript ports (see version-store.ts). Like the rest
 * of the memory store, every call does its work before its first await and copies through
 * JSON, so callers never share objects with it.
 */
import type { ConversationKey } from '../../types.js';
import type { SourceText } from '../../flow/load-bot.js';
import type { ConversationRecord } from '../store.js';
import type { TranscriptEntry, TranscriptStore, VersionStore } from '../version-store.js';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Builds both ports over the memory store's conversations. */
export function createMemoryVersionPorts(conversations: ReadonlyMap<ConversationKey, ConversationRecord>): {
  versions: VersionStore;
  transcripts: TranscriptStore;
} {
  const sources = new Map<string, { sources: SourceText[]; storedAt: number }>();
  const turns = new Map<ConversationKey, TranscriptEntry[]>();

  const versions: VersionStore = {
    async putFlowSources(version, list, at) {
      if (!sources.has(version)) sources.set(version, { sources: copy([...list]), storedAt: at });
    },
    async getFlowSources(version) {
      const row = sources.get(version);
      return row ? copy(row.sources) : undefined;
    },
    async flowVersions() {
      return [...sources].map(([version, row]) => ({ version, storedAt: row.storedAt })).sort((a, b) => a.storedAt - b.storedAt);
    },
    async deleteFlowSources(version) {
      sources.delete(version);
    },
    async scanConversations(cursor, limit) {
      const keys = [...conversations.keys()].sort().filter((k) => cursor === undefined || k > cursor).slice(0, limit);
      const items = keys.map((key) => {
        const r = conversations.get(key)!;
        return copy({ key, flowVersion: r.flowVersion, snapshot: r.snapshot });
      });
      return { items, cursor: keys.length === limit ? keys[keys.length - 1] : undefined };
    },
  };

  const transcripts: TranscriptStore = {
    async appendTranscript(entry, retentionMs) {
      const list = (turns.get(entry.key) ?? []).filter((e) => e.at >= entry.at - retentionMs);
      list.push(copy(entry));
      turns.set(entry.key, list);
    },
    async readTranscript(key, limit) {
      return copy((turns.get(key) ?? []).slice(-limit));
    },
    async transcriptKeys(since, limit) {
      const last = (key: ConversationKey) => turns.get(key)!.at(-1)!.at;
      return [...turns.keys()].filter((k) => last(k) >= since).sort((a, b) => last(b) - last(a)).slice(0, limit);
    },
    async sweepTranscripts(before) {
      for (const [key, list] of turns) if (list.at(-1)!.at < before) turns.delete(key);
    },
  };
  return { versions, transcripts };
}
