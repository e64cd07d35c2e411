/**
 * The API token check shared by the send API and the verbose health check.
 */
import { safeEqual } from '../engine/runtime/safe-equal.js';

/**
 * True when `authorization` is `Bearer <token>` for the configured token, compared in
 * constant time (safeEqual), so neither the content nor the length of the token leaks.
 * Always false when no token is configured.
 */
export function bearerMatches(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!m) return false;
  return safeEqual(m[1]!.trim(), token);
}
