/**
 * `parley webhook set|info`, `parley messenger profile` and `parley send`: the platform
 * set-up and one-off sends, with the same base URLs and credentials as the server.
 */
import { adapters } from '../../adapters/registry.js';
import { createHttpClient } from '../../engine/runtime/http-client.js';
import { loadBot } from '../../engine/flow/load-bot.js';
import type { PlatformAdapter, SendContext } from '../../engine/types.js';

/** Where the command prints and what it reads. */
export interface PlatformCommandIo {
  env: Record<string, string | undefined>;
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Runs one platform command; resolves to the exit code. */
export async function runPlatformCommand(command: string, args: string[], io: PlatformCommandIo): Promise<number> {
  try {
    if (command === 'webhook') {
      const [sub, platform, url] = args;
      const { adapter, ctx } = configured(platform, io.env);
      if (!adapter.setup) throw new Error(`${platform} has no webhook set-up calls`);
      if (sub === 'set') {
        if (!url) throw new Error('usage: parley webhook set <platform> <public-url>');
        io.stdout((await adapter.setup.setWebhook(webhookUrl(url, platform), ctx)) + '\n');
        return 0;
      }
      if (sub === 'info') {
        io.stdout((await adapter.setup.webhookInfo(ctx)) + '\n');
        return 0;
      }
      throw new Error('usage: parley webhook set|info <platform> [public-url]');
    }
    if (command === 'messenger') {
      if (args[0] !== 'profile') throw new Error('usage: parley messenger profile [--flows dir]');
      const { adapter, ctx } = configured('messenger', io.env);
      const flows = args[1] === '--flows' && args[2] ? args[2] : (io.env.PARLEY_FLOWS ?? 'flows');
      const loaded = await loadBot(flows);
      if (!loaded.bot) throw new Error(`the flows in ${flows} have errors: run parley validate ${flows}`);
      const p = loaded.bot.config.profile ?? {};
      const text = await adapter.setup!.setProfile!(
        { greeting: p.greeting, getStartedPayload: p.get_started_payload, persistentMenu: p.persistent_menu },
        ctx,
      );
      io.stdout(text + '\n');
      return 0;
    }
    if (command === 'send') {
      const [platform, to, ...words] = args;
      if (!platform || !to || words.length === 0) throw new Error('usage: parley send <platform> <to> <text>');
      const { adapter, ctx } = configured(platform, io.env);
      const result = await adapter.send(to, { kind: 'text', text: words.join(' ') }, ctx);
      io.stdout(`sent to ${platform}:${to}; message ids: ${result.messageIds.join(', ') || '(none returned)'}\n`);
      return 0;
    }
    throw new Error(`unknown command ${command}`);
  } catch (err) {
    io.stderr(`parley ${command}: ${(err as Error).message}\n`);
    return 1;
  }
}

/** The platform's adapter with its configuration from the environment, or a clear error. */
function configured(platform: string | undefined, env: Record<string, string | undefined>): { adapter: PlatformAdapter<any>; ctx: SendContext<any> } {
  const adapter = platform ? adapters[platform] : undefined;
  if (!adapter) throw new Error(`unknown platform "${platform ?? ''}"; use one of ${Object.keys(adapters).join(', ')}`);
  const { config, missing } = adapter.configFromEnv(env);
  if (!config || missing.length > 0) throw new Error(`${platform} is not configured: set ${missing.join(', ')}`);
  return { adapter, ctx: { config, http: createHttpClient() } };
}

/** Accepts either the server's base URL or the full webhook URL. */
function webhookUrl(url: string, platform: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith(`/webhooks/${platform}`) ? trimmed : `${trimmed}/webhooks/${platform}`;
}
