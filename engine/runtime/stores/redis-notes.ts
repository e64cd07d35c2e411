/**
 * Adapter notes in Redis: one string key per note, `<prefix>note:<platform>:<key>`, holding
 * the expiry and the value. The expiry in the value follows the injected clock (what getNote
 * compares); PX lets Redis drop the key by itself, so notes need no sweep.
 */
import type { Redis } from 'ioredis';
import type { NotePort } from '../ports/note-port.js';

/** The note methods over `redis` under prefix `p`. */
export function redisNotes(redis: Redis, p: string, now: () => number): NotePort {
  // The platform is encoded so a ':' in it cannot make two notes collide.
  const noteKey = (platform: string, key: string) => `${p}note:${encodeURIComponent(platform)}:${key}`;
  return {
    async putNote(platform, key, value, expiresAt) {
      const left = Math.ceil(expiresAt - now());
      // Already expired by the store's clock: replacing it with nothing is what a reader sees.
      if (left <= 0) await redis.del(noteKey(platform, key));
      else await redis.set(noteKey(platform, key), `${expiresAt}:${value}`, 'PX', left);
    },
    async getNote(platform, key, at) {
      const stored = await redis.get(noteKey(platform, key));
      if (stored === null) return undefined;
      const colon = stored.indexOf(':');
      return Number(stored.slice(0, colon)) > at ? stored.slice(colon + 1) : undefined;
    },
  };
}
