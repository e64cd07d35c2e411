/**
 * The `parley` command line: validate, test, chat, graph, webhook set/info, messenger
 * profile, send, reload, transcript, replay. Every command reads its options from one table (command-specs.ts), so
 * `--help`/`-h` works everywhere and an unknown option is one line naming it.
 */
import { parseArgs } from 'node:util';
import { runValidate } from '../../engine/cli/validate-command.js';
import { runChat } from '../../engine/cli/chat-command.js';
import { runPlatformCommand } from './platform-commands.js';
import { runReloadCommand } from './reload-commands.js';
import { flowCheckOptions, registeredActions } from '../bot-actions.js';
import { COMMANDS, commandHelp, mainHelp, parseArgsOptions, type CommandSpec } from './command-specs.js';
import { runTestCommand } from './test-command.js';
import { runGraphCommand } from './graph-command.js';

/** Where commands print. */
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Parsed options of one command, or the exit code when parsing ended the command. */
type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] } | number;

function parse(spec: CommandSpec, args: string[], io: CliIo): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...parseArgsOptions(spec), help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    const option = /'([^']+)'/.exec((err as Error).message)?.[1];
    const what = option ? `unknown option ${option}` : (err as Error).message.split('\n')[0];
    io.stderr(`parley ${spec.name}: ${what}; see \`parley ${spec.name} --help\`\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(spec) + '\n');
    return 0;
  }
  return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout((topic ? commandHelp(topic) : mainHelp()) + '\n');
    return command === undefined ? 2 : 0;
  }
  const spec = COMMANDS.find((c) => c.name === command);
  if (!spec) {
    io.stderr(`parley: unknown command "${command}"\n\n${mainHelp()}\n`);
    return 2;
  }
  const parsed = parse(spec, rest, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const flows = (values.flows as string | undefined) ?? process.env.PARLEY_FLOWS ?? 'flows';
  const color = Boolean(process.stdout.isTTY);
  switch (spec.name) {
    case 'validate':
      return runValidate(positionals.length > 0 ? positionals : [flows], { ...io, color }, flowCheckOptions(await registeredActions(process.env)));
    case 'test':
      return runTestCommand({ paths: positionals, flows, values, io, color, env: process.env });
    case 'graph':
      return runGraphCommand({ paths: positionals.length > 0 ? positionals : [flows], values, io, env: process.env });
    case 'chat': {
      // The same actions and checks as the server and `parley validate` (PARLEY_ACTIONS included).
      const actions = await registeredActions(process.env);
      return runChat({
        flows,
        name: values.name as string | undefined,
        locale: values.locale as string | undefined,
        verbose: Boolean(values.verbose),
        record: values.record as string | undefined,
        input: process.stdin,
        ...io,
        actions,
        checks: flowCheckOptions(actions),
      });
    }
    case 'messenger':
      return runPlatformCommand('messenger', [...positionals, '--flows', flows], { env: process.env, ...io });
    case 'reload':
    case 'transcript':
    case 'replay':
      return runReloadCommand(spec.name, rest, { env: process.env, ...io });
    default:
      return runPlatformCommand(spec.name, positionals, { env: process.env, ...io });
  }
}
