/**
 * The studio's calls: its JSON API (session cookie + CSRF header on writes), the web chat's
 * POST, and the two event streams.
 */
import type { Session, UserAction } from './types';

let csrf = '';

/** An API answer that was not 2xx. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'GET' ? {} : { 'x-parley-csrf': csrf }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, (data as { error?: string }).error ?? res.statusText);
  return data as T;
}

/** The session, or a 401 ApiError when a login is needed. */
export async function openSession(): Promise<Session> {
  const s = await call<Session>('GET', '/studio/api/session');
  csrf = s.csrf;
  return s;
}

export async function login(token: string): Promise<Session> {
  const s = await call<Session>('POST', '/studio/api/login', { token });
  csrf = s.csrf;
  return s;
}

export const get = <T>(path: string) => call<T>('GET', `/studio/api/${path}`);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', `/studio/api/${path}`, body);

/** A random id of the form the web platform wants. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends one user action to the bot through the web platform. */
export async function sendToBot(conversation: string, user: { name: string; locale: string }, action: UserAction): Promise<void> {
  const res = await fetch('/webhooks/web/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: randomId(), conversation, user, ...action }),
  });
  if (!res.ok) throw new ApiError(res.status, ((await res.json().catch(() => ({}))) as { error?: string }).error ?? res.statusText);
}
