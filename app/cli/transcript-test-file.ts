/**
 * Turns a recorded transcript into a conversation test (`*.test.yaml`, the format of
 * `parley test`): each recorded input becomes a turn, the recorded replies its `bot:`.
 */
import { stringify } from 'yaml';
import type { TranscriptEntry } from '../../engine/runtime/version-store.js';

/** The YAML text of a test file with one test replaying `entries`. */
export function transcriptTestFile(key: string, entries: readonly TranscriptEntry[]): string {
  const first = entries[0]?.input.fields?.user as { name?: string; locale?: string } | undefined;
  const user = { platform: key.slice(0, key.indexOf(':')), ...(first?.name ? { name: first.name } : {}), ...(first?.locale ? { locale: first.locale } : {}) };
  const turns = entries.flatMap((e): Record<string, unknown>[] => {
    const bot = e.replies.flatMap((m) => (m.kind === 'text' || m.kind === 'options' ? [m.text] : []));
    const expect: Record<string, unknown> = bot.length === 0 ? { silent: true } : { bot: bot.length === 1 ? bot[0] : bot };
    const fields = (e.input.fields ?? {}) as Record<string, unknown>;
    if (e.input.kind === 'option') return [{ press: typeof fields.title === 'string' ? fields.title : e.input.option, ...expect }];
    if (e.input.kind === 'lifecycle' && typeof fields.lifecycle === 'string') return [{ event: fields.lifecycle, ...expect }];
    if (e.input.text !== undefined) return [{ user: e.input.text, ...expect }];
    return [];
  });
  const file = { version: 1, tests: [{ name: `recorded conversation ${key}`, given: { user }, turns }] };
  return `# yaml-language-server: $schema=../../schemas/flow-test.schema.json\n# Saved from the transcript of ${key} by parley transcript --test.\n${stringify(file)}`;
}
