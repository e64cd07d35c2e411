import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { OutboundUrlError } from '../../engine/errors.js';
import { createGuardedAgent, createGuardedHttpClient } from '../../engine/runtime/guarded-http-client.js';
import { checkOutboundUrl, checkOutboundUrlSyntax, createOutboundPolicy, guardMediaUrl, type ResolveHost } from '../../engine/runtime/outbound-guard.js';
import { readConfig } from '../../app/config/read-config.js';

/** The policy the server builds for these variables (its configuration's allow-list). */
const outboundPolicyFromEnv = (env: Record<string, string>, resolve?: ResolveHost) => createOutboundPolicy(readConfig(env).outboundAllow, resolve);
import { SendError } from '../../engine/errors.js';
import { httpRequest } from '../../engine/actions/http-request-action.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import { ssrfUrls, startCountingListener, trickResolver, type CountingListener } from '../support/ssrf-targets.js';

let listener: CountingListener;
beforeAll(async () => {
  listener = await startCountingListener();
});
afterAll(async () => listener?.close());

const guardOff = () => outboundPolicyFromEnv({}, trickResolver());

describe('createGuardedHttpClient with no allow-list', () => {
  it('refuses every spelling of an inner address, and the listener on 127.0.0.1 receives nothing', async () => {
    const http = createGuardedHttpClient({ policy: guardOff() });
    const urls = ssrfUrls(listener.port);
    for (const url of urls) {
      await expect(http.request({ method: 'POST', url, body: '{}' }), url).rejects.toBeInstanceOf(OutboundUrlError);
    }
    await http.close();
    expect(urls.length).toBeGreaterThanOrEqual(45);
    expect(listener.connections()).toBe(0);
  });

  it('refuses a name that resolves to a public address first and to 127.0.0.1 at connect time (DNS rebinding)', async () => {
    const resolver = trickResolver();
    const http = createGuardedHttpClient({ policy: outboundPolicyFromEnv({}, resolver) });
    // The listener speaks plain HTTP, so a connection that got through would fail at TLS, not
    // at the guard: the error and the connection count tell the two apart.
    const err = await http.request({ method: 'GET', url: `https://rebind.parley.test:${listener.port}/` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/resolves to 127\.0\.0\.1 at connect time/);
    expect(resolver.calls.filter((c) => c === 'rebind.parley.test')).toHaveLength(2);
    expect(listener.connections()).toBe(0);
    await http.close();
  });
});

describe('createGuardedAgent (the connect-time check alone, without the URL check first)', () => {
  it('refuses address literals and inward names at the socket; the listener receives nothing', async () => {
    const agent = await createGuardedAgent(guardOff());
    const hosts = ['127.0.0.1', '[::ffff:127.0.0.1]', '0.0.0.0', 'localhost', 'loopback.parley.test', 'mapped.parley.test', 'mixed.parley.test'];
    for (const host of hosts) {
      const url = `http://${host}:${listener.port}/`;
      await expect(request(url, { dispatcher: agent }), url).rejects.toThrow(/own network/);
    }
    await agent.close();
    expect(listener.connections()).toBe(0);
  });

  it('lets an allow-listed host through (PARLEY_OUTBOUND_ALLOW), so the listener is really reachable', async () => {
    const policy = outboundPolicyFromEnv({ PARLEY_OUTBOUND_ALLOW: `127.0.0.1:${listener.port}` }, trickResolver());
    const http = createGuardedHttpClient({ policy });
    const res = await http.request({ method: 'GET', url: `http://127.0.0.1:${listener.port}/` });
    expect(res).toMatchObject({ status: 200, body: 'reached' });
    // Another port of the same host is not on the list.
    await expect(http.request({ method: 'GET', url: `http://127.0.0.1:${listener.port + 1}/` })).rejects.toBeInstanceOf(OutboundUrlError);
    await http.close();
    expect(listener.requests()).toBe(1);
  });
});

describe('checkOutboundUrl', () => {
  it('lets a public https URL through', async () => {
    await expect(checkOutboundUrl('https://public.parley.test/x', guardOff())).resolves.toBeInstanceOf(URL);
    expect(checkOutboundUrlSyntax('https://93.184.216.34/x', guardOff()).hostname).toBe('93.184.216.34');
  });

  it('says what is wrong and how to allow it', async () => {
    await expect(checkOutboundUrl('https://127.1/', guardOff())).rejects.toThrow(
      "127.0.0.1 is an address of the server's own network (loopback, private, link-local or metadata): not called. For development, list the host in PARLEY_OUTBOUND_ALLOW.",
    );
    await expect(checkOutboundUrl('http://public.parley.test/', guardOff())).rejects.toThrow(/only https, unless PARLEY_OUTBOUND_ALLOW lists the host/);
    await expect(checkOutboundUrl('https://loopback.parley.test/', guardOff())).rejects.toThrow(/^loopback\.parley\.test resolves to 127\.0\.0\.1/);
  });

  it('reads allow-list entries in any URL spelling, with or without a port', () => {
    const policy = outboundPolicyFromEnv({ PARLEY_OUTBOUND_ALLOW: ' 127.1 , localhost:8080,[::1]:9000' });
    expect(policy.allow).toEqual([{ hostname: '127.0.0.1' }, { hostname: 'localhost', port: '8080' }, { hostname: '[::1]', port: '9000' }]);
    expect(checkOutboundUrlSyntax('http://localhost:8080/', policy).port).toBe('8080');
    expect(() => checkOutboundUrlSyntax('http://localhost:8081/', policy)).toThrow(OutboundUrlError);
  });
});

describe('http.request through the guarded client', () => {
  it('fails as a network error naming the refusal, and the listener receives nothing', async () => {
    const ctx = {
      conversation: 'test:c1', platform: 'test', user: { id: 'u1' },
      http: createGuardedHttpClient({ policy: guardOff() }),
      store: createMemoryStore(), logger: silentLogger, now: () => 0, secretKey: Buffer.alloc(32),
    };
    const before = listener.connections();
    for (const url of [`https://127.1:${listener.port}/`, `https://[::ffff:127.0.0.1]:${listener.port}/`, 'https://169.254.169.254/latest/meta-data/']) {
      await expect(httpRequest.run({ url }, ctx)).rejects.toMatchObject({ code: 'HTTP_NETWORK' });
    }
    expect(listener.connections()).toBe(before);
  });
});

describe('guardMediaUrl (send steps and send-API media, before the platform is asked)', () => {
  it('refuses an inner media URL as a SendError that is not retried, and lets an unresolvable public name through', async () => {
    for (const url of ['https://127.1/a.png', 'http://cdn.parley.test/a.png', 'https://metadata.parley.test/a.png', 'file:///etc/passwd']) {
      const err = await guardMediaUrl(url, guardOff()).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(SendError);
      expect((err as SendError).retryable).toBe(false);
      expect((err as SendError).message).toMatch(/^media URL refused: /);
    }
    await expect(guardMediaUrl('https://cdn.unknown.parley.test/a.png', guardOff())).resolves.toBeUndefined();
  });
});
