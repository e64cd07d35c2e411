/**
 * Meta's GET webhook handshake against a running Parley over real HTTP, shared by the
 * WhatsApp and Messenger e2e tests: each test is a list of tries (a verify token and what
 * Parley must answer), so a platform's cases are rows, not copies of the request code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { hubChallengeQuery } from '../support/webhooks/meta.js';
import { startTestParley, type TestParley } from '../support/parley-server.js';

/** One GET of `/webhooks/<platform>`: the status Parley answers, and the body when given. */
export interface HandshakeTry {
  verifyToken: string;
  challenge?: string;
  status: number;
  body?: string;
}

/**
 * Declares `title` with one Parley started from `env` for the block, and a test per row of
 * `tests` ([title, tries]). `more` declares further tests in the block on the same Parley.
 */
export function describeHandshake(
  title: string,
  platform: string,
  env: Record<string, string>,
  tests: [string, HandshakeTry[]][],
  more?: (parley: () => TestParley) => void,
): void {
  describe(title, () => {
    let parley: TestParley;
    beforeAll(async () => {
      parley = await startTestParley(env);
    });
    afterAll(async () => parley?.stop());

    it.each(tests)('%s', async (_title, tries) => {
      for (const t of tries) {
        const res = await request(`${parley.url}/webhooks/${platform}?${hubChallengeQuery(t.verifyToken, t.challenge)}`);
        expect(res.statusCode).toBe(t.status);
        if (t.body === undefined) await res.body.dump();
        else expect(await res.body.text()).toBe(t.body);
      }
    });
    more?.(() => parley);
  });
}
