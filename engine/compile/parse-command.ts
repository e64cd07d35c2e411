/**
 * Commands: `!name args` (bot prefix) or `/name args`. Adapters may also deliver a parsed
 * `command` event; both end up as the same `{ name, args }`.
 */

/** A command as flows see it in `{{ command.name }}` / `{{ command.args }}`. */
export interface ParsedCommand {
  /** Lower-cased, without the prefix or a `@BotName` suffix (group chats address bots that way). */
  name: string;
  /** The text after the first run of whitespace, as typed, without trailing whitespace. */
  args: string;
}

/** Reads a command from a text, or undefined when the text is not one. */
export function parseCommand(text: string, prefix = '!'): ParsedCommand | undefined {
  const prefixes = prefix && prefix !== '/' ? [prefix, '/'] : ['/'];
  const used = prefixes.find((p) => text.startsWith(p));
  if (!used) return undefined;
  const rest = text.slice(used.length);
  const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest);
  if (!m) return undefined;
  const name = normalizeCommandName(m[1]);
  if (!name) return undefined;
  return { name, args: (m[2] ?? '').trimEnd() };
}

/** Lower-cases a command name and drops a `@BotName` suffix (`Start@MyBot` → `start`). */
export function normalizeCommandName(name: string): string {
  const at = name.indexOf('@');
  return (at >= 0 ? name.slice(0, at) : name).toLowerCase();
}
