/**
 * Builds a Bot from YAML texts for tests, without the validator: a text with a top-level
 * `bot:` key is the bot config, every other text is a flow. The version is a hash of the texts.
 */
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import type { Bot, BotConfig, Flow } from '../../engine/flow/flow-types.js';

/** Parses flow (and optional bot config) YAML texts into a Bot. */
export function botFromYaml(...texts: string[]): Bot {
  let config: BotConfig['bot'] = {};
  const flows: Flow[] = [];
  for (const text of texts) {
    const doc = parse(text) as Record<string, unknown>;
    if (doc && typeof doc === 'object' && 'bot' in doc && !('steps' in doc)) config = (doc as unknown as BotConfig).bot;
    else flows.push(doc as unknown as Flow);
  }
  const version = createHash('sha256').update(texts.join('\u0000')).digest('hex').slice(0, 16);
  return { config, flows, version };
}
