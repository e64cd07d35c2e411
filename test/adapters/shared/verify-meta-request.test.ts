import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../../../engine/types.js';
import { answerHubChallenge, verifyHubSignature, verifyMetaRequest } from '../../../adapters/shared/verify-meta-request.js';

const secrets = { appSecret: 'test_app_secret', verifyToken: 'my-verify-token' };

function post(body: string, headers: Record<string, string> = {}): WebhookRequest {
  return { method: 'POST', headers, query: {}, rawBody: Buffer.from(body, 'utf8') };
}

function get(query: Record<string, string>): WebhookRequest {
  return { method: 'GET', headers: {}, query, rawBody: Buffer.alloc(0) };
}

// Test vectors from docs/platforms.md §2.2 and §4.1.
const WA_BODY = '{"object":"whatsapp_business_account","entry":[]}';
const WA_SIG = 'sha256=dec6a680679a968e7e0319355b23599cbfc54502c0784668e9618baa0c633756';
const FB_BODY = '{"object":"page","entry":[]}';
const FB_SIG = 'sha256=5da47c9c7409e70d7a1851f0cfd9bc27786bd99587a9bf1dd5b51e23a2de03cf';

describe('verifyHubSignature', () => {
  it('accepts the WhatsApp test vector signed with test_app_secret', () => {
    expect(verifyHubSignature(post(WA_BODY, { 'x-hub-signature-256': WA_SIG }), 'test_app_secret')).toEqual({ kind: 'accept' });
  });

  it('accepts the Messenger test vector signed with test_app_secret', () => {
    expect(verifyHubSignature(post(FB_BODY, { 'x-hub-signature-256': FB_SIG }), 'test_app_secret')).toEqual({ kind: 'accept' });
  });

  it('accepts an upper-case hex digest', () => {
    const upper = `sha256=${WA_SIG.slice(7).toUpperCase()}`;
    expect(verifyHubSignature(post(WA_BODY, { 'x-hub-signature-256': upper }), 'test_app_secret').kind).toBe('accept');
  });

  it('rejects a missing header with 401', () => {
    expect(verifyHubSignature(post(WA_BODY), 'test_app_secret')).toMatchObject({ kind: 'reject', status: 401 });
  });

  it('rejects a signature of another body with 403', () => {
    const result = verifyHubSignature(post(`${WA_BODY} `, { 'x-hub-signature-256': WA_SIG }), 'test_app_secret');
    expect(result).toMatchObject({ kind: 'reject', status: 403 });
  });

  it('rejects a signature made with another secret with 403', () => {
    expect(verifyHubSignature(post(WA_BODY, { 'x-hub-signature-256': WA_SIG }), 'other_secret')).toMatchObject({
      kind: 'reject',
      status: 403,
    });
  });

  it('rejects a digest without the sha256= prefix, a short digest and a sha1 header', () => {
    for (const header of [WA_SIG.slice(7), WA_SIG.slice(0, 40), 'sha1=abcdef', 'sha256=zz']) {
      expect(verifyHubSignature(post(WA_BODY, { 'x-hub-signature-256': header }), 'test_app_secret')).toMatchObject({
        kind: 'reject',
        status: 403,
      });
    }
  });
});

describe('answerHubChallenge', () => {
  it('answers 200 text/plain with the challenge when the verify token matches', () => {
    const req = get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': '1158201444' });
    expect(answerHubChallenge(req, 'my-verify-token')).toEqual({
      kind: 'respond',
      status: 200,
      body: '1158201444',
      contentType: 'text/plain',
    });
  });

  it('rejects a wrong verify token with 403', () => {
    const req = get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' });
    expect(answerHubChallenge(req, 'my-verify-token')).toMatchObject({ kind: 'reject', status: 403 });
  });

  it('rejects a mode other than subscribe and a missing challenge with 403', () => {
    expect(answerHubChallenge(get({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': '1' }), 'my-verify-token')).toMatchObject({ kind: 'reject', status: 403 });
    expect(answerHubChallenge(get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token' }), 'my-verify-token')).toMatchObject({ kind: 'reject', status: 403 });
    expect(answerHubChallenge(get({}), 'my-verify-token')).toMatchObject({ kind: 'reject', status: 403 });
  });
});

describe('verifyMetaRequest', () => {
  it('treats GET as the handshake and POST as a signed body', () => {
    const handshake = get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': 'abc' });
    expect(verifyMetaRequest(handshake, secrets)).toMatchObject({ kind: 'respond', status: 200, body: 'abc' });
    expect(verifyMetaRequest(post(WA_BODY, { 'x-hub-signature-256': WA_SIG }), secrets)).toEqual({ kind: 'accept' });
  });

  it('does not accept a POST that carries only a correct verify token', () => {
    const req: WebhookRequest = { ...post(WA_BODY), query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-verify-token', 'hub.challenge': 'x' } };
    expect(verifyMetaRequest(req, secrets)).toMatchObject({ kind: 'reject', status: 401 });
  });
});
