/**
 * The web adapter: a chat in a browser page (a website widget, or the studio). Messages are
 * POSTed, replies stream back as server-sent events (routes in setup.ts); in between,
 * everything is the same pipeline as any platform (inbox, deduplication, order, outbox, timers).
 */
import type { PlatformAdapter } from '../../engine/types.js';
import { configFromEnv, WEB_ENV, type WebConfig } from './config.js';
import { parseWebRequest, WEB_PLATFORM } from './parse.js';
import { sendWebMessage, WEB_LIMITS } from './send.js';
import { webRoutes } from './setup.js';
import { verifyWebRequest } from './verify.js';

/** The web adapter value for the registry. */
export const webAdapter = {
  id: WEB_PLATFORM,
  limits: WEB_LIMITS,
  env: WEB_ENV,
  configFromEnv,
  verify: verifyWebRequest,
  parse: parseWebRequest,
  send: sendWebMessage,
  routes: webRoutes,
} satisfies PlatformAdapter<WebConfig>;
