/**
 * Socket limits over real TCP: a body trickled a byte at a time is cut off after the body
 * timeout, connections over the cap are refused, and the limits are read from the environment.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { DEFAULT_SERVER_LIMITS } from '../../engine/server/server-limits.js';
import { readConfig } from '../../app/config/read-config.js';

/** The limits the server applies for these variables. */
const serverLimitsFromEnv = (env: Record<string, string>) => readConfig(env).server.limits;
import { startTestParley, type TestParley } from '../support/parley-server.js';

let parley: TestParley | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await parley?.stop();
  parley = undefined;
});

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', () => {});
    socket.once('error', reject);
    sockets.push(socket);
  });
}

/** Resolves with what the server wrote and when, once it closes the socket. */
function closed(socket: Socket): Promise<{ text: string; at: number }> {
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString('utf8')));
  return new Promise((resolve) => socket.on('close', () => resolve({ text, at: Date.now() })));
}

describe('server socket limits', () => {
  it('cuts off a body trickled a byte at a time after PARLEY_BODY_TIMEOUT_S', async () => {
    parley = await startTestParley({ PARLEY_BODY_TIMEOUT_S: '1', TELEGRAM_BOT_TOKEN: 't', TELEGRAM_API_URL: 'http://127.0.0.1:9' });
    const socket = await open(parley.url);
    const ended = closed(socket);
    const start = Date.now();
    socket.write('POST /webhooks/telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    // One byte every 100 ms: never idle long enough for an idle timeout, 10 s for the body.
    const trickle = setInterval(() => socket.writable && socket.write('{'), 100);
    const { text, at } = await ended;
    clearInterval(trickle);
    expect(at - start).toBeGreaterThanOrEqual(900);
    expect(at - start).toBeLessThan(3000);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
  });

  it('refuses connections over PARLEY_MAX_CONNECTIONS and serves again once one closes', async () => {
    parley = await startTestParley({ PARLEY_MAX_CONNECTIONS: '3' });
    const held = await Promise.all([open(parley.url), open(parley.url), open(parley.url)]);
    const extra = await open(parley.url).catch(() => undefined);
    if (extra) {
      const { text } = await closed(extra);
      expect(text).toBe('');
    }
    // The held ones still work.
    const first = held[0]!;
    const answered = new Promise<string>((resolve) => first.once('data', (c) => resolve(c.toString('utf8'))));
    first.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    for (const s of held) s.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const res = await request(`${parley.url}/healthz`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    await res.body.text();
  });

  it('reads the limits from the environment, in seconds, with defaults', () => {
    expect(serverLimitsFromEnv({})).toEqual(DEFAULT_SERVER_LIMITS);
    expect(serverLimitsFromEnv({ PARLEY_HEADERS_TIMEOUT_S: '5', PARLEY_BODY_TIMEOUT_S: '2.5', PARLEY_KEEPALIVE_TIMEOUT_S: '7', PARLEY_MAX_CONNECTIONS: '10' }))
      .toEqual({ headersTimeoutMs: 2500, bodyTimeoutMs: 2500, keepAliveTimeoutMs: 7000, maxConnections: 10 });
    expect(() => serverLimitsFromEnv({ PARLEY_BODY_TIMEOUT_S: 'soon' })).toThrow('PARLEY_BODY_TIMEOUT_S is "soon", not a number; set a number above 0 (seconds, fractions allowed).');
  });
});
