/**
 * The lead's example-bot scenario over Viber: the real server, the Viber stand-in, and signed
 * callbacks with raw 64-bit tokens (keyboard presses as text echoing Parley's tracking_data).
 */
import type { RecordedRequest } from '../support/stand-ins/recording-server.js';
import { startViberApi } from '../support/stand-ins/viber-api.js';
import { signedViberBody, viberButtonPressBody, viberLifecycleBody, viberTextBody } from '../support/webhooks/viber.js';
import { describeExampleBot } from './example-bot-scenario.js';
import type { PlatformDriver, SeenReply } from './platform-driver.js';

const TOKEN = 'viber-e2e-token';

interface ViberBody {
  receiver: string;
  type: string;
  text?: string;
  keyboard?: { Buttons: { ActionBody: string; Text: string }[] };
}

/** The ids of the last keyboard sent to `user`, as Viber would echo them in tracking_data. */
const offered = new Map<string, string[]>();

const viberDriver: PlatformDriver = {
  name: 'viber',
  givesName: true,
  startApi: () => startViberApi({ authToken: TOKEN }),
  env: (url) => ({ VIBER_AUTH_TOKEN: TOKEN, VIBER_API_URL: url }),
  text: (user, text) => signedViberBody(viberTextBody({ id: user, name: 'Vb User' }, text), TOKEN),
  press: (user, option) =>
    signedViberBody(viberButtonPressBody({ id: user, name: 'Vb User' }, option.id, offered.get(user) ?? [option.id]), TOKEN),
  welcome: (user, name) => signedViberBody(viberLifecycleBody({ id: user, name }, 'subscribed'), TOKEN),
  sign: (body) => signedViberBody(body, TOKEN),
  forge: (hook) => ({ ...hook, headers: { ...hook.headers, 'x-viber-content-signature': '0'.repeat(64) } }),
  replies(requests: RecordedRequest[], user: string): SeenReply[] {
    return requests
      .filter((r) => r.path === '/pa/send_message' && (r.status ?? 200) < 300 && (r.body as ViberBody)?.receiver === user)
      .map((r) => r.body as ViberBody)
      .filter((b) => b.type === 'text')
      .map((b) => {
        if (!b.keyboard) return { text: b.text ?? '' };
        const options = b.keyboard.Buttons.map((btn) => ({ id: btn.ActionBody, title: btn.Text }));
        offered.set(user, options.map((o) => o.id));
        return { text: b.text ?? '', options };
      });
  },
};

describeExampleBot(viberDriver);
