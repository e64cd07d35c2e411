/**
 * Messenger webhook verification: Meta's GET handshake and X-Hub-Signature-256.
 */
import type { VerifyResult, WebhookRequest } from '../../engine/types.js';
import { verifyMetaRequest } from '../shared/verify-meta-request.js';
import type { MessengerConfig } from './config.js';

/** Answers the GET handshake or checks the body signature with the app secret. Never throws. */
export function verifyMessengerRequest(req: WebhookRequest, config: MessengerConfig): VerifyResult {
  return verifyMetaRequest(req, config);
}
