/**
 * Start-up step: the platforms that are on. Each adapter reads its own variables
 * (configFromEnv); one without its required variables is off, with a line saying what to set.
 */
import { adapters as registry } from '../../adapters/registry.js';
import type { EnabledAdapter } from '../../engine/server/create-app.js';
import type { Logger } from '../../engine/runtime/logger.js';

/** The enabled adapters with their configuration, by platform name. */
export function buildAdapters(env: Record<string, string | undefined>, logger: Logger): Record<string, EnabledAdapter> {
  const enabled: Record<string, EnabledAdapter> = {};
  for (const [name, adapter] of Object.entries(registry)) {
    const { config, missing } = adapter.configFromEnv(env);
    if (config && missing.length === 0) enabled[name] = { adapter, config };
    else logger.info({ platform: name, missing }, `${name} is off: set ${missing.join(', ')} to turn it on`);
  }
  if (enabled.telegram && !(enabled.telegram.config as { webhookSecret?: string }).webhookSecret) {
    logger.warn({ platform: 'telegram' }, 'TELEGRAM_WEBHOOK_SECRET is not set: anyone who learns the webhook URL can post updates; set it and run parley webhook set telegram');
  }
  return enabled;
}
