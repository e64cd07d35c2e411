import { describe, it } from 'vitest';
import fc from 'fast-check';
import { viberAdapter } from '../../../adapters/viber/index.js';
import { assertParseContract } from '../../support/properties/check-parse.js';
import { anyBody, fixtureBodies, multiplyMutatedFixture, mutatedFixture, PROPERTY_RUNS, PROPERTY_TIMEOUT_MS } from '../../support/properties/hostile-bodies.js';

const fixtures = fixtureBodies('viber');
const config = undefined as never;

describe('viberAdapter.parse on hostile bodies', () => {
  it('answers events of the right shape or a ParseError for any JSON', () => {
    fc.assert(fc.property(anyBody, (body) => assertParseContract(viberAdapter, body, config)), { numRuns: PROPERTY_RUNS });
  }, PROPERTY_TIMEOUT_MS);

  it('answers events of the right shape or a ParseError for a fixture with one part changed', () => {
    fc.assert(fc.property(mutatedFixture(fixtures), (body) => assertParseContract(viberAdapter, body, config)), { numRuns: PROPERTY_RUNS });
  }, PROPERTY_TIMEOUT_MS);

  it('answers events of the right shape or a ParseError for a fixture with several parts changed', () => {
    fc.assert(fc.property(multiplyMutatedFixture(fixtures), (body) => assertParseContract(viberAdapter, body, config)), { numRuns: PROPERTY_RUNS });
  }, PROPERTY_TIMEOUT_MS);
});
