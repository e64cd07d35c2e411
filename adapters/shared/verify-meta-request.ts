/**
 * Verification shared by the Meta platforms (WhatsApp Cloud API and Messenger): the GET
 * `hub.challenge` subscription handshake and the `X-Hub-Signature-256` HMAC over the raw body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { safeEqual } from '../../engine/runtime/safe-equal.js';
import type { EnvVarSpec, VerifyResult, WebhookRequest } from '../../engine/types.js';

/** The two secrets Meta verification needs. */
export interface MetaSecrets {
  /** The App Secret: the HMAC key of `X-Hub-Signature-256`. */
  appSecret: string;
  /** The string typed into the App Dashboard; Meta echoes it as `hub.verify_token`. */
  verifyToken: string;
}

/** The two secret variables of a Meta platform: `<PREFIX>_APP_SECRET` and `<PREFIX>_VERIFY_TOKEN`. */
export function metaSecretsEnv(prefix: string): EnvVarSpec[] {
  return [
    { name: `${prefix}_APP_SECRET`, required: true, secret: true, description: 'App Secret: the key of X-Hub-Signature-256.' },
    { name: `${prefix}_VERIFY_TOKEN`, required: true, secret: true, description: 'Verify token typed into the App Dashboard for the GET handshake.' },
  ];
}

/** The secrets read by metaSecretsEnv's variables (call it once they are known to be set). */
export function metaSecretsFrom(values: Record<string, string | undefined>, prefix: string): MetaSecrets {
  return { appSecret: values[`${prefix}_APP_SECRET`]!, verifyToken: values[`${prefix}_VERIFY_TOKEN`]! };
}

const SIGNATURE_PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * Answers Meta's GET subscription handshake: 200 text/plain with `hub.challenge` when
 * `hub.mode=subscribe` and `hub.verify_token` matches, 403 otherwise.
 */
export function answerHubChallenge(req: WebhookRequest, verifyToken: string): VerifyResult {
  const mode = req.query['hub.mode'];
  const token = req.query['hub.verify_token'];
  const challenge = req.query['hub.challenge'];
  if (mode !== 'subscribe' || token === undefined || challenge === undefined) {
    return { kind: 'reject', status: 403, reason: 'not a hub.mode=subscribe handshake with a verify token and a challenge' };
  }
  if (!safeEqual(token, verifyToken)) {
    return { kind: 'reject', status: 403, reason: 'hub.verify_token does not match the configured verify token' };
  }
  return { kind: 'respond', status: 200, body: challenge, contentType: 'text/plain' };
}

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(appSecret, raw body)>`. Missing → 401,
 * malformed or wrong → 403 (as Meta's own samples and pywa answer). The digest is computed
 * over the raw bytes, before any JSON parsing, because re-serialising changes the bytes.
 */
export function verifyHubSignature(req: WebhookRequest, appSecret: string): VerifyResult {
  const header = req.headers['x-hub-signature-256'];
  if (header === undefined || header === '') {
    return { kind: 'reject', status: 401, reason: 'missing X-Hub-Signature-256 header' };
  }
  const hex = header.startsWith(SIGNATURE_PREFIX) ? header.slice(SIGNATURE_PREFIX.length) : '';
  if (!HEX_DIGEST.test(hex)) {
    return { kind: 'reject', status: 403, reason: 'X-Hub-Signature-256 is not "sha256=" followed by 64 hex digits' };
  }
  const expected = createHmac('sha256', appSecret).update(req.rawBody).digest();
  // Both buffers are 32-byte digests, so timingSafeEqual never throws and lengths leak nothing.
  if (!timingSafeEqual(Buffer.from(hex, 'hex'), expected)) {
    return { kind: 'reject', status: 403, reason: 'X-Hub-Signature-256 does not match the body signed with the app secret' };
  }
  return { kind: 'accept' };
}

/** GET → the subscription handshake; any other method → the body signature. Never throws. */
export function verifyMetaRequest(req: WebhookRequest, secrets: MetaSecrets): VerifyResult {
  if (req.method.toUpperCase() === 'GET') return answerHubChallenge(req, secrets.verifyToken);
  return verifyHubSignature(req, secrets.appSecret);
}
