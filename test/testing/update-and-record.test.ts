/**
 * `parley test --update` rewrites what changed after showing the diff, and
 * `parley chat --record` saves a session as a test that passes on replay.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parley } from '../support/run-cli.js';
import { runChat } from '../../engine/cli/chat-command.js';

const FLOWS = join(import.meta.dirname, '..', '..', 'flows');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function copyOfFlows(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-flows-'));
  dirs.push(dir);
  await cp(FLOWS, dir, { recursive: true });
  return dir;
}

describe('parley test --update', () => {
  it('shows the diff, rewrites the failing expectation and keeps the file\'s comments', async () => {
    const dir = await copyOfFlows();
    const flow = join(dir, 'commands.yaml');
    await writeFile(flow, (await readFile(flow, 'utf8')).replace('Tell me what to repeat, e.g. !echo hello', 'What should I repeat? Try !echo hello'));
    const r = await parley('test', '--flows', dir, '--update');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- "Tell me what to repeat, e.g. !echo hello"\n  + "What should I repeat? Try !echo hello"');
    expect(r.stdout).toContain('updated 1 expectation of 1 failing test in 1 file');
    const text = await readFile(join(dir, 'tests', 'commands.test.yaml'), 'utf8');
    expect(text).toContain('# The "!" commands work from anywhere');
    expect(text).toContain('bot: What should I repeat? Try !echo hello');
    expect((await parley('test', '--flows', dir)).code).toBe(0);
  });
});

describe('parley chat --record', () => {
  it('saves the session as a test that passes when replayed', async () => {
    const dir = await copyOfFlows();
    const file = join(dir, 'tests', 'recorded.test.yaml');
    let out = '';
    const code = await runChat({
      flows: dir,
      name: 'Ana',
      record: file,
      input: Readable.from(['hola\n/press tennis\n!echo hi\n/subscribe\n']),
      stdout: (s) => void (out += s),
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(out).toContain(`Recorded 4 turns as a test in ${file}`);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*schemas\/flow-test\.schema\.json\n/);
    expect(text).toContain('press: tennis');
    const r = await parley('test', file, '--flows', dir);
    expect(r.stdout).toContain('✓ 1 passed, 0 failed');
    expect(r.code).toBe(0);
  });
});
