/**
 * The hostile-body properties every adapter's parse must keep, as one describe block: any
 * JSON, a fixture with one part changed, a fixture with several parts changed. Each platform's
 * parse-properties test calls it with its adapter, so a fifth platform gets the same three.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import type { PlatformAdapter } from '../../../engine/types.js';
import { assertParseContract } from './check-parse.js';
import { anyBody, fixtureBodies, multiplyMutatedFixture, mutatedFixture, PROPERTY_RUNS, PROPERTY_TIMEOUT_MS } from './hostile-bodies.js';

/** Declares `<adapter>.parse on hostile bodies` for `adapter`, with its fixtures from test/fixtures/platforms. */
export function describeParseProperties(name: string, adapter: PlatformAdapter<any>): void {
  const fixtures = fixtureBodies(adapter.id);
  // parse must hold its contract before any config is read; none is given on purpose.
  const config = undefined as never;
  const bodies: [string, fc.Arbitrary<string>][] = [
    ['any JSON', anyBody],
    ['a fixture with one part changed', mutatedFixture(fixtures)],
    ['a fixture with several parts changed', multiplyMutatedFixture(fixtures)],
  ];
  describe(`${name}.parse on hostile bodies`, () => {
    it.each(bodies)('answers events of the right shape or a ParseError for %s', (_what, arbitrary) => {
      fc.assert(fc.property(arbitrary, (body) => assertParseContract(adapter, body, config)), { numRuns: PROPERTY_RUNS });
    }, PROPERTY_TIMEOUT_MS);
  });
}
