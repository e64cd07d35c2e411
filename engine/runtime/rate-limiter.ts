/**
 * Token buckets for outbound rates: one bucket per platform and one per conversation.
 * Platforms throttle (some allow ~30 msg/s overall and ~1 msg/s per chat with short bursts);
 * waiting here is cheaper than being told to wait by a 429. The platform bucket may live in a
 * store several processes share (SharedBucket), so together they keep the platform's rate.
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

/**
 * A token bucket other processes share (ConversationStore.takeToken): takes one token and
 * resolves 0, or resolves the milliseconds until one is due.
 */
export type SharedBucket = (bucket: string, perSecond: number, capacity: number, now: number) => Promise<number>;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Decides how long a send must wait and takes its tokens. */
export class RateLimiter {
  private readonly global = new Map<string, Bucket>();
  private readonly perConversation = new Map<string, Bucket>();

  constructor(
    private readonly limits: Record<string, RateLimit>,
    private readonly now: () => number = Date.now,
    /** Where the platform buckets live when several processes send; default this process. */
    private readonly shared?: SharedBucket,
  ) {}

  /** The platforms that have a limit. */
  platforms(): string[] {
    return Object.keys(this.limits);
  }

  /** Messages per second the platform allows in all (0 = unlimited). */
  platformRate(platform: string): number {
    return this.limits[platform]?.perSecond ?? 0;
  }

  /** Milliseconds until `key` may be sent to again (its own bucket); takes nothing. */
  conversationWait(platform: string, key: string): number {
    const limit = this.limits[platform];
    if (!limit || limit.perConversationPerSecond <= 0) return 0;
    const c = this.refill(this.perConversation, key, limit.perConversationPerSecond, Math.max(1, limit.burst), this.now());
    return c.tokens >= 1 ? 0 : Math.ceil(((1 - c.tokens) / limit.perConversationPerSecond) * 1000);
  }

  /**
   * Takes a platform token: 0 means taken, more is the milliseconds until one is due. A
   * promise only when the bucket is shared.
   */
  takePlatform(platform: string): number | Promise<number> {
    const limit = this.limits[platform];
    if (!limit || limit.perSecond <= 0) return 0;
    const capacity = Math.max(1, limit.perSecond);
    if (this.shared) return this.shared(`rate:${platform}`, limit.perSecond, capacity, this.now());
    const g = this.refill(this.global, platform, limit.perSecond, capacity, this.now());
    if (g.tokens < 1) return Math.ceil(((1 - g.tokens) / limit.perSecond) * 1000);
    g.tokens -= 1;
    return 0;
  }

  /** Takes the conversation's token (after conversationWait said 0). */
  takeConversation(platform: string, key: string): void {
    const limit = this.limits[platform];
    if (!limit || limit.perConversationPerSecond <= 0) return;
    const c = this.refill(this.perConversation, key, limit.perConversationPerSecond, Math.max(1, limit.burst), this.now());
    c.tokens -= 1;
    // Idle conversations should not accumulate buckets forever.
    if (this.perConversation.size > 50_000) this.perConversation.clear();
  }

  private refill(map: Map<string, Bucket>, id: string, rate: number, capacity: number, t: number): Bucket {
    let b = map.get(id);
    if (!b) {
      b = { tokens: capacity, updatedAt: t };
      map.set(id, b);
      return b;
    }
    if (t > b.updatedAt) {
      b.tokens = Math.min(capacity, b.tokens + ((t - b.updatedAt) / 1000) * rate);
      b.updatedAt = t;
    }
    return b;
  }
}
