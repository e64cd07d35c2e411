/**
 * /api/v1/openapi.json checked against the server's real answers: each response schema is
 * compiled from the served document with ajv and every body the API actually returned (202,
 * 400, 401, 404, task results, the callback) must validate under its documented status.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { graphErrorReply } from '../support/stand-ins/whatsapp-api.js';
import { startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
import { request } from 'undici';
import { API_TOKEN, closeStandIns, sendApiClient, TG_SECRET, sendApiEnv, startStandIns, type ApiAnswer, type SendApiClient, type StandIns } from './send-api-harness.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const DOC_ID = 'https://parley.test/api/v1/openapi.json';

/** A JSON pointer segment (RFC 6901). */
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

describe('GET /api/v1/openapi.json', () => {
  let apis: StandIns;
  let receiver: CallbackReceiver;
  let parley: TestParley;
  let api: SendApiClient;
  let doc: any;
  let ajv: Ajv;

  beforeAll(async () => {
    apis = await startStandIns();
    receiver = await startCallbackReceiver();
    parley = await startTestParley(sendApiEnv(apis));
    api = sendApiClient(parley.url);
    const res = await api.openapi();
    expect(res.status).toBe(200);
    doc = res.json;
    ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // Added under an $id so `#/components/schemas/…` refs inside it resolve.
    ajv.addSchema(doc, DOC_ID);
  });
  afterAll(async () => {
    await parley?.stop();
    await receiver?.close();
    await closeStandIns(apis);
  });

  /** The documented schema of `operation`'s `status` response, compiled from the served document. */
  const responseSchema = (path: string, method: string, status: number): ValidateFunction => {
    const response = doc.paths?.[path]?.[method]?.responses?.[String(status)];
    if (!response) throw new Error(`${method.toUpperCase()} ${path} does not document a ${status} response`);
    const pointer = ['paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema'].map(escape).join('/');
    return ajv.compile({ $ref: `${DOC_ID}#/${pointer}` });
  };

  /** Asserts that a real answer is documented and matches its schema. */
  const expectDocumented = (path: string, method: string, res: ApiAnswer | { status: number; json: unknown }) => {
    const validate = responseSchema(path, method, res.status);
    const valid = validate(res.json);
    expect(validate.errors ?? [], JSON.stringify(res.json)).toEqual([]);
    expect(valid).toBe(true);
  };

  it('is an OpenAPI 3.1 document with bearer security and both operations', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/conversations/{key}/transcript', '/api/v1/dead-letters', '/api/v1/messages', '/api/v1/reload', '/api/v1/tasks/{id}']);
    expect(doc.info.description).toContain('X-Parley-Signature');
  });

  it('describes the 202 and the "sent" task result the server really returns', async () => {
    const accepted = await api.send({ platform: 'telegram', to: '4242', text: 'hola', callback_url: `${receiver.url}/cb` });
    expectDocumented('/api/v1/messages', 'post', accepted);
    const taskId = accepted.json.task_id as string;
    await receiver.waitFor(() => receiver.accepted(taskId).length > 0);
    const task = await api.task(taskId);
    expect(task.json.status).toBe('sent');
    expectDocumented('/api/v1/tasks/{id}', 'get', task);
    // The callback body is the same TaskResult.
    expectDocumented('/api/v1/tasks/{id}', 'get', { status: 200, json: receiver.accepted(taskId)[0]!.body });
  });

  it('describes a "failed" task result with its error', async () => {
    apis.whatsapp.fail(1, graphErrorReply(131047, { status: 400 }));
    const accepted = await api.send({ platform: 'whatsapp', to: '447700900333', text: 'hola', callback_url: `${receiver.url}/cb` });
    const taskId = accepted.json.task_id as string;
    await receiver.waitFor(() => receiver.accepted(taskId).length > 0);
    const task = await api.task(taskId);
    expect(task.json).toMatchObject({ status: 'failed', error: expect.any(String) });
    expectDocumented('/api/v1/tasks/{id}', 'get', task);
  });

  it('describes every 400 the server answers', async () => {
    const bad = [
      '{"not json',
      { platform: 'signal', to: '1', text: 'x' },
      { platform: 'telegram', text: 'x' },
      { platform: 'telegram', to: '1', flow: 'nope' },
      { platform: 'telegram', to: '1' },
      { platform: 'telegram', to: '1', options: [{ id: 'a', title: 'A' }] },
      { platform: 'telegram', to: '1', text: 'x', callback_url: 'nope' },
      { platform: 'telegram', to: '1', text: 'x', callback_url: 'https://169.254.169.254/hook' },
      { platform: 'telegram', to: '1', media: 'https://10.0.0.1/a.png' },
      { platform: 'telegram', to: '1'.repeat(200), text: 'x' },
    ];
    for (const body of bad) {
      const res = await api.send(body);
      expect(res.status).toBe(400);
      expectDocumented('/api/v1/messages', 'post', res);
    }
  });

  it('describes the 413 for a body over the limit', async () => {
    const res = await api.send({ platform: 'telegram', to: '1', text: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expectDocumented('/api/v1/messages', 'post', res);
  });

  it('describes the dead letters a bad webhook left, and guards them with the token', async () => {
    const update = { update_id: 991, message: { message_id: 1, date: 1, chat: null, text: 'hola' } };
    const hook = await request(`${parley.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
      body: JSON.stringify(update),
    });
    expect(hook.statusCode).toBe(200);
    await hook.body.text();
    const res = await request(`${parley.url}/api/v1/dead-letters?limit=5`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    const json = await res.body.json();
    expectDocumented('/api/v1/dead-letters', 'get', { status: res.statusCode, json });
    expect(json).toEqual({ dead_letters: [{ platform: 'telegram', reason: 'update 991: "message.chat" is not an object', at: expect.any(Number), event_id: '991' }] });
    const anonymous = await request(`${parley.url}/api/v1/dead-letters`);
    expectDocumented('/api/v1/dead-letters', 'get', { status: anonymous.statusCode, json: await anonymous.body.json() });
    expect(anonymous.statusCode).toBe(401);
  });

  it('describes the 401s and the 404', async () => {
    expectDocumented('/api/v1/messages', 'post', await api.send({ platform: 'telegram', to: '1', text: 'x' }, null));
    expectDocumented('/api/v1/messages', 'post', await api.send({ platform: 'telegram', to: '1', text: 'x' }, 'wrong'));
    expectDocumented('/api/v1/tasks/{id}', 'get', await api.task('x', null));
    const missing = await api.task('no-such-task');
    expect(missing.status).toBe(404);
    expectDocumented('/api/v1/tasks/{id}', 'get', missing);
  });

  it('rejects, as the schema says, a task result with a field the API does not return', () => {
    const validate = responseSchema('/api/v1/tasks/{id}', 'get', 200);
    expect(validate({ task_id: 't', status: 'sent', platform: 'telegram', to: '1' })).toBe(true);
    expect(validate({ task_id: 't', status: 'delivered', platform: 'telegram', to: '1' })).toBe(false);
    expect(validate({ task_id: 't', status: 'sent', platform: 'telegram', to: '1', request: {} })).toBe(false);
  });

  it('documents the request body the server validates with', () => {
    const validate = ajv.compile({ $ref: `${DOC_ID}#/components/schemas/SendRequest` });
    expect(validate({ platform: 'telegram', to: '1', text: 'x', options: [{ id: 'a', title: 'A' }] })).toBe(true);
    expect(validate({ platform: 'telegram', to: '1', text: 'x', colour: 'red' })).toBe(false);
    expect(validate({ platform: 'telegram', to: '1', callback_url: 'not a url' })).toBe(false);
  });
});
