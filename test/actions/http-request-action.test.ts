import { afterEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { httpRequest } from '../../engine/actions/http-request-action.js';
import { createHttpClient } from '../../engine/runtime/http-client.js';
import { createMemoryStore } from '../../engine/runtime/stores/memory-store.js';
import { silentLogger } from '../../engine/runtime/logger.js';
import type { ActionContext } from '../../engine/actions/action-types.js';
import { conversation } from '../compile/conversation.js';
import { botFromYaml } from '../support/bot-from-yaml.js';
import { snippet } from '../support/snippets.js';

let agent: MockAgent;
function ctx(): ActionContext {
  agent = new MockAgent();
  agent.disableNetConnect();
  return {
    conversation: 'test:c1', platform: 'test', user: { id: 'u1' },
    http: createHttpClient({ dispatcher: agent }),
    store: createMemoryStore(), logger: silentLogger, now: () => 0, secretKey: Buffer.alloc(32),
  };
}
afterEach(async () => agent?.close());

describe('http.request', () => {
  it('GETs a URL and parses a JSON body', async () => {
    const c = ctx();
    agent.get('https://api.example.com').intercept({ path: '/weather', method: 'GET' }).reply(200, { temp: 21 }, { headers: { 'Content-Type': 'application/json', 'X-Rate': '9' } });
    expect(await httpRequest.run({ url: 'https://api.example.com/weather' }, c)).toEqual({
      status: 200, headers: { 'content-type': 'application/json', 'x-rate': '9' }, body: '{"temp":21}', json: { temp: 21 },
    });
  });

  it('POSTs a json body with a JSON content type', async () => {
    const c = ctx();
    let seen: { body?: unknown; headers?: unknown } = {};
    agent.get('https://api.example.com').intercept({ path: '/orders', method: 'POST' }).reply(201, (opts) => {
      seen = { body: opts.body, headers: opts.headers };
      return 'created';
    });
    const res = await httpRequest.run({ url: 'https://api.example.com/orders', json: { qty: 2 }, headers: { 'X-Key': 'k' } }, c);
    expect(res).toEqual({ status: 201, headers: {}, body: 'created' });
    expect(seen.body).toBe('{"qty":2}');
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', 'x-key': 'k' });
  });

  it('throws HTTP_STATUS on a status of 400 or more', async () => {
    const c = ctx();
    agent.get('https://api.example.com').intercept({ path: '/missing', method: 'GET' }).reply(404, 'nope');
    await expect(httpRequest.run({ url: 'https://api.example.com/missing' }, c)).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 404 });
  });

  it('throws HTTP_NETWORK when there is no response', async () => {
    const c = ctx();
    agent.get('https://api.example.com').intercept({ path: '/down', method: 'GET' }).replyWithError(new Error('connection refused'));
    await expect(httpRequest.run({ url: 'https://api.example.com/down' }, c)).rejects.toMatchObject({ code: 'HTTP_NETWORK' });
  });

  it('refuses a URL that is not http(s)', async () => {
    await expect(httpRequest.run({ url: 'file:///etc/passwd' }, ctx())).rejects.toMatchObject({ code: 'ACTION_PARAMS' });
  });
});

describe('http.request in a flow', () => {
  const flow = snippet('http-request-action/weather');
  it('gives the flow status, headers and json, and url_encode builds the query', async () => {
    const c = ctx();
    agent.get('https://api.example.com').intercept({ path: '/weather?q=S%C3%A3o%20Paulo%20%26%20co', method: 'GET' }).reply(200, { temp: 30 }, { headers: { 'content-type': 'application/json' } });
    const talk = conversation(botFromYaml(flow), { http: c.http });
    await talk.text('hi');
    expect(talk.texts(await talk.text('São Paulo & co'))).toEqual(['200 application/json 30°']);
  });
  it('gives on_error error.code and error.status', async () => {
    const c = ctx();
    agent.get('https://api.example.com').intercept({ path: '/weather?q=x', method: 'GET' }).reply(503, 'down');
    const talk = conversation(botFromYaml(flow), { http: c.http });
    await talk.text('hi');
    expect(talk.texts(await talk.text('x'))).toEqual(['HTTP_STATUS 503']);
  });
});
