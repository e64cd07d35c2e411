/**
 * What each `parley` command takes, in one table: its options (read by node:util
 * parseArgs, which refuses unknown ones) and the help text `parley <command> --help` prints.
 */
import type { ParseArgsConfig } from 'node:util';

/** One option: parseArgs' own description of it plus its help line. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { help: string };

/** The options as node:util parseArgs takes them (without the help lines). */
export function parseArgsOptions(spec: CommandSpec): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(spec.options).map(([name, { help: _help, ...option }]) => [name, option]));
}

/** One command's usage, options and an example. */
export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Each option once: how parseArgs reads it and the line `--help` prints for it. */
  options: Record<string, OptionSpec>;
  examples: string[];
}

/** The --flows option, which several commands take. */
const FLOWS_OPTION: OptionSpec = { type: 'string', help: 'flow folder (default: $PARLEY_FLOWS or flows/)' };

/** Every command, in the order `parley --help` lists them. */
export const COMMANDS: CommandSpec[] = [
  {
    name: 'validate',
    summary: 'check flow files; exit 1 on errors',
    usage: 'parley validate [paths…]',
    options: {},
    examples: ['parley validate flows/'],
  },
  {
    name: 'test',
    summary: 'run the conversation tests (*.test.yaml); exit 1 on a failure',
    usage: 'parley test [paths…] [--flows dir] [--coverage] [--min percent] [--generate flows [--out file]] [--update]',
    options: {
      flows: FLOWS_OPTION,
      coverage: { type: 'boolean', help: 'report every step, labelled edge and trigger no test reached, at file:line, with totals' },
      min: { type: 'string', help: 'fail when the edges and triggers covered are below this percent (implies --coverage)' },
      generate: { type: 'string', help: 'write tests reaching every uncovered edge of these flows (comma-separated ids, or "all")' },
      out: { type: 'string', help: 'with --generate: the file to write (default: <tests folder>/generated.test.yaml)' },
      update: { type: 'boolean', help: 'rewrite the expectations of failing tests from what the bot now says (shows the diff)' },
      filter: { type: 'string', help: 'run only tests whose name contains this text' },
      verbose: { type: 'boolean', short: 'v', help: 'list passing tests too' },
    },
    examples: ['parley test', 'parley test flows/tests/vault.test.yaml', 'parley test --coverage --min 100', 'parley test --generate club-menu', 'parley test --update'],
  },
  {
    name: 'chat',
    summary: 'talk to the bot in the terminal (works piped)',
    usage: 'parley chat [--flows dir] [--name Ana] [--locale es] [--verbose] [--record file.test.yaml]',
    options: {
      name: { type: 'string', help: 'the user\'s name as a platform would tell it' },
      locale: { type: 'string', help: 'the user\'s language tag, e.g. es' },
      verbose: { type: 'boolean', help: 'show log steps' },
      record: { type: 'string', help: 'save the session as a conversation test when it ends' },
      flows: FLOWS_OPTION,
    },
    examples: ['parley chat --name Ana', 'printf "hola\\n2\\n" | parley chat --record flows/tests/menu.test.yaml'],
  },
  {
    name: 'graph',
    summary: 'draw the flows: steps, labelled edges, triggers, sub-flow calls',
    usage: 'parley graph [paths…] [--format svg|dot|mermaid] [--out file] [--coverage]',
    options: {
      format: { type: 'string', help: 'svg (default, rendered without a browser), dot or mermaid' },
      out: { type: 'string', short: 'o', help: 'write to this file instead of standard output' },
      coverage: { type: 'boolean', help: 'run the tests and draw the edges no test reached in red, dashed' },
      tests: { type: 'string', help: 'with --coverage: where the tests are (default: the flow paths)' },
    },
    examples: ['parley graph flows/ --format svg --out bot.svg', 'parley graph flows/ --format mermaid', 'parley graph --coverage -o coverage.svg'],
  },
  {
    name: 'webhook',
    summary: 'register the webhook with a platform, or show what it has registered',
    usage: 'parley webhook set <platform> <public-url>\n       parley webhook info <platform>',
    options: {},
    examples: ['parley webhook set telegram https://bot.example.com', 'parley webhook info viber'],
  },
  {
    name: 'messenger',
    summary: 'set Messenger\'s get-started button, greeting and menu from bot.yaml',
    usage: 'parley messenger profile [--flows dir]',
    options: { flows: FLOWS_OPTION },
    examples: ['parley messenger profile'],
  },
  {
    name: 'send',
    summary: 'send one message now',
    usage: 'parley send <platform> <to> <text…>',
    options: {},
    examples: ['parley send telegram 123456 "The pool opens at 9 today."'],
  },
  {
    name: 'reload',
    summary: 'reload a running server\'s flows, or with --dry-run say what it would do to live conversations',
    usage: 'parley reload [--dry-run] [--url URL]',
    options: { 'dry-run': { type: 'boolean', help: 'switch nothing: count the live conversations waiting in each changed or removed step' }, url: { type: 'string', help: 'the server (default: $PARLEY_URL or http://127.0.0.1:$PORT); authenticates with $PARLEY_API_TOKEN' } },
    examples: ['parley reload --dry-run', 'PARLEY_URL=https://bot.example.com parley reload'],
  },
  {
    name: 'transcript',
    summary: 'a conversation\'s recorded turns, or save them as a test',
    usage: 'parley transcript <conversation> [--json] [--test file.test.yaml] [--url URL]',
    options: { json: { type: 'boolean', help: 'print the turns as JSON' }, test: { type: 'string', help: 'write the turns as a conversation test to this file' }, url: { type: 'string', help: 'the server (default: $PARLEY_URL or http://127.0.0.1:$PORT); authenticates with $PARLEY_API_TOKEN' } },
    examples: ['parley transcript telegram:582043117', 'parley transcript telegram:582043117 --test flows/tests/ana.test.yaml'],
  },
  {
    name: 'replay',
    summary: 'replay recorded conversations on candidate flows; exit 1 when any answers differently',
    usage: 'parley replay [--since 7d] [--flows dir]',
    options: { since: { type: 'string', help: 'how far back to replay (default: 7d)' }, flows: FLOWS_OPTION },
    examples: ['parley replay --since 2d --flows candidate-flows/'],
  },
];

/** `parley <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`${spec.summary}`, '', `usage: ${spec.usage}`];
  const names = Object.keys(spec.options);
  if (names.length > 0) {
    lines.push('', 'options:');
    const flag = (n: string) => `${spec.options[n].short ? `-${spec.options[n].short}, ` : ''}--${n}${spec.options[n].type === 'string' ? ' <value>' : ''}`;
    const width = Math.max(...names.map((n) => flag(n).length), '-h, --help'.length);
    for (const n of names) lines.push(`  ${flag(n).padEnd(width)}  ${spec.options[n].help}`);
    lines.push(`  ${'-h, --help'.padEnd(width)}  show this help`);
  } else lines.push('', 'options:', '  -h, --help  show this help');
  lines.push('', spec.examples.length === 1 ? 'example:' : 'examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n');
}

/** `parley --help`. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: parley <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `parley <command> --help` for a command\'s options and examples.',
    'Platforms: telegram, whatsapp, viber, messenger. Credentials come from the same',
    'environment variables as the server (see README).',
  ].join('\n');
}
