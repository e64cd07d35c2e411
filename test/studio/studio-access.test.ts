/**
 * The studio in production: off without PARLEY_STUDIO_TOKEN; with it, nothing without a
 * login, writes only with the session's CSRF header from the studio's own origin, and a
 * strict CSP on every answer.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, studioAccessFor } from '../../app/studio/studio-access.js';
import { readConfig } from '../../app/config/read-config.js';

/** What the server decides for these variables (its configuration, then the studio's access). */
const studioAccessFromEnv = (env: Record<string, string>) => studioAccessFor(readConfig(env));
import { startTestParley, type TestParley } from '../support/parley-server.js';

const TOKEN = 'studio-token-0123456789abcdef';

describe('studio access from the environment', () => {
  it('is on for this machine in development, off in production without a token', () => {
    expect(studioAccessFromEnv({}).access).toEqual({ mode: 'local' });
    expect(studioAccessFromEnv({ NODE_ENV: 'production' }).reason).toMatch(/PARLEY_STUDIO_TOKEN/);
    expect(studioAccessFromEnv({ NODE_ENV: 'production', PARLEY_STUDIO_TOKEN: TOKEN }).access).toEqual({ mode: 'token', token: TOKEN });
    expect(studioAccessFromEnv({ PARLEY_STUDIO_TOKEN: 'short' }).access).toBeUndefined();
    expect(studioAccessFromEnv({ PARLEY_STUDIO: 'off' }).access).toBeUndefined();
  });

  it('counts only loopback addresses as this machine (the local mode serves no one else)', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['192.0.2.2', '::ffff:10.0.0.1', undefined].some(isLoopback)).toBe(false);
  });
});

describe('studio in production without a token', () => {
  let parley: TestParley;
  beforeAll(async () => {
    parley = await startTestParley({ NODE_ENV: 'production' });
  });
  afterAll(() => parley?.stop());

  it('is not served at all', async () => {
    expect(parley.studioUrl).toBeUndefined();
    expect((await fetch(`${parley.url}/studio`)).status).toBe(404);
    expect((await fetch(`${parley.url}/studio/api/bot`)).status).toBe(404);
  });
});

describe('studio in production with PARLEY_STUDIO_TOKEN', () => {
  let parley: TestParley;
  const api = (path: string, init: RequestInit = {}) => fetch(`${parley.url}/studio/api/${path}`, init);
  const login = async () => {
    const res = await api('login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKEN }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    return { cookie: cookie.split(';')[0], setCookie: cookie, csrf: ((await res.json()) as { csrf: string }).csrf };
  };
  const render = (headers: Record<string, string>) =>
    api('render', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ platform: 'telegram', messages: [{ kind: 'text', text: 'hi' }] }) });

  beforeAll(async () => {
    parley = await startTestParley({ NODE_ENV: 'production', PARLEY_STUDIO_TOKEN: TOKEN });
  });
  afterAll(() => parley?.stop());

  it('answers 401 to every API call without a session', async () => {
    for (const path of ['session', 'bot', 'conversations', 'conversations/web:x', 'stream']) {
      expect((await api(path)).status, path).toBe(401);
    }
    expect((await render({})).status).toBe(401);
  });

  it('refuses a wrong token and a login posted from another site', async () => {
    const wrong = await api('login', { method: 'POST', body: JSON.stringify({ token: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    // fetch() will not set Origin by hand; a raw request can, as a browser on another site would.
    const crossSite = await request(`${parley.url}/studio/api/login`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: JSON.stringify({ token: TOKEN }) });
    expect(crossSite.statusCode).toBe(403);
  });

  it('logs in with the token into an HttpOnly, SameSite=Strict session cookie', async () => {
    const { setCookie, cookie } = await login();
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/studio/);
    const bot = await api('bot', { headers: { cookie } });
    expect(bot.status).toBe(200);
    expect(((await bot.json()) as { flows: { flow: string }[] }).flows.map((f) => f.flow)).toContain('club-menu');
  });

  it('refuses writes without the CSRF header, with a wrong one, or from another origin', async () => {
    const { cookie, csrf } = await login();
    expect((await render({ cookie })).status).toBe(403);
    expect((await render({ cookie, 'x-parley-csrf': 'guess' })).status).toBe(403);
    const crossSite = await request(`${parley.url}/studio/api/render`, {
      method: 'POST',
      headers: { cookie, 'x-parley-csrf': csrf, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'telegram', messages: [] }),
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await render({ cookie, 'x-parley-csrf': csrf })).status).toBe(200);
  });

  it('sends a strict content security policy with the page and the API', async () => {
    for (const res of [await fetch(`${parley.url}/studio`), await api('bot')]) {
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
