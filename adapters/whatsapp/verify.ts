/**
 * WhatsApp webhook verification: Meta's GET handshake and X-Hub-Signature-256.
 */
import type { VerifyResult, WebhookRequest } from '../../engine/types.js';
import { verifyMetaRequest } from '../shared/verify-meta-request.js';
import type { WhatsappConfig } from './config.js';

/** Answers the GET handshake or checks the body signature with the app secret. Never throws. */
export function verifyWhatsappRequest(req: WebhookRequest, config: WhatsappConfig): VerifyResult {
  return verifyMetaRequest(req, config);
}
