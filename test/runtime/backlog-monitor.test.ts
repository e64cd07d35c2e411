import { describe, expect, it } from 'vitest';
import { BacklogMonitor } from '../../engine/runtime/backlog-monitor.js';
import { createMetrics } from '../../engine/runtime/metrics.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { OutboxItem } from '../../engine/runtime/store.js';

function collectingLogger() {
  const warnings: { obj: object; msg?: string }[] = [];
  const logger: Logger = {
    info() {},
    debug() {},
    error() {},
    warn(obj, msg) {
      warnings.push({ obj, msg });
    },
    child: () => logger,
  };
  return { logger, warnings };
}

function item(id: string, platform: string, createdAt: number): OutboxItem {
  return { id, key: `${platform}:${id}`, platform, to: id, message: { kind: 'text', text: id }, seq: 0, attempts: 0, notBefore: 0, createdAt };
}

describe('BacklogMonitor', () => {
  it('reports size and oldest age per platform, in its reading and its gauges', async () => {
    let t = 100_000;
    const store = createMemoryStore({ now: () => t });
    await store.enqueue([item('a', 'telegram', 90_000), item('b', 'telegram', 95_000), item('c', 'viber', 99_000)]);
    const metrics = createMetrics(undefined, { defaults: false });
    const { logger } = collectingLogger();
    const monitor = new BacklogMonitor({ store, logger, now: () => t, metrics });
    expect(await monitor.check()).toEqual({ telegram: { size: 2, oldestAgeMs: 10_000 }, viber: { size: 1, oldestAgeMs: 1_000 } });
    const text = await metrics.registry.metrics();
    expect(text).toContain('parley_outbox_backlog{platform="telegram"} 2');
    expect(text).toContain('parley_outbox_oldest_seconds{platform="telegram"} 10');
    // A platform whose outbox emptied goes back to 0 rather than keeping its last value.
    await store.markSent('c');
    t += 1000;
    await monitor.check();
    expect(await metrics.registry.metrics()).toContain('parley_outbox_backlog{platform="viber"} 0');
    expect(monitor.latest()).toEqual({ telegram: { size: 2, oldestAgeMs: 11_000 } });
  });

  it('warns once a minute while the oldest item is older than the threshold', async () => {
    let t = 0;
    const store = createMemoryStore({ now: () => t });
    await store.enqueue([item('a', 'telegram', 0)]);
    const { logger, warnings } = collectingLogger();
    const monitor = new BacklogMonitor({ store, logger, now: () => t, warnAfterMs: 30_000 });
    t = 30_000;
    await monitor.check();
    expect(warnings).toHaveLength(0);
    t = 30_001;
    await monitor.check();
    t = 60_000;
    await monitor.check();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.obj).toMatchObject({ platform: 'telegram', backlog: 1, oldestAgeS: 30, thresholdS: 30 });
    t = 91_000;
    await monitor.check();
    expect(warnings).toHaveLength(2);
  });
});
