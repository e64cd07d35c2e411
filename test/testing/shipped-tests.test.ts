/**
 * The shipped tests are a real check of the shipped flows: on a copy of flows/ with one
 * reply changed, `parley test` fails at the line of the test that expects that reply.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parley } from '../support/run-cli.js';

const FLOWS = join(import.meta.dirname, '..', '..', 'flows');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('parley test on the example bot', () => {
  it('passes on the shipped flows', async () => {
    const r = await parley('test', '--flows', FLOWS);
    expect(r.stdout).toMatch(/✓ 11 passed, 0 failed: 11 tests in 4 files/);
    expect(r.code).toBe(0);
  });

  it('covers every step, edge and trigger of the example bot', async () => {
    const r = await parley('test', '--flows', FLOWS, '--coverage', '--min', '100');
    expect(r.stdout).toContain('coverage: steps 22/22 (100 %), edges 29/29 (100 %), triggers 12/12 (100 %); edges and triggers 100 %');
    expect(r.code).toBe(0);
  });

  it('fails --min and lists what a removed test no longer reaches, at file:line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-flows-'));
    dirs.push(dir);
    await cp(FLOWS, dir, { recursive: true });
    const tests = join(dir, 'tests', 'vault.test.yaml');
    await writeFile(tests, (await readFile(tests, 'utf8')).replace(/\n  - name: a failing vault says so[\s\S]*$/, '\n'));
    const r = await parley('test', '--flows', dir, '--min', '100');
    expect(r.code).toBe(1);
    // Positions read from the flow itself, so an edit above them does not break the test.
    const flowLines = (await readFile(join(dir, 'vault.yaml'), 'utf8')).split('\n');
    const lineOf = (text: string) => flowLines.findIndex((l) => l.includes(text)) + 1;
    expect(r.stdout).toContain(`${join(dir, 'vault.yaml')}:${lineOf('on_error: store_failed')}:15 edge on_error of vault.store → vault.store_failed is never taken`);
    expect(r.stdout).toContain(`${join(dir, 'vault.yaml')}:${lineOf('- id: store_failed')}:5 step vault.store_failed (say) is never entered`);
    expect(r.stderr).toContain('below --min 100 %');
  });

  it('fails at the test\'s line when one reply of a shipped flow changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-flows-'));
    dirs.push(dir);
    await cp(FLOWS, dir, { recursive: true });
    const file = join(dir, 'club-menu.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('Las canchas se reservan de 8 a 22 h.', 'Las canchas se reservan de 7 a 23 h.'));
    const testFile = join(dir, 'tests', 'club-menu.test.yaml');
    const line = (await readFile(testFile, 'utf8')).split('\n').findIndex((l) => l.includes('bot: "Elegiste Tenis')) + 1;
    const r = await parley('test', '--flows', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${testFile}:${line}:14 error TEST_FAILED "Tenis by its number, after a wrong answer", turn 2: the replies differ`);
    expect(r.stdout).toContain('actual:   ["Elegiste Tenis. Las canchas se reservan de 7 a 23 h."]');
    expect(r.stdout).toMatch(/✗ 10 passed, 1 failed/);
  });

  it('refuses to run when a test file is malformed, printing code, position and fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-flows-'));
    dirs.push(dir);
    await cp(FLOWS, dir, { recursive: true });
    await writeFile(join(dir, 'tests', 'broken.test.yaml'), 'version: 1\ntests:\n  - name: x\n    turns:\n      - press: Tennis\n');
    const r = await parley('test', '--flows', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.test.yaml:5:16 error TEST_UNKNOWN_OPTION No menu of the bot has an option `Tennis`');
    expect(r.stderr).toContain('no test was run');
    expect(r.stdout).toBe('');
  });

  it('keeps test files out of the bot: validate ignores them beside the flows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-flows-'));
    dirs.push(dir);
    await cp(FLOWS, dir, { recursive: true });
    await cp(join(dir, 'tests', 'vault.test.yaml'), join(dir, 'vault.test.yaml'));
    const r = await parley('validate', dir);
    expect(r.stdout).toContain('✓ 4 flows valid');
    expect(r.code).toBe(0);
  });
});
