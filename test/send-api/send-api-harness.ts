/**
 * What the send-API tests share: the four platform stand-ins, the environment that turns the
 * platforms and the send API on, and a small client for the API over real HTTP.
 */
import { request } from 'undici';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { startCallbackReceiver, type CallbackReceiver } from './callback-receiver.js';
import { startMessengerApi } from '../support/stand-ins/messenger-api.js';
import type { RecordingServer } from '../support/stand-ins/recording-server.js';
import { startTelegramApi } from '../support/stand-ins/telegram-api.js';
import { startViberApi } from '../support/stand-ins/viber-api.js';
import { startWhatsappApi } from '../support/stand-ins/whatsapp-api.js';

export const API_TOKEN = 'parley-api-token-0123456789';
export const CALLBACK_SECRET = 'callback-secret-abcdef';
export const TG_TOKEN = '7311902846:AAE-sendapi';
export const TG_SECRET = 'tg-secret-send-api';
export const WA_PHONE_ID = '112233445566778';
export const WA_SECRET = 'wa_app_secret';
export const VIBER_TOKEN = '4a1f-viber-auth-token';
export const FB_SECRET = 'fb_app_secret';

/** The four platform stand-ins, by platform name. */
export interface StandIns {
  telegram: RecordingServer;
  whatsapp: RecordingServer;
  viber: RecordingServer;
  messenger: RecordingServer;
}

/** Starts every stand-in, each checking the credentials Parley is given. */
export async function startStandIns(): Promise<StandIns> {
  const [telegram, whatsapp, viber, messenger] = await Promise.all([
    startTelegramApi({ token: TG_TOKEN }),
    startWhatsappApi({ token: 'wa-token', phoneNumberId: WA_PHONE_ID }),
    startViberApi({ authToken: VIBER_TOKEN }),
    startMessengerApi({ token: 'page-token' }),
  ]);
  return { telegram, whatsapp, viber, messenger };
}

/** Closes every stand-in. */
export async function closeStandIns(apis: StandIns | undefined): Promise<void> {
  if (apis) await Promise.all(Object.values(apis).map((api: RecordingServer) => api.close()));
}

/** Environment variables of one platform pointed at `url`. */
export function platformEnv(platform: keyof StandIns, url: string): Record<string, string> {
  switch (platform) {
    case 'telegram':
      return { TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_API_URL: url };
    case 'whatsapp':
      return {
        WHATSAPP_TOKEN: 'wa-token',
        WHATSAPP_APP_SECRET: WA_SECRET,
        WHATSAPP_VERIFY_TOKEN: 'wa-verify',
        WHATSAPP_PHONE_NUMBER_ID: WA_PHONE_ID,
        WHATSAPP_API_URL: url,
      };
    case 'viber':
      return { VIBER_AUTH_TOKEN: VIBER_TOKEN, VIBER_API_URL: url };
    case 'messenger':
      return { MESSENGER_PAGE_TOKEN: 'page-token', MESSENGER_APP_SECRET: FB_SECRET, MESSENGER_VERIFY_TOKEN: 'fb-verify', MESSENGER_API_URL: url };
  }
}

/** Every platform on, plus the send API with a callback secret; fast retries. */
export function sendApiEnv(apis: StandIns): Record<string, string> {
  return {
    ...platformEnv('telegram', apis.telegram.url),
    ...platformEnv('whatsapp', apis.whatsapp.url),
    ...platformEnv('viber', apis.viber.url),
    ...platformEnv('messenger', apis.messenger.url),
    PARLEY_API_TOKEN: API_TOKEN,
    PARLEY_CALLBACK_SECRET: CALLBACK_SECRET,
    PARLEY_SEND_BASE_DELAY_MS: '50',
    // The callback receiver is a loopback stand-in: the outbound guard refuses loopback
    // unless the allow-list names it.
    PARLEY_OUTBOUND_ALLOW: '127.0.0.1',
  };
}

/** An HTTP answer with its body parsed when it is JSON. */
export interface ApiAnswer {
  status: number;
  contentType: string;
  text: string;
  json: any;
}

async function answer(res: Awaited<ReturnType<typeof request>>): Promise<ApiAnswer> {
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), text, json };
}

/** A client of one server's send API. */
export interface SendApiClient {
  /** POSTs `body` (an object, or exact text) to /api/v1/messages; `token: null` sends no header. */
  send(body: unknown, token?: string | null): Promise<ApiAnswer>;
  /** GET /api/v1/tasks/:id. */
  task(id: string, token?: string | null): Promise<ApiAnswer>;
  /** GET /api/v1/openapi.json. */
  openapi(): Promise<ApiAnswer>;
}

/** A client of the send API at `baseUrl`, with the right token unless told otherwise. */
export function sendApiClient(baseUrl: string): SendApiClient {
  const auth = (token: string | null | undefined): Record<string, string> =>
    token === null ? {} : { authorization: `Bearer ${token ?? API_TOKEN}` };
  return {
    async send(body, token) {
      const res = await request(`${baseUrl}/api/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(token) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return answer(res);
    },
    async task(id, token) {
      return answer(await request(`${baseUrl}/api/v1/tasks/${encodeURIComponent(id)}`, { headers: auth(token) }));
    },
    async openapi() {
      return answer(await request(`${baseUrl}/api/v1/openapi.json`));
    },
  };
}

/** Requests to a stand-in's send endpoint (Telegram sendMessage, Viber send_message, Graph messages). */
export function sends(api: RecordingServer): RecordingServer['requests'] {
  return api.requests.filter((r) => /\/(sendMessage|send_message|messages)$/.test(r.path) && r.method === 'POST');
}

/** The four stand-ins, a callback receiver and a Parley server with the send API on. */
export interface SendApiServer {
  apis: StandIns;
  receiver: CallbackReceiver;
  parley: TestParley;
  api: SendApiClient;
  stop(): Promise<void>;
}

/**
 * Starts everything a send-API test talks to; `stop()` closes it all. `env` adds to or
 * replaces the send-API variables; one set to undefined is left out.
 */
export async function startSendApiServer(env: Record<string, string | undefined> = {}): Promise<SendApiServer> {
  const apis = await startStandIns();
  const receiver = await startCallbackReceiver();
  const merged = Object.entries({ ...sendApiEnv(apis), ...env }).filter((e): e is [string, string] => e[1] !== undefined);
  const parley = await startTestParley(Object.fromEntries(merged));
  return {
    apis,
    receiver,
    parley,
    api: sendApiClient(parley.url),
    async stop() {
      await parley.stop();
      await receiver.close();
      await closeStandIns(apis);
    },
  };
}
