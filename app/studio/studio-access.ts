/**
 * Who may open the studio. In development (NODE_ENV not "production") it is on for the
 * machine it runs on, with no credentials; with PARLEY_STUDIO_TOKEN set it asks for the token
 * instead (and then works from any address). In production it is on only with the token.
 *
 * A session is a random id in an HttpOnly, SameSite=Strict cookie scoped to /studio. Requests
 * that change anything must also carry the session's CSRF token in a header and, when the
 * browser sends an Origin, come from the studio's own origin: a page on another site can make
 * the browser send the cookie (SameSite aside), but it cannot read the CSRF token or set the
 * header without a CORS preflight the studio never answers.
 */
import { randomBytes } from 'node:crypto';
import { safeEqual } from '../../engine/runtime/safe-equal.js';
import type { ParleyConfig } from '../config/parley-config.js';

/** How the studio is reached. */
export type StudioAccess = { mode: 'local' } | { mode: 'token'; token: string };

/** Who may open the studio, given PARLEY_STUDIO (`on`), PARLEY_STUDIO_TOKEN and NODE_ENV=production. */
export function studioAccess(options: { on: boolean; token?: string; production: boolean }): { access?: StudioAccess; reason?: string } {
  if (!options.on) return { reason: 'PARLEY_STUDIO=off' };
  const token = options.token;
  if (token) {
    if (token.length < 16) return { reason: 'PARLEY_STUDIO_TOKEN is shorter than 16 characters; use a long random value' };
    return { access: { mode: 'token', token } };
  }
  if (options.production) return { reason: 'set PARLEY_STUDIO_TOKEN to turn it on in production' };
  return { access: { mode: 'local' } };
}

/** {@link studioAccess} as the server reads it from its configuration. */
export function studioAccessFor(config: Pick<ParleyConfig, 'studio' | 'production'>): { access?: StudioAccess; reason?: string } {
  return studioAccess({ ...config.studio, production: config.production });
}

/** True for the loopback addresses a local browser connects from. */
export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'parley_studio';
/** The header that carries the CSRF token. */
export const CSRF_HEADER = 'x-parley-csrf';
/** How long a session lasts. */
export const SESSION_TTL_MS = 12 * 3600_000;

interface Session {
  csrf: string;
  expiresAt: number;
}

/** Sessions of this process (a restart logs everyone out, which is fine for a developer tool). */
export class StudioSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number) {}

  /** A new session: its cookie value and its CSRF token. */
  create(): { id: string; csrf: string } {
    for (const [id, s] of this.sessions) if (s.expiresAt <= this.now()) this.sessions.delete(id);
    // Bounded: the oldest session goes first.
    if (this.sessions.size >= 1000) this.sessions.delete(this.sessions.keys().next().value as string);
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.sessions.set(id, { csrf, expiresAt: this.now() + SESSION_TTL_MS });
    return { id, csrf };
  }

  /** The session's CSRF token when `id` is a live session. */
  csrfOf(id: string | undefined): string | undefined {
    const s = id ? this.sessions.get(id) : undefined;
    if (!s) return undefined;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(id!);
      return undefined;
    }
    return s.csrf;
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }
}

/** The Set-Cookie value of a session (Secure when the studio is served over HTTPS). */
export function sessionCookie(id: string, secure: boolean, maxAgeMs = SESSION_TTL_MS): string {
  return `${SESSION_COOKIE}=${id}; Path=/studio; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;
}

/**
 * The studio page's policy: only its own scripts, styles and connections; no inline code, no
 * framing, no plugins. Images may come from https (bots send media by URL).
 */
export const STUDIO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every studio answer. */
export const STUDIO_HEADERS: Record<string, string> = {
  'content-security-policy': STUDIO_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};
