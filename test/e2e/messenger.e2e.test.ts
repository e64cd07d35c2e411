import { startMessengerApi } from '../support/stand-ins/messenger-api.js';
import { messengerGetStartedBody, messengerQuickReplyBody, messengerTextBody, signedMetaBody } from '../support/webhooks/meta.js';
import type { RecordedRequest } from '../support/stand-ins/recording-server.js';
import { describeHandshake } from './describe-handshake.js';
import { describeExampleBot } from './example-bot-scenario.js';
import type { PlatformDriver, SeenReply } from './platform-driver.js';

const SECRET = 'fb_app_secret';
const env = (url: string) => ({ MESSENGER_PAGE_TOKEN: 'page-token', MESSENGER_APP_SECRET: SECRET, MESSENGER_VERIFY_TOKEN: 'fb-verify', MESSENGER_API_URL: url });

interface FbBody {
  recipient: { id: string };
  sender_action?: string;
  message?: { text?: string; quick_replies?: { title: string; payload: string }[] };
}

/** Messenger, as a user of the example bot meets it. */
export const messengerDriver: PlatformDriver = {
  name: 'messenger',
  givesName: false,
  startApi: () => startMessengerApi({ token: 'page-token' }),
  env,
  text: (user, text) => signedMetaBody(messengerTextBody(user, text), SECRET),
  press: (user, option) => signedMetaBody(messengerQuickReplyBody(user, option), SECRET),
  // Messenger does not send the user's name; the welcome works without it.
  welcome: (user) => signedMetaBody(messengerGetStartedBody(user), SECRET),
  sign: (body) => signedMetaBody(body, SECRET),
  forge: (hook) => ({ ...hook, headers: { ...hook.headers, 'x-hub-signature-256': 'sha256=' + 'f'.repeat(64) } }),
  replies(requests: RecordedRequest[], user: string): SeenReply[] {
    return requests
      .filter((r) => r.path.endsWith('/me/messages') && (r.status ?? 200) < 300)
      .map((r) => r.body as FbBody)
      .filter((b) => b?.recipient?.id === user && b.message?.text !== undefined)
      .map((b) => ({
        text: b.message!.text!,
        ...(b.message!.quick_replies ? { options: b.message!.quick_replies.map((q) => ({ id: q.payload, title: q.title })) } : {}),
      }));
  },
};

describeExampleBot(messengerDriver);

describeHandshake('Messenger specifics (real HTTP)', 'messenger', env('http://127.0.0.1:9'), [
  ['echoes hub.challenge with the right verify token and refuses a wrong one', [
    { verifyToken: 'fb-verify', challenge: '42', status: 200, body: '42' },
    { verifyToken: 'wrong', status: 403 },
  ]],
]);
