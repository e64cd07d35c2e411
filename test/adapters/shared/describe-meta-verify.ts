/**
 * What verify must do on both Meta platforms (WhatsApp and Messenger share Meta's webhook
 * signing and GET handshake): accept Meta's signed test vector, refuse an unsigned POST and
 * answer the handshake only for the right verify token. Each platform's verify test calls it.
 */
import { describe, expect, it } from 'vitest';
import type { PlatformAdapter } from '../../../engine/types.js';

/** One Meta platform's case. */
export interface MetaVerifyCase<C extends { verifyToken: string }> {
  /** How the describe block names the adapter, e.g. `whatsappAdapter`. */
  name: string;
  adapter: PlatformAdapter<C>;
  config: C;
  /** A body and its `X-Hub-Signature-256` value with `test_app_secret`. */
  vector: { body: string; signature: string };
  /** The body an unsigned POST carries. */
  unsignedBody: string;
  /** The `hub.challenge` the handshake sends, and a verify token that is not the config's. */
  challenge: string;
  wrongToken: string;
}

/** Declares `<name>.verify` with the three Meta behaviours for `c`. */
export function describeMetaVerify<C extends { verifyToken: string }>(c: MetaVerifyCase<C>): void {
  describe(`${c.name}.verify`, () => {
    it('accepts the test vector body signed with test_app_secret', () => {
      const req = { method: 'POST', headers: { 'x-hub-signature-256': c.vector.signature }, query: {}, rawBody: Buffer.from(c.vector.body) };
      expect(c.adapter.verify(req, c.config)).toEqual({ kind: 'accept' });
    });

    it('rejects an unsigned POST with 401', () => {
      const req = { method: 'POST', headers: {}, query: {}, rawBody: Buffer.from(c.unsignedBody) };
      expect(c.adapter.verify(req, c.config)).toMatchObject({ kind: 'reject', status: 401 });
    });

    it('answers the GET handshake with the challenge, and 403 for a wrong verify token', () => {
      const get = (token: string) => ({
        method: 'GET',
        headers: {},
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': c.challenge },
        rawBody: Buffer.alloc(0),
      });
      expect(c.adapter.verify(get(c.config.verifyToken), c.config)).toEqual({ kind: 'respond', status: 200, body: c.challenge, contentType: 'text/plain' });
      expect(c.adapter.verify(get(c.wrongToken), c.config)).toMatchObject({ kind: 'reject', status: 403 });
    });
  });
}
