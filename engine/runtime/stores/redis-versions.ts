/**
 * The Redis store's flow-source and transcript ports (see version-store.ts). Key layout under
 * the store's prefix:
 *   flowsrc:<version>    string   the version's sources as JSON (written once, SET NX)
 *   flowversions         zset     versions by the time they were first stored
 *   transcript:<key>     zset     a conversation's turns (JSON, with a unique id) by time
 *   transcripts          zset     conversation keys by the time of their last turn
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SourceText } from '../../flow/load-bot.js';
import type { TranscriptEntry, TranscriptStore, VersionStore } from '../version-store.js';

/** Builds both ports over a connected client. */
export function createRedisVersionPorts(redis: Redis, p: string): { versions: VersionStore; transcripts: TranscriptStore } {
  const versions: VersionStore = {
    async putFlowSources(version, sources, at) {
      await redis.multi().set(`${p}flowsrc:${version}`, JSON.stringify(sources), 'NX').zadd(`${p}flowversions`, 'NX', at, version).exec();
    },
    async getFlowSources(version) {
      const json = await redis.get(`${p}flowsrc:${version}`);
      return json === null ? undefined : (JSON.parse(json) as SourceText[]);
    },
    async flowVersions() {
      const flat = await redis.zrange(`${p}flowversions`, 0, -1, 'WITHSCORES');
      const out: { version: string; storedAt: number }[] = [];
      for (let i = 0; i < flat.length; i += 2) out.push({ version: flat[i], storedAt: Number(flat[i + 1]) });
      return out;
    },
    async deleteFlowSources(version) {
      await redis.multi().del(`${p}flowsrc:${version}`).zrem(`${p}flowversions`, version).exec();
    },
    async scanConversations(cursor, limit) {
      // COUNT is how many keys Redis looks at, matching or not: on a server shared with other
      // prefixes a small one would return mostly empty pages.
      const [next, names] = await redis.scan(cursor ?? '0', 'MATCH', `${p}conv:*`, 'COUNT', Math.max(limit, 1000));
      const batch = redis.pipeline();
      for (const name of names) batch.hmget(name, 'flowVersion', 'snapshot');
      const rows = (await batch.exec()) ?? [];
      const items = names.flatMap((name, i) => {
        const [flowVersion, snapshot] = (rows[i]?.[1] ?? []) as (string | null)[];
        if (flowVersion === null || snapshot === null) return [];
        return [{ key: name.slice(`${p}conv:`.length), flowVersion, snapshot: JSON.parse(snapshot) as unknown }];
      });
      return { items, cursor: next === '0' ? undefined : next };
    },
  };

  const transcripts: TranscriptStore = {
    async appendTranscript(entry, retentionMs) {
      const member = JSON.stringify({ id: randomUUID(), entry });
      await redis
        .multi()
        .zadd(`${p}transcript:${entry.key}`, entry.at, member)
        .zremrangebyscore(`${p}transcript:${entry.key}`, '-inf', `(${entry.at - retentionMs}`)
        .zadd(`${p}transcripts`, entry.at, entry.key)
        .exec();
    },
    async readTranscript(key, limit) {
      const members = await redis.zrange(`${p}transcript:${key}`, -limit, -1);
      return members.map((m) => (JSON.parse(m) as { entry: TranscriptEntry }).entry);
    },
    async transcriptKeys(since, limit) {
      return redis.zrevrangebyscore(`${p}transcripts`, '+inf', since, 'LIMIT', 0, limit);
    },
    async sweepTranscripts(before) {
      const idle = await redis.zrangebyscore(`${p}transcripts`, '-inf', `(${before}`, 'LIMIT', 0, 1000);
      if (idle.length === 0) return;
      const batch = redis.multi();
      for (const key of idle) batch.del(`${p}transcript:${key}`);
      batch.zrem(`${p}transcripts`, ...idle);
      await batch.exec();
    },
  };
  return { versions, transcripts };
}
