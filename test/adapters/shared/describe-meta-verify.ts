/**
 * What verify must do on both Meta platforms (WhatsApp and Messenger share Meta's webhook
 * signing and GET handshake): accept Meta's signed test vector, refuse an unsigned POST and
 * answer the handshake only for the right verify token. Each platform's verify test calls it.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '../../../engine/types.js';
import cases from '../../fixtures/adapters/meta-verify.json' with { type: 'json' };

/** One Meta platform's case, from test/fixtures/adapters/meta-verify.json by platform id. */
interface MetaVerifyCase {
  /** A body and its `X-Hub-Signature-256` value with `test_app_secret`. */
  vector: { body: string; signature: string };
  /** The body an unsigned POST carries. */
  unsignedBody: string;
  /** The `hub.challenge` the handshake sends, and a verify token that is not the config's. */
  challenge: string;
  wrongToken: string;
}

/** Declares `<name>.verify` with the three Meta behaviours for `adapter` with `config`. */
export function describeMetaVerify<C extends { verifyToken: string }>(name: string, adapter: PlatformAdapter<C>, config: C): void {
  const c = (cases as Record<string, MetaVerifyCase>)[adapter.id];
  if (!c) throw new Error(`test/fixtures/adapters/meta-verify.json has no case for ${adapter.id}`);
  describe(`${name}.verify`, () => {
    it('accepts the test vector body signed with test_app_secret', () => {
      const req = { method: 'POST', headers: { 'x-hub-signature-256': c.vector.signature }, query: {}, rawBody: Buffer.from(c.vector.body) };
      expect(adapter.verify(req, config)).toEqual({ kind: 'accept' });
    });

    it('rejects an unsigned POST with 401', () => {
      const req = { method: 'POST', headers: {}, query: {}, rawBody: Buffer.from(c.unsignedBody) };
      expect(adapter.verify(req, config)).toMatchObject({ kind: 'reject', status: 401 });
    });

    it('answers the GET handshake with the challenge, and 403 for a wrong verify token', () => {
      const get = (token: string) => ({
        method: 'GET',
        headers: {},
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': c.challenge },
        rawBody: Buffer.alloc(0),
      });
      expect(adapter.verify(get(config.verifyToken), config)).toEqual({ kind: 'respond', status: 200, body: c.challenge, contentType: 'text/plain' });
      expect(adapter.verify(get(c.wrongToken), config)).toMatchObject({ kind: 'reject', status: 403 });
    });
  });
}
