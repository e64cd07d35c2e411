/**
 * Parse tests as data: test/fixtures/adapters/parse/<platform>.json lists, per test, which
 * platform webhook fixtures (test/fixtures/platforms/<platform>) parse to which events. One
 * runner serves the four platforms, so a case is a row of JSON, not another copy of a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { InboundEvent, WebhookRequest } from '../../../engine/types.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/**
 * What one fixture must parse to. `equal`: the events without `raw` equal `events`, and each
 * raw item matches the same entry of `raw` where given. `contain`: one event per entry, each
 * with at least its fields. `first`: the first event matches `events[0]` (nested fields too).
 */
interface FixtureCheck {
  fixture: string;
  check: 'equal' | 'contain' | 'first';
  events: Record<string, unknown>[];
  raw?: Record<string, unknown>[];
}

/** One former test: its title and what its fixtures parse to. */
interface ParseCase {
  title: string;
  checks: FixtureCheck[];
}

/** A POST carrying `body`, as the server hands it to parse. */
export function webhookRequest(body: string | Buffer): WebhookRequest {
  return { method: 'POST', headers: {}, query: {}, rawBody: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}

/** The request of the platform webhook fixture `name` (test/fixtures/platforms/<platform>/<name>.json). */
export function fixtureRequest(platform: string, name: string): WebhookRequest {
  return webhookRequest(readFileSync(join(FIXTURES, 'platforms', platform, `${name}.json`)));
}

/** The fields a user of the event checks: everything but the raw item. */
export function stripRaw(events: InboundEvent[]): unknown[] {
  return events.map(({ raw: _raw, ...rest }) => rest);
}

function expectCheck(events: InboundEvent[], c: FixtureCheck): void {
  if (c.check === 'first') {
    expect(events[0]).toMatchObject(c.events[0]!);
    return;
  }
  if (c.check === 'contain') {
    expect(events).toEqual(c.events.map((e) => expect.objectContaining(e)));
    return;
  }
  expect(stripRaw(events)).toEqual(c.events);
  if (c.raw) expect(events.map((e) => e.raw)).toMatchObject(c.raw);
}

/** Declares one test per case of `platform`, each parsing its fixtures with `parse`. */
export function itParsesFixtures(platform: string, parse: (req: WebhookRequest) => InboundEvent[] | Promise<InboundEvent[]>): void {
  const cases = JSON.parse(readFileSync(join(FIXTURES, 'adapters', 'parse', `${platform}.json`), 'utf8')) as ParseCase[];
  it.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    for (const check of c.checks) expectCheck(await parse(fixtureRequest(platform, check.fixture)), check);
  });
}
