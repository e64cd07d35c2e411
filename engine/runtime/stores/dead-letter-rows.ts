/**
 * The dead-letter half of each store, kept apart so the stores' main files stay small: a
 * bounded list of skipped webhook items (where and why), newest first.
 */
import type { Database } from 'better-sqlite3';
import type { Redis } from 'ioredis';
import {
  DEAD_LETTERS_KEPT,
  DEAD_LETTER_EVENT_ID_MAX,
  DEAD_LETTER_REASON_MAX,
  type DeadLetter,
  type DeadLetterPort,
} from '../ports/dead-letter-port.js';

/** The letter as stored: reason and event id cut to their maximum, no absent fields. */
export function boundedLetter(letter: DeadLetter): DeadLetter {
  const { platform, at, eventId } = letter;
  const id = eventId === undefined ? {} : { eventId: eventId.slice(0, DEAD_LETTER_EVENT_ID_MAX) };
  return { platform: platform.slice(0, 64), reason: letter.reason.slice(0, DEAD_LETTER_REASON_MAX), at, ...id };
}

/** In memory, for tests. */
export function memoryDeadLetters(kept = DEAD_LETTERS_KEPT): DeadLetterPort {
  const letters: DeadLetter[] = [];
  return {
    async addDeadLetters(added) {
      letters.unshift(...added.map(boundedLetter).reverse());
      letters.length = Math.min(letters.length, kept);
    },
    async deadLetters(limit) {
      return letters.slice(0, Math.max(0, limit)).map((l) => ({ ...l }));
    },
  };
}

/** In the `dead_letters` table (schema v6). Insert and trim are one transaction. */
export function sqliteDeadLetters(db: Database, kept = DEAD_LETTERS_KEPT): DeadLetterPort {
  const insert = db.prepare('INSERT INTO dead_letters (platform, reason, event_id, at) VALUES (@platform, @reason, @eventId, @at)');
  // Rows are numbered in insertion order, so everything below the kept-th newest goes.
  const trim = db.prepare('DELETE FROM dead_letters WHERE n <= (SELECT MAX(n) FROM dead_letters) - ?');
  const newest = db.prepare('SELECT platform, reason, event_id, at FROM dead_letters ORDER BY n DESC LIMIT ?');
  const add = db.transaction((letters: DeadLetter[]) => {
    for (const l of letters) insert.run({ ...boundedLetter(l), eventId: l.eventId ?? null });
    trim.run(kept);
  });
  return {
    async addDeadLetters(letters) {
      if (letters.length > 0) add.immediate(letters);
    },
    async deadLetters(limit) {
      const rows = newest.all(Math.max(0, limit)) as { platform: string; reason: string; event_id: string | null; at: number }[];
      return rows.map((r) => boundedLetter({ platform: r.platform, reason: r.reason, at: r.at, ...(r.event_id === null ? {} : { eventId: r.event_id }) }));
    },
  };
}

/** In the Redis list `<prefix>deadletters`, newest first; push and trim are one MULTI. */
export function redisDeadLetters(redis: Redis, prefix: string, kept = DEAD_LETTERS_KEPT): DeadLetterPort {
  const key = `${prefix}deadletters`;
  return {
    async addDeadLetters(letters) {
      if (letters.length === 0) return;
      await redis
        .multi()
        .lpush(key, ...letters.map((l) => JSON.stringify(boundedLetter(l))))
        .ltrim(key, 0, kept - 1)
        .exec();
    },
    async deadLetters(limit) {
      if (limit <= 0) return [];
      return (await redis.lrange(key, 0, limit - 1)).map((row) => JSON.parse(row) as DeadLetter);
    },
  };
}
