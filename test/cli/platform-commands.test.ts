/**
 * `parley webhook set|info`, `parley messenger profile` and `parley send` through
 * runPlatformCommand, against the platform stand-ins over real HTTP and, for the Meta
 * handshake checks, a running Parley.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlatformCommand } from '../../app/cli/platform-commands.js';
import { startTestParley, type TestParley } from '../support/parley-server.js';
import { graphErrorReply } from '../support/stand-ins/whatsapp-api.js';
import { closeStandIns, platformEnv, startStandIns, TG_SECRET, VIBER_TOKEN, type StandIns } from '../send-api/send-api-harness.js';

const FLOWS = join(import.meta.dirname, '..', '..', 'flows');

/** Runs one command and captures its exit code and output. */
async function run(env: Record<string, string | undefined>, command: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPlatformCommand(command, args, { env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('runPlatformCommand', () => {
  let apis: StandIns;
  let parley: TestParley;
  let env: Record<string, string>;

  beforeAll(async () => {
    apis = await startStandIns();
    env = {
      ...platformEnv('telegram', apis.telegram.url),
      ...platformEnv('viber', apis.viber.url),
      ...platformEnv('whatsapp', apis.whatsapp.url),
      ...platformEnv('messenger', apis.messenger.url),
      PARLEY_FLOWS: FLOWS,
    };
    // The Meta set-up commands check the handshake against the server itself.
    parley = await startTestParley(env);
  });
  afterAll(async () => {
    await parley?.stop();
    await closeStandIns(apis);
  });

  const last = (api: keyof StandIns, path: RegExp) => apis[api].requests.filter((r) => path.test(r.path)).at(-1);

  describe('webhook set|info telegram', () => {
    it('registers <url>/webhooks/telegram with the secret token and the updates Parley reads', async () => {
      const res = await run(env, 'webhook', 'set', 'telegram', 'https://bot.example.com/');
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(last('telegram', /\/setWebhook$/)!.body).toEqual({
        url: 'https://bot.example.com/webhooks/telegram',
        secret_token: TG_SECRET,
        allowed_updates: ['message', 'callback_query', 'my_chat_member'],
      });
      expect(res.stdout).toContain('https://bot.example.com/webhooks/telegram');
      expect(res.stdout).toContain('secret token');
    });

    it('keeps a full webhook URL as it is', async () => {
      expect((await run(env, 'webhook', 'set', 'telegram', 'https://bot.example.com/webhooks/telegram')).code).toBe(0);
      expect((last('telegram', /\/setWebhook$/)!.body as { url: string }).url).toBe('https://bot.example.com/webhooks/telegram');
    });

    it('shows what Telegram has registered', async () => {
      await run(env, 'webhook', 'set', 'telegram', 'https://info.example.com');
      const res = await run(env, 'webhook', 'info', 'telegram');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('url: https://info.example.com/webhooks/telegram');
      expect(last('telegram', /\/getWebhookInfo$/)).toBeDefined();
    });
  });

  describe('webhook set|info viber', () => {
    it('calls set_webhook with the event types Parley reads', async () => {
      const res = await run(env, 'webhook', 'set', 'viber', 'https://bot.example.com');
      expect(res.code).toBe(0);
      const call = last('viber', /\/pa\/set_webhook$/)!;
      expect(call.headers['x-viber-auth-token']).toBe(VIBER_TOKEN);
      expect(call.body).toEqual({
        url: 'https://bot.example.com/webhooks/viber',
        event_types: ['delivered', 'seen', 'failed', 'conversation_started'],
        send_name: true,
        send_photo: false,
      });
      expect(res.stdout).toContain('https://bot.example.com/webhooks/viber');
    });
  });

  describe('webhook set whatsapp|messenger (handshake against the running server)', () => {
    it('prints the dashboard settings for WhatsApp and confirms the handshake', async () => {
      const res = await run(env, 'webhook', 'set', 'whatsapp', parley.url);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`Callback URL:  ${parley.url}/webhooks/whatsapp`);
      expect(res.stdout).toContain('Verify token:  wa-verify');
      expect(res.stdout).toContain("answered Meta's handshake");
    });

    it('fails with exit 1 when the server runs with another verify token', async () => {
      const res = await run({ ...env, WHATSAPP_VERIFY_TOKEN: 'not-the-servers' }, 'webhook', 'set', 'whatsapp', parley.url);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr).toMatch(/403.*verify token/);
    });

    it('subscribes the Page, prints the dashboard settings for Messenger and confirms the handshake', async () => {
      const res = await run(env, 'webhook', 'set', 'messenger', parley.url);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const subscribe = last('messenger', /\/me\/subscribed_apps$/)!;
      expect(subscribe.method).toBe('POST');
      expect(subscribe.query.subscribed_fields).toContain('messages');
      expect(subscribe.headers.authorization).toBe('Bearer page-token');
      expect(res.stdout).toContain(`Callback URL:  ${parley.url}/webhooks/messenger`);
      expect(res.stdout).toContain("answered Meta's handshake");
    });

    it('fails with exit 1 on a wrong Messenger verify token', async () => {
      const res = await run({ ...env, MESSENGER_VERIFY_TOKEN: 'nope' }, 'webhook', 'set', 'messenger', parley.url);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('verify token');
    });
  });

  // After the set-up above: what each platform reports back as registered.
  describe('webhook info viber|messenger', () => {
    it.each([
      ['shows the webhook from get_account_info', 'viber', 'webhook: https://bot.example.com/webhooks/viber'],
      ['shows the apps the Page is subscribed to', 'messenger', 'Parley: messages, messaging_postbacks'],
    ])('%s (%s)', async (_name, platform, line) => {
      const res = await run(env, 'webhook', 'info', platform);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(line);
    });
  });

  describe('messenger profile', () => {
    it('sets get_started, greeting and persistent_menu from flows/bot.yaml', async () => {
      const res = await run(env, 'messenger', 'profile');
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(last('messenger', /\/me\/messenger_profile$/)!.body).toEqual({
        greeting: [{ locale: 'default', text: 'Parley Club: the pool, the tennis courts and the hall, one message away.' }],
        get_started: { payload: 'GET_STARTED' },
        persistent_menu: [
          {
            locale: 'default',
            composer_input_disabled: false,
            call_to_actions: [
              { type: 'postback', title: 'Menu', payload: 'MENU' },
              { type: 'postback', title: 'Help', payload: 'HELP' },
            ],
          },
        ],
      });
      for (const field of ['greeting', 'get_started', 'persistent_menu']) expect(res.stdout).toContain(field);
    });

    it("reports Messenger's refusal with exit 1", async () => {
      apis.messenger.fail(1, graphErrorReply(190, { status: 401, message: 'Invalid OAuth access token.' }));
      const res = await run(env, 'messenger', 'profile');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Invalid OAuth access token');
    });
  });

  describe('send', () => {
    it('sends the joined words as one text and prints the message id', async () => {
      const res = await run(env, 'send', 'telegram', '4242', 'hola', 'a', 'todos');
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(last('telegram', /\/sendMessage$/)!.body).toEqual({ chat_id: 4242, text: 'hola a todos' });
      expect(res.stdout).toMatch(/sent to telegram:4242; message ids: \d+/);
    });

    it("exits 1 with the platform's error when it refuses", async () => {
      apis.telegram.fail(1, { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
      const res = await run(env, 'send', 'telegram', '4242', 'hola');
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain('bot was blocked by the user');
    });
  });

  describe('errors before any call', () => {
    it('names the missing variables of an unconfigured platform', async () => {
      const { VIBER_AUTH_TOKEN: _v, WHATSAPP_TOKEN: _t, WHATSAPP_PHONE_NUMBER_ID: _p, ...partial } = env;
      let res = await run(partial, 'send', 'viber', 'abc', 'hola');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('viber is not configured: set VIBER_AUTH_TOKEN');
      res = await run(partial, 'webhook', 'set', 'whatsapp', 'https://x.example.com');
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/whatsapp is not configured: set .*WHATSAPP_TOKEN.*WHATSAPP_PHONE_NUMBER_ID|WHATSAPP_PHONE_NUMBER_ID.*WHATSAPP_TOKEN/);
    });

    it('refuses an unknown platform, naming the known ones', async () => {
      const res = await run(env, 'webhook', 'set', 'signal', 'https://x.example.com');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('unknown platform "signal"; use one of telegram');
    });

    it('prints the usage when arguments are missing', async () => {
      const before = apis.telegram.requests.length;
      expect((await run(env, 'webhook', 'set', 'telegram')).stderr).toContain('usage: parley webhook set <platform> <public-url>');
      expect((await run(env, 'send', 'telegram', '4242')).stderr).toContain('usage: parley send <platform> <to> <text>');
      expect((await run(env, 'webhook', 'delete', 'telegram')).code).toBe(1);
      expect(apis.telegram.requests.length).toBe(before);
    });
  });
});
