/**
 * The example bot played over real HTTP on one platform: the real server on a loopback port,
 * the platform's API stand-in on another, webhooks signed as the platform signs them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import type { RecordingServer } from '../support/stand-ins/recording-server.js';
import type { PlatformDriver, SeenReply, SignedWebhook } from './platform-driver.js';

/** Registers the shared scenario for a platform. */
export function describeExampleBot(driver: PlatformDriver): void {
  describe(`example bot over ${driver.name} (real HTTP)`, () => {
    let api: RecordingServer;
    let parley: TestParley;
    let users = 0;
    const newUser = () => `${driver.name === 'whatsapp' ? '4477009' : 'u'}${Date.now() % 100000}${++users}`;

    beforeAll(async () => {
      api = await driver.startApi();
      parley = await startTestParley(driver.env(api.url));
    });
    afterAll(async () => {
      await parley?.stop();
      await api?.close();
    });

    const post = async (hook: SignedWebhook) => {
      const res = await request(`${parley.url}/webhooks/${driver.name}`, { method: 'POST', headers: hook.headers, body: hook.body });
      const text = await res.body.text();
      return { status: res.statusCode, text };
    };

    /** Sends a webhook and waits until `user` has `count` replies in all. */
    const exchange = async (hook: SignedWebhook, user: string, count: number): Promise<SeenReply[]> => {
      const res = await post(hook);
      expect(res.status).toBe(200);
      await api.waitFor((reqs) => driver.replies(reqs, user).length >= count, 8_000);
      return driver.replies(api.requests, user);
    };

    /** Sends `text` as `user` and gives the `count`-th of the user's replies (waiting for it). */
    const nth = async (user: string, text: string, count: number): Promise<SeenReply> => (await exchange(driver.text(user, text), user, count))[count - 1];

    it('welcomes a user by name', async () => {
      const user = newUser();
      const replies = await exchange(driver.welcome(user, 'Ana'), user, 1);
      expect(replies[0].text).toContain('Welcome');
      expect(replies[0].text).toContain('!help');
      if (driver.givesName) expect(replies[0].text).toContain('Ana');
    });

    it('answers !help, !echo and unknown commands', async () => {
      const user = newUser();
      expect((await nth(user, '!help', 1)).text).toContain('!echo');
      expect((await nth(user, '!echo hello there', 2)).text).toBe('hello there');
      expect((await nth(user, '!frobnicate', 3)).text).toContain('!help');
    });

    it('stores a secret and reveals it exactly once', async () => {
      const user = newUser();
      const key = (await nth(user, 'new:my little secret', 1)).text;
      expect(key).toMatch(/^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
      expect((await nth(user, key, 2)).text).toBe('my little secret');
      expect((await nth(user, key, 3)).text).not.toContain('my little secret');
      const [id] = key.split(':');
      expect((await nth(user, `${id}:${'A'.repeat(43)}`, 4)).text).not.toContain('my little secret');
    });

    it('offers the menu as buttons and answers a press, a title and a number', async () => {
      const user = newUser();
      let r = await exchange(driver.text(user, 'hola'), user, 2);
      expect(r[0].text).toBe('Hola!');
      expect(r[1].text).toBe('Por favor elije una opción:');
      expect(r[1].options?.map((o) => o.title)).toEqual(['Pileta', 'Tenis', 'SUM']);
      const tennis = r[1].options!.find((o) => o.title === 'Tenis')!;
      r = await exchange(driver.press(user, tennis), user, 3);
      expect(r[2].text).toContain('Tenis');

      await exchange(driver.text(user, 'hola'), user, 5);
      expect((await nth(user, 'sum', 6)).text).toContain('SUM');

      await exchange(driver.text(user, 'hola'), user, 8);
      expect((await nth(user, '1', 9)).text).toContain('Pileta');
    });

    it('re-asks on anything else, and commands work while the menu waits', async () => {
      const user = newUser();
      await exchange(driver.text(user, 'hola'), user, 2);
      expect((await nth(user, 'banana', 4)).options?.map((o) => o.title)).toEqual(['Pileta', 'Tenis', 'SUM']);
      expect((await nth(user, '!echo still here', 5)).text).toBe('still here');
      expect((await nth(user, '2', 6)).text).toContain('Tenis');
    });

    it('answers a repeated delivery of the same webhook once', async () => {
      const user = newUser();
      const hook = driver.text(user, '!echo once');
      await exchange(hook, user, 1);
      expect((await post(hook)).status).toBe(200);
      await exchange(driver.text(user, '!echo twice'), user, 2);
      expect(driver.replies(api.requests, user).map((x) => x.text)).toEqual(['once', 'twice']);
    });

    it('rejects a forged signature and processes nothing', async () => {
      const user = newUser();
      const res = await post(driver.forge(driver.text(user, '!echo forged')));
      expect([401, 403]).toContain(res.status);
      await new Promise((r) => setTimeout(r, 300));
      expect(driver.replies(api.requests, user)).toEqual([]);
    });

    it('answers 400 to a signed body that is not JSON, and 413 to a huge one', async () => {
      const res = await post(driver.sign('{"not json'));
      expect(res.status).toBe(400);
      const huge = driver.sign(JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
      expect((await post(huge)).status).toBe(413);
    });
  });
}
