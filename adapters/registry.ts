/**
 * The one registry of platform adapters. Adding a platform means adding a folder with the
 * same files as the others and one line here.
 */
import type { PlatformAdapter } from '../engine/types.js';
import type { RateLimit } from '../engine/runtime/rate-limiter.js';
import { telegramAdapter } from './telegram/index.js';
import { whatsappAdapter } from './whatsapp/index.js';
import { viberAdapter } from './viber/index.js';
import { messengerAdapter } from './messenger/index.js';
import { webAdapter } from './web/index.js';

/** Every adapter, by route name. */
export const adapters: Record<string, PlatformAdapter<any>> = {
  telegram: telegramAdapter,
  whatsapp: whatsappAdapter,
  viber: viberAdapter,
  messenger: messengerAdapter,
  web: webAdapter,
};

/**
 * Default outbound rates from the platforms' published limits (docs/platforms.md):
 * Telegram ~30 msg/s overall and ~1 msg/s per chat with short bursts; WhatsApp 80 msg/s per
 * number; Viber has no documented per-second cap; Messenger 300 calls/s per Page.
 * The web chat streams to browsers of this process and needs no limit.
 * Override with PARLEY_RATE_<PLATFORM>=perSecond,perChatPerSecond,burst.
 */
export const defaultRateLimits: Record<string, RateLimit> = {
  telegram: { perSecond: 30, perConversationPerSecond: 1, burst: 3 },
  whatsapp: { perSecond: 80, perConversationPerSecond: 0, burst: 1 },
  viber: { perSecond: 100, perConversationPerSecond: 0, burst: 1 },
  messenger: { perSecond: 300, perConversationPerSecond: 0, burst: 1 },
  web: { perSecond: 0, perConversationPerSecond: 0, burst: 1 },
};
