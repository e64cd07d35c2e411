/**
 * The Messenger Platform calls, the lowest layer of the Messenger adapter (send.ts and
 * setup.ts use them): Graph calls on `/me/…` with the Page token, with Messenger's reading
 * of Graph errors.
 */
import type { SendContext } from '../../engine/types.js';
import { callGraph, type GraphErrorRules } from '../shared/graph-api.js';
import type { MessengerConfig } from './config.js';

/** Graph codes that mean "try again later": 613 rate limit, 4 app limit, 2 temporary. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([613, 4, 2]);

/** How Messenger's Graph errors are read. */
export const messengerErrorRules: GraphErrorRules = {
  platform: 'Messenger',
  retryableCodes: RETRYABLE_CODES,
  explain: (code, subcode) =>
    code === 10 && subcode === 2018278
      ? "Messenger refused the message: it is outside Messenger's 24-hour standard messaging window (code 10/2018278); the user must write first, or send with a message tag such as HUMAN_AGENT."
      : undefined,
};

/** Calls `path` below the Page (`me/messages`, `me/subscribed_apps?…`); throws SendError on failure. */
export async function callMessenger(ctx: SendContext<MessengerConfig>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  return callGraph(ctx.http, method, `${ctx.config.apiUrl}/${path}`, ctx.config.pageToken, messengerErrorRules, body);
}
