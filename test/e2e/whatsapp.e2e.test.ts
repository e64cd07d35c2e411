import { expect, it } from 'vitest';
import { request } from 'undici';
import { startWhatsappApi } from '../support/stand-ins/whatsapp-api.js';
import { signedMetaBody, whatsappOptionBody, whatsappTextBody } from '../support/webhooks/meta.js';
import type { RecordedRequest } from '../support/stand-ins/recording-server.js';
import { describeHandshake } from './describe-handshake.js';
import { describeExampleBot } from './example-bot-scenario.js';
import type { PlatformDriver, SeenReply } from './platform-driver.js';

const SECRET = 'wa_app_secret';
const PHONE_ID = '112233445566778';
const env = (url: string) => ({ WHATSAPP_TOKEN: 'wa-token', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: 'wa-verify', WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: url });

interface WaBody {
  to: string;
  type: string;
  text?: { body: string };
  interactive?: {
    type: string;
    body: { text: string };
    action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] };
  };
}

/** WhatsApp, as a user of the example bot meets it. */
export const whatsappDriver: PlatformDriver = {
  name: 'whatsapp',
  givesName: true,
  startApi: () => startWhatsappApi({ token: 'wa-token', phoneNumberId: PHONE_ID }),
  env,
  text: (user, text) => signedMetaBody(whatsappTextBody({ waId: user, name: 'Wa User' }, text), SECRET),
  press: (user, option) => signedMetaBody(whatsappOptionBody({ waId: user, name: 'Wa User' }, option), SECRET),
  // WhatsApp has no subscribe event: a first "hi" is how conversations start; the welcome
  // is covered by the lifecycle platforms. Here the user says /start, which the bot welcomes.
  welcome: (user, name) => signedMetaBody(whatsappTextBody({ waId: user, name }, '/start'), SECRET),
  sign: (body) => signedMetaBody(body, SECRET),
  forge: (hook) => ({ ...hook, headers: { ...hook.headers, 'x-hub-signature-256': 'sha256=' + '0'.repeat(64) } }),
  replies(requests: RecordedRequest[], user: string): SeenReply[] {
    return requests
      .filter((r) => r.path.endsWith('/messages') && (r.status ?? 200) < 300 && (r.body as WaBody)?.to === user && r.rawBody !== '')
      .map((r) => r.body as WaBody)
      .filter((b) => b.type === 'text' || b.type === 'interactive')
      .map((b) =>
        b.type === 'text'
          ? { text: b.text!.body }
          : {
              text: b.interactive!.body.text,
              options: b.interactive!.action.buttons
                ? b.interactive!.action.buttons.map((x) => x.reply)
                : b.interactive!.action.sections!.flatMap((s) => s.rows.map((row) => ({ id: row.id, title: row.title }))),
            },
      );
  },
};

describeExampleBot(whatsappDriver);

describeHandshake(
  'WhatsApp webhook handshake (real HTTP)',
  'whatsapp',
  env('http://127.0.0.1:9'),
  [
    ['echoes hub.challenge with the right verify token', [{ verifyToken: 'wa-verify', challenge: 'ch4ll3nge', status: 200, body: 'ch4ll3nge' }]],
    ['answers 403 to a wrong verify token', [{ verifyToken: 'nope', status: 403 }]],
  ],
  (parley) => {
    it('answers 404 on a platform that is not configured', async () => {
      const res = await request(`${parley().url}/webhooks/viber`, { method: 'POST', body: '{}' });
      expect(res.statusCode).toBe(404);
      await res.body.dump();
    });
  },
);
