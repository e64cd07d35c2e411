/**
 * Builds the webhook bodies the load generator sends: one Telegram `message` update per new
 * user, so every request starts a fresh conversation (the expensive path of a bot).
 */

/** Webhook secret every target is configured with. */
export const BENCH_SECRET = 'bench-secret-token';
/** Bot token every target is configured with (the stand-in accepts any). */
export const BENCH_TOKEN = '123456:bench-token';
/** Telegram's header carrying the webhook secret. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** The bot's own profile, given to grammY so it does not call getMe. */
export const BENCH_BOT_INFO = {
  id: 123456,
  is_bot: true as const,
  first_name: 'Bench Bot',
  username: 'bench_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** A Telegram update in which user `chatId` (a private chat) writes `text`. */
export function textUpdate(updateId: number, chatId: number, text: string): string {
  const user = { id: chatId, is_bot: false, first_name: `User ${chatId}`, language_code: 'es' };
  return JSON.stringify({
    update_id: updateId,
    message: {
      message_id: 1,
      from: user,
      chat: { id: chatId, type: 'private', first_name: user.first_name },
      date: Math.floor(Date.now() / 1000),
      text,
    },
  });
}
