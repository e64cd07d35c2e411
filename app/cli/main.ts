/**
 * The `parley` command line: validate, chat, webhook set/info, messenger profile, send.
 */
import { parseArgs } from 'node:util';
import { runValidate } from '../../engine/cli/validate-command.js';
import { runChat } from '../../engine/cli/chat-command.js';
import { runPlatformCommand } from './platform-commands.js';
import { flowCheckOptions, registeredActions } from '../bot-actions.js';

const USAGE = `usage: parley <command>

  validate [paths…]                     check flow files (default: flows/); exit 1 on errors
  chat [--flows dir] [--name Ana] [--locale es] [--verbose]
                                        talk to the bot in the terminal (works piped)
  webhook set <platform> <public-url>   register the webhook with the platform
  webhook info <platform>               show what the platform has registered
  messenger profile                     set Messenger's get-started button, greeting and menu
  send <platform> <to> <text>           send one message now

Platforms: telegram, whatsapp, viber, messenger. Credentials come from the same
environment variables as the server (see README).`;

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(
        rest.length > 0 ? rest : [process.env.PARLEY_FLOWS ?? 'flows'],
        { ...io, color: Boolean(process.stdout.isTTY) },
        flowCheckOptions(await registeredActions(process.env)),
      );
    case 'chat': {
      let values;
      try {
        ({ values } = parseArgs({
          args: rest,
          options: {
            flows: { type: 'string', default: process.env.PARLEY_FLOWS ?? 'flows' },
            name: { type: 'string' },
            locale: { type: 'string' },
            verbose: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
          },
        }));
      } catch (err) {
        io.stderr(`parley chat: ${(err as Error).message}\n\n${USAGE}\n`);
        return 2;
      }
      if (values.help) {
        io.stdout(USAGE + '\n');
        return 0;
      }
      // The same actions and checks as the server and `parley validate` (PARLEY_ACTIONS included).
      const actions = await registeredActions(process.env);
      return runChat({
        flows: values.flows!, name: values.name, locale: values.locale, verbose: values.verbose, input: process.stdin, ...io,
        actions, checks: flowCheckOptions(actions),
      });
    }
    case 'webhook':
    case 'messenger':
    case 'send':
      return runPlatformCommand(command, rest, { env: process.env, ...io });
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`parley: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}
