/**
 * Web chat configuration from the environment. The web platform needs no account anywhere:
 * in development it is on by default; in production it is on when the operator says which
 * sites may use it (PARLEY_WEB_ORIGINS) or gives clients a token (PARLEY_WEB_TOKEN).
 */
import type { AdapterConfigResult, EnvVarSpec } from '../../engine/types.js';
import { systemClock } from '../shared/clock.js';
import { WebHub } from './client.js';

/** What the web adapter needs. */
export interface WebConfig {
  /** Origins (scheme://host[:port]) whose pages may use the chat besides the server's own; `*` = any. */
  origins: string[];
  /** When set, requests from no allowed origin must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Where replies wait for (and stream to) the browsers of this process. */
  hub: WebHub;
  /** Interval of the keep-alive comment on open streams, so proxies do not cut them. */
  keepAliveMs: number;
  /** The clock used when the caller injects none (SendContext.now, ParseContext.now). */
  now(): number;
}

/** The variables the web chat reads. */
export const WEB_ENV: EnvVarSpec[] = [
  { name: 'PARLEY_WEB_ORIGINS', required: false, description: 'Comma-separated origins whose pages may use the web chat (`*` = any).' },
  { name: 'PARLEY_WEB_TOKEN', required: false, secret: true, description: 'Bearer token for web chat clients that are not listed pages.' },
  { name: 'PARLEY_WEB_KEEPALIVE_MS', required: false, default: '25000', description: 'Keep-alive interval of the reply stream (ms).' },
  {
    name: 'NODE_ENV',
    required: false,
    description: 'When "production", the web chat is on only with PARLEY_WEB_ORIGINS or PARLEY_WEB_TOKEN.',
  },
];

/** Reads PARLEY_WEB_ORIGINS (comma-separated), PARLEY_WEB_TOKEN, PARLEY_WEB_KEEPALIVE_MS and NODE_ENV. */
export function configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<WebConfig> {
  const origins = (env.PARLEY_WEB_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter((o) => o !== '');
  const token = env.PARLEY_WEB_TOKEN || undefined;
  // In production a public chat endpoint is opened only on purpose.
  if (env.NODE_ENV === 'production' && origins.length === 0 && !token) {
    return { missing: ['PARLEY_WEB_ORIGINS (or PARLEY_WEB_TOKEN)'] };
  }
  return {
    missing: [],
    config: { origins, token, hub: new WebHub(), keepAliveMs: Number(env.PARLEY_WEB_KEEPALIVE_MS ?? 25_000), now: systemClock },
  };
}
