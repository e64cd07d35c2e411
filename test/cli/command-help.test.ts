/**
 * Every command explains itself: `--help`/`-h` print usage, options and an example with
 * exit 0, and an unknown option is one line naming it.
 */
import { describe, expect, it } from 'vitest';
import { parley } from '../support/run-cli.js';
import { COMMANDS } from '../../app/cli/command-specs.js';

describe('parley --help', () => {
  it('lists every command', async () => {
    const r = await parley('--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}`);
  });

  for (const c of COMMANDS) {
    it(`parley ${c.name} --help and -h print usage, options and an example`, async () => {
      for (const flag of ['--help', '-h']) {
        const r = await parley(c.name, flag);
        expect(r).toMatchObject({ code: 0, stderr: '' });
        expect(r.stdout).toContain(`usage: parley ${c.name}`);
        expect(r.stdout).toContain('options:');
        expect(r.stdout).toMatch(/examples?:\n {2}parley /);
      }
    });
  }

  it('answers an unknown option with one line naming it, exit 2', async () => {
    for (const c of COMMANDS) {
      const r = await parley(c.name, '--colour');
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`parley ${c.name}: unknown option --colour; see \`parley ${c.name} --help\`\n`);
    }
  });

  it('answers an unknown command with the command list', async () => {
    const r = await parley('tset');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "tset"');
  });
});
