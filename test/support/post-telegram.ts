/**
 * Posts a signed Telegram update to a running Parley, the way Telegram delivers a webhook,
 * and checks that the server took it (200): the steps of an end-to-end scenario.
 */
import { expect } from 'vitest';
import { request } from 'undici';
import { telegramDriver } from '../e2e/drivers/telegram-driver.js';

/** A webhook request as the Telegram driver builds it. */
export interface TelegramHook {
  headers: Record<string, string>;
  body: string;
}

/** POSTs `hook` to `<baseUrl>/webhooks/telegram` and expects 200. */
export async function postTelegram(baseUrl: string, hook: TelegramHook): Promise<void> {
  const res = await request(`${baseUrl}/webhooks/telegram`, { method: 'POST', headers: hook.headers, body: hook.body });
  await res.body.dump();
  expect(res.statusCode).toBe(200);
}

/** POSTs the text `text` from `user`. */
export function postTelegramText(baseUrl: string, user: string, text: string): Promise<void> {
  return postTelegram(baseUrl, telegramDriver.text(user, text));
}

