import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

// bin/parley.js only adds the exit code to main(); the child runs main() and exits with it.
const WRAP = `import { main } from ${JSON.stringify(join(root, 'app', 'cli', 'main.ts'))}; main(process.argv.slice(2)).then((c) => process.exit(c));`;
/** Runs `parley <args>` from the sources as a child process, with `input` on stdin. */
function run(args: string[], env: Record<string, string> = {}, input = '') {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  const entry = join(dir, 'cli.mts');
  writeFileSync(entry, WRAP);
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, env: { ...process.env, ...env }, input, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function botDir(flow: string, actions?: string): { dir: string; actions?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-chat-'));
  writeFileSync(join(dir, 'main.yaml'), flow);
  if (!actions) return { dir };
  const file = join(dir, 'actions.mjs');
  writeFileSync(file, actions);
  return { dir, actions: file };
}

const SHOUT = `version: 1
id: main
triggers: [ { fallback: true } ]
steps:
  - call: shout
    with: { text: "{{ input.text }}" }
    save: loud
  - say: "{{ loud.text }}"
`;

describe('parley chat', () => {
  it('runs the developer actions of PARLEY_ACTIONS', () => {
    const bot = botDir(SHOUT, "export const actions = [{ name: 'shout', async run(p) { return { text: String(p.text).toUpperCase() }; } }];");
    const r = run(['chat', '--flows', bot.dir], { PARLEY_ACTIONS: bot.actions! }, 'hello\n');
    expect(r.err).toBe('');
    expect(r.out).toContain('bot> HELLO');
    expect(r.code).toBe(0);
  });

  it('refuses flows that call an action nobody registered, like parley validate', () => {
    const bot = botDir(SHOUT);
    const r = run(['chat', '--flows', bot.dir], {}, 'hello\n');
    expect(r.code).toBe(1);
    expect(r.err).toContain('UNKNOWN_ACTION');
    expect(r.err).toMatch(/main\.yaml:5:11/);
  });

  it('shows a failed call without on_error in --verbose, and answers with the error reply', () => {
    const bot = botDir(SHOUT, "export const actions = [{ name: 'shout', async run() { throw new Error('the shouting service is down'); } }];");
    const r = run(['chat', '--verbose', '--flows', bot.dir], { PARLEY_ACTIONS: bot.actions! }, 'hello\n');
    expect(r.out).toContain('bot> Sorry, something went wrong. Please try again later.');
    expect(r.out).toMatch(/error> main\.@0 .*the shouting service is down/);
  });

  it('names the file:line of the step when a template fails at run time', () => {
    const bot = botDir('version: 1\nid: main\ntriggers: [ { fallback: true } ]\nsteps:\n  - say: "one moment"\n  - wait: "{{ minutes }}m"\n');
    const r = run(['chat', '--verbose', '--flows', bot.dir], {}, 'hello\n');
    expect(r.err).toMatch(/error> Turn failed at \S*main\.yaml:6:5 \(flow "main", step "@1"\): TimerValueError: .*"\{\{ minutes \}\}m" gave "m"/);
  });

  it('prints its usage for --help and an unknown option, without a stack trace', () => {
    const help = run(['chat', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage: parley chat [--flows dir]');
    const bad = run(['chat', '--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('parley chat: unknown option --bogus; see `parley chat --help`\n');
    expect(bad.err).not.toMatch(/\n\s+at /);
  });
});
