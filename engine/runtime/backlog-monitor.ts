/**
 * Watches the outbox backlog per platform: its size and the age of its oldest item, for the
 * health output and the metrics, and a warning in the log while the oldest item is older
 * than a threshold (replies that old mean the platform's rate cannot keep up with the bot).
 */
import type { Logger } from './logger.js';
import type { ParleyMetrics } from './metrics.js';
import type { OutboxPort } from './ports/outbox-port.js';

/** One platform's backlog as the health output shows it. */
export interface BacklogReading {
  size: number;
  oldestAgeMs: number;
}

/** Options for {@link BacklogMonitor}. */
export interface BacklogMonitorOptions {
  /** Only the outbox of the store. */
  store: OutboxPort;
  logger: Logger;
  now?: () => number;
  metrics?: ParleyMetrics;
  /** Warn while the oldest item is older than this; default 60 s (PARLEY_BACKLOG_WARN_S). */
  warnAfterMs?: number;
  /** How often to look; default 5 s. */
  intervalMs?: number;
}

/** Periodic reader of the outbox backlog. */
export class BacklogMonitor {
  private timer?: NodeJS.Timeout;
  private last: Record<string, BacklogReading> = {};
  private readonly warnedAt = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly opts: BacklogMonitorOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Starts looking every intervalMs (the first look at once). */
  start(): void {
    const tick = () => {
      this.check().catch((err) => this.opts.logger.error({ err: String(err) }, 'outbox backlog check failed'));
    };
    tick();
    this.timer = setInterval(tick, this.opts.intervalMs ?? 5000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The last reading, by platform (platforms with an empty outbox are absent). */
  latest(): Record<string, BacklogReading> {
    return this.last;
  }

  /** Reads the backlog now, updates the gauges and warns about old items. */
  async check(): Promise<Record<string, BacklogReading>> {
    const t = this.now();
    const next: Record<string, BacklogReading> = {};
    for (const b of await this.opts.store.outboxBacklog()) next[b.platform] = { size: b.size, oldestAgeMs: Math.max(0, t - b.oldestCreatedAt) };
    const { metrics } = this.opts;
    for (const platform of new Set([...Object.keys(this.last), ...Object.keys(next)])) {
      const r = next[platform] ?? { size: 0, oldestAgeMs: 0 };
      metrics?.outboxBacklog.set({ platform }, r.size);
      metrics?.outboxOldestSeconds.set({ platform }, r.oldestAgeMs / 1000);
      this.warn(platform, r, t);
    }
    this.last = next;
    return next;
  }

  private warn(platform: string, r: BacklogReading, t: number): void {
    const limit = this.opts.warnAfterMs ?? 60_000;
    if (r.oldestAgeMs <= limit) {
      this.warnedAt.delete(platform);
      return;
    }
    // Once a minute while it lasts, not at every look.
    const last = this.warnedAt.get(platform);
    if (last !== undefined && t - last < 60_000) return;
    this.warnedAt.set(platform, t);
    this.opts.logger.warn(
      { platform, backlog: r.size, oldestAgeS: Math.round(r.oldestAgeMs / 1000), thresholdS: Math.round(limit / 1000) },
      'outbox backlog is old: replies wait longer than the threshold; the platform rate (PARLEY_RATE_<PLATFORM>) cannot keep up',
    );
  }
}
