/**
 * What `parley webhook set whatsapp|messenger` prints and checks. Meta has no API to set a
 * webhook callback URL for an app from a Page/number token, so the CLI prints exactly what
 * to paste into the App Dashboard and then plays Meta's GET handshake against the running
 * server, so a wrong verify token or an unreachable URL shows up before Meta tries.
 */
import { randomBytes } from 'node:crypto';
import { SendError } from '../../engine/errors.js';
import type { HttpClient } from '../../engine/types.js';

/** Plays Meta's subscription handshake against `url`; throws SendError when it fails. */
export async function checkHubHandshake(http: HttpClient, url: string, verifyToken: string): Promise<string> {
  const challenge = randomBytes(8).toString('hex');
  const query = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': challenge });
  let res;
  try {
    res = await http.request({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}${query}` });
  } catch (err) {
    throw new SendError(`could not reach ${url} to check the handshake (${(err as Error).message}); is the server running and public?`, {
      retryable: false,
      cause: err,
    });
  }
  if (res.status !== 200 || res.body !== challenge) {
    throw new SendError(
      `${url} answered the handshake with ${res.status} ${JSON.stringify(res.body.slice(0, 80))} instead of the challenge; ` +
        'check that the server runs with the same verify token',
      { status: res.status, retryable: false },
    );
  }
  return `✓ ${url} answered Meta's handshake with the challenge`;
}

/** The lines to paste into the App Dashboard. */
export function dashboardInstructions(product: string, where: string, url: string, verifyToken: string, fields: string): string {
  return [
    `In the Meta App Dashboard → ${product} → ${where}, set:`,
    `  Callback URL:  ${url}`,
    `  Verify token:  ${verifyToken}`,
    `  Subscribe to:  ${fields}`,
  ].join('\n');
}
