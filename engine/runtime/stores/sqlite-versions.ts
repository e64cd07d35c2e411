/**
 * The SQLite store's flow-source and transcript ports (see version-store.ts); their tables
 * come with schema version 6 (sqlite-schema.ts).
 */
import type { Database } from 'better-sqlite3';
import type { GroupWrite } from './write-batcher.js';
import type { SourceText } from '../../flow/load-bot.js';
import type { ConversationDigest, TranscriptEntry, TranscriptStore, VersionStore } from '../version-store.js';

/** Builds both ports over an open, migrated database. */
export function createSqliteVersionPorts(db: Database, write: GroupWrite): { versions: VersionStore; transcripts: TranscriptStore } {
  const q = {
    putSources: db.prepare('INSERT OR IGNORE INTO flow_sources (version, sources, stored_at) VALUES (?, ?, ?)'),
    getSources: db.prepare('SELECT sources FROM flow_sources WHERE version = ?').pluck(),
    versions: db.prepare('SELECT version, stored_at FROM flow_sources ORDER BY stored_at, version'),
    deleteSources: db.prepare('DELETE FROM flow_sources WHERE version = ?'),
    scan: db.prepare('SELECT key, flow_version, snapshot FROM conversations WHERE key > ? ORDER BY key LIMIT ?'),
    append: db.prepare('INSERT INTO transcripts (key, at, entry) VALUES (?, ?, ?)'),
    trim: db.prepare('DELETE FROM transcripts WHERE key = ? AND at < ?'),
    read: db.prepare('SELECT entry FROM (SELECT n, entry FROM transcripts WHERE key = ? ORDER BY n DESC LIMIT ?) ORDER BY n').pluck(),
    keys: db.prepare('SELECT key FROM transcripts GROUP BY key HAVING MAX(at) >= ? ORDER BY MAX(at) DESC LIMIT ?').pluck(),
    sweep: db.prepare('DELETE FROM transcripts WHERE key IN (SELECT key FROM transcripts GROUP BY key HAVING MAX(at) < ?)'),
  };
  // Every turn appends: the appends join the store's group commit (one write transaction
  // each was the cost that mattered), with the commits of the same event-loop turn.
  const append = ([entry, retentionMs]: [TranscriptEntry, number]) =>
    write(() => {
      q.trim.run(entry.key, entry.at - retentionMs);
      q.append.run(entry.key, entry.at, JSON.stringify(entry));
      return true;
    });

  const versions: VersionStore = {
    async putFlowSources(version, sources, at) {
      q.putSources.run(version, JSON.stringify(sources), at);
    },
    async getFlowSources(version) {
      const json = q.getSources.get(version) as string | undefined;
      return json === undefined ? undefined : (JSON.parse(json) as SourceText[]);
    },
    async flowVersions() {
      return (q.versions.all() as { version: string; stored_at: number }[]).map((r) => ({ version: r.version, storedAt: r.stored_at }));
    },
    async deleteFlowSources(version) {
      q.deleteSources.run(version);
    },
    async scanConversations(cursor, limit) {
      const rows = q.scan.all(cursor ?? '', limit) as { key: string; flow_version: string; snapshot: string }[];
      const items: ConversationDigest[] = rows.map((r) => ({ key: r.key, flowVersion: r.flow_version, snapshot: JSON.parse(r.snapshot) }));
      return { items, cursor: rows.length === limit ? rows[rows.length - 1].key : undefined };
    },
  };

  const transcripts: TranscriptStore = {
    async appendTranscript(entry, retentionMs) {
      await append([entry, retentionMs]);
    },
    async readTranscript(key, limit) {
      return (q.read.all(key, limit) as string[]).map((json) => JSON.parse(json) as TranscriptEntry);
    },
    async transcriptKeys(since, limit) {
      return q.keys.all(since, limit) as string[];
    },
    async sweepTranscripts(before) {
      q.sweep.run(before);
    },
  };
  return { versions, transcripts };
}
