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

    it('welcomes a user by name', async () => {
      const user = newUser();
      const replies = await exchange(driver.welcome(user, 'Ana'), user, 1);
      expect(replies[0].text).toContain('Welcome');
      expect(replies[0].text).toContain('!help');
      if (driver.givesName) expect(replies[0].text).toContain('Ana');
    });

    it('answers !help, !echo and unknown commands', async () => {
      const user = newUser();
      let r = await exchange(driver.text(user, '!help'), user, 1);
      expect(r[0].text).toContain('!echo');
      r = await exchange(driver.text(user, '!echo hello there'), user, 2);
      expect(r[1].text).toBe('hello there');
      r = await exchange(driver.text(user, '!frobnicate'), user, 3);
      expect(r[2].text).toContain('!help');
    });

    it('stores a secret and reveals it exactly once', async () => {
      const user = newUser();
      let r = await exchange(driver.text(user, 'new:my little secret'), user, 1);
      const key = r[0].text;
      expect(key).toMatch(/^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
      r = await exchange(driver.text(user, key), user, 2);
      expect(r[1].text).toBe('my little secret');
      r = await exchange(driver.text(user, key), user, 3);
      expect(r[2].text).not.toContain('my little secret');
      const [id] = key.split(':');
      r = await exchange(driver.text(user, `${id}:${'A'.repeat(43)}`), user, 4);
      expect(r[3].text).not.toContain('my little secret');
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

      r = await exchange(driver.text(user, 'hola'), user, 5);
      r = await exchange(driver.text(user, 'sum'), user, 6);
      expect(r[5].text).toContain('SUM');

      r = await exchange(driver.text(user, 'hola'), user, 8);
      r = await exchange(driver.text(user, '1'), user, 9);
      expect(r[8].text).toContain('Pileta');
    });

    it('re-asks on anything else, and commands work while the menu waits', async () => {
      const user = newUser();
      await exchange(driver.text(user, 'hola'), user, 2);
      let r = await exchange(driver.text(user, 'banana'), user, 4);
      expect(r[3].options?.map((o) => o.title)).toEqual(['Pileta', 'Tenis', 'SUM']);
      r = await exchange(driver.text(user, '!echo still here'), user, 5);
      expect(r[4].text).toBe('still here');
      r = await exchange(driver.text(user, '2'), user, 6);
      expect(r[5].text).toContain('Tenis');
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
