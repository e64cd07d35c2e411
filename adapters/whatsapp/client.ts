/**
 * The WhatsApp Cloud API calls, the lowest layer of the WhatsApp adapter (send.ts and
 * setup.ts use them): POST /{phone-number-id}/messages and the phone number's own record,
 * over the shared Graph call, with WhatsApp's reading of Graph errors.
 */
import { SendError } from '../../engine/errors.js';
import type { SendContext } from '../../engine/types.js';
import { callGraph, type GraphErrorRules } from '../shared/graph-api.js';
import type { WhatsappConfig } from './config.js';
import { WHATSAPP_WINDOW_MESSAGE, type WaOutboundMessage, type WaSendResponse } from './wire.js';

/** Graph codes that mean "slow down" (docs/platforms.md §2.7). */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([130429, 131056, 131048, 80007, 4]);

/** How WhatsApp's Graph errors are read. */
export const whatsappErrorRules: GraphErrorRules = {
  platform: 'WhatsApp',
  retryableCodes: RETRYABLE_CODES,
  explain: (code) =>
    code === 131047 ? `WhatsApp refused a free-form message ${WHATSAPP_WINDOW_MESSAGE} (code 131047).` : undefined,
};

/** Sends one request body; returns the new message's id; throws SendError otherwise. */
export async function postWhatsappMessage(ctx: SendContext<WhatsappConfig>, body: WaOutboundMessage): Promise<string> {
  const url = `${ctx.config.apiUrl}/${encodeURIComponent(ctx.config.phoneNumberId)}/messages`;
  const response = (await callGraph(ctx.http, 'POST', url, ctx.config.token, whatsappErrorRules, body)) as WaSendResponse;
  const id = response?.messages?.[0]?.id;
  if (typeof id !== 'string') {
    throw new SendError('WhatsApp accepted the message but returned no message id.', { retryable: false });
  }
  return id;
}

/** The phone number's display number, verified name and quality rating (Graph fields). */
export async function getPhoneNumber(ctx: SendContext<WhatsappConfig>): Promise<Record<string, unknown>> {
  const url = `${ctx.config.apiUrl}/${ctx.config.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`;
  return (await callGraph(ctx.http, 'GET', url, ctx.config.token, whatsappErrorRules)) as Record<string, unknown>;
}
