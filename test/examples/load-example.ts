/** Loads an example bot from examples/<name> through the real loader (validation included). */
import { join } from 'node:path';
import { loadBot } from '../../engine/flow/load-bot.js';
import type { Bot } from '../../engine/flow/flow-types.js';

/** The folder of an example. */
export function exampleDir(name: string): string {
  return join(import.meta.dirname, '..', '..', 'examples', name);
}

/** Loads an example and fails on any diagnostic, warnings included: examples are meant to be clean. */
export async function loadExample(name: string, actions: string[] = []): Promise<Bot> {
  const result = await loadBot(exampleDir(name), { actions: ['vault.store', 'vault.reveal', 'http.request', 'log', ...actions] });
  if (result.diagnostics.length > 0 || !result.bot) {
    throw new Error(`examples/${name} does not validate:\n${result.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.col} ${d.code} ${d.message}`).join('\n')}`);
  }
  return result.bot;
}
