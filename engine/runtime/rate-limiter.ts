/**
 * Token buckets for outbound rates: one global bucket per platform and one per conversation.
 * Platforms throttle (some allow ~30 msg/s overall and ~1 msg/s per chat with short bursts);
 * waiting here is cheaper than being told to wait by a 429.
 */

/** Rates of one platform. */
export interface RateLimit {
  /** Messages per second across all conversations (0 = unlimited). */
  perSecond: number;
  /** Messages per second to one conversation (0 = unlimited). */
  perConversationPerSecond: number;
  /** How many messages may go out at once before the per-conversation rate applies. */
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Decides how long a send must wait; `take` reserves a token. */
export class RateLimiter {
  private readonly global = new Map<string, Bucket>();
  private readonly perConversation = new Map<string, Bucket>();

  constructor(
    private readonly limits: Record<string, RateLimit>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Milliseconds to wait before sending to `key` on `platform`; 0 means a token was taken
   * and the send may go now.
   */
  take(platform: string, key: string): number {
    const limit = this.limits[platform];
    if (!limit) return 0;
    const t = this.now();
    const g = limit.perSecond > 0 ? this.refill(this.global, platform, limit.perSecond, Math.max(1, limit.perSecond), t) : undefined;
    const c =
      limit.perConversationPerSecond > 0
        ? this.refill(this.perConversation, key, limit.perConversationPerSecond, Math.max(1, limit.burst), t)
        : undefined;
    const waitG = g && g.tokens < 1 ? ((1 - g.tokens) / limit.perSecond) * 1000 : 0;
    const waitC = c && c.tokens < 1 ? ((1 - c.tokens) / limit.perConversationPerSecond) * 1000 : 0;
    const wait = Math.ceil(Math.max(waitG, waitC));
    if (wait > 0) return wait;
    if (g) g.tokens -= 1;
    if (c) c.tokens -= 1;
    // Idle conversations should not accumulate buckets forever.
    if (this.perConversation.size > 50_000) this.perConversation.clear();
    return 0;
  }

  private refill(map: Map<string, Bucket>, id: string, rate: number, capacity: number, t: number): Bucket {
    let b = map.get(id);
    if (!b) {
      b = { tokens: capacity, updatedAt: t };
      map.set(id, b);
      return b;
    }
    b.tokens = Math.min(capacity, b.tokens + ((t - b.updatedAt) / 1000) * rate);
    b.updatedAt = t;
    return b;
  }
}

/**
 * Reads overrides like `PARLEY_RATE_TELEGRAM=30,1,3` (per second, per conversation per
 * second, burst) over the defaults.
 */
export function rateLimitsFromEnv(env: Record<string, string | undefined>, defaults: Record<string, RateLimit>): Record<string, RateLimit> {
  const out: Record<string, RateLimit> = { ...defaults };
  for (const [name, value] of Object.entries(env)) {
    const m = /^PARLEY_RATE_([A-Z0-9_]+)$/.exec(name);
    if (!m || !value) continue;
    const [perSecond, perConversationPerSecond, burst] = value.split(',').map((v) => Number(v.trim()));
    out[m[1].toLowerCase()] = {
      perSecond: perSecond || 0,
      perConversationPerSecond: perConversationPerSecond || 0,
      burst: burst || 1,
    };
  }
  return out;
}
