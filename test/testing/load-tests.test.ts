/**
 * loadTestSource: malformed test files get a code, a position and a fix, and a test naming
 * an unknown option, flow or step is refused before it runs.
 */
import { describe, expect, it } from 'vitest';
import { loadBot } from '../../engine/flow/load-bot.js';
import { loadTestSource } from '../../engine/testing/load-tests.js';
import { join } from 'node:path';

const { bot } = await loadBot(join(import.meta.dirname, '..', '..', 'flows'));

const load = (text: string) => loadTestSource('t.test.yaml', text, bot!, { platforms: ['telegram', 'whatsapp'] });
const summary = (text: string) => load(text).diagnostics.map((d) => ({ code: d.code, line: d.span.line, col: d.span.col, message: d.message }));

describe('loadTestSource', () => {
  it('reads a valid file with one test per entry', () => {
    const r = load('version: 1\ntests:\n  - name: a\n    turns:\n      - user: hi\n        bot: [Hola!, "Por favor elije una opción:"]\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.tests[0]).toMatchObject({ name: 'a', file: 't.test.yaml', span: { line: 3 }, turnSpans: [{ line: 5 }] });
  });

  it('reports YAML syntax errors with a position', () => {
    expect(summary('version: 1\ntests:\n  - name: "a\n')).toMatchObject([{ code: 'TEST_YAML_SYNTAX', line: 3 }]);
  });

  it('reports an unknown key with its position and a suggestion', () => {
    const [d] = summary('version: 1\ntests:\n  - name: a\n    turns:\n      - user: hi\n        bots: Hola!\n');
    expect(d).toMatchObject({ code: 'TEST_SCHEMA', line: 6, col: 9 });
    expect(d.message).toMatch(/bots.*did you mean `bot`/);
  });

  it('refuses a turn without an input, or with two', () => {
    expect(summary('version: 1\ntests:\n  - name: a\n    turns:\n      - bot: hi\n      - { user: hi, press: Pileta }\n')).toMatchObject([
      { code: 'TEST_TURN_INPUT', line: 5, message: expect.stringContaining('has no input') },
      { code: 'TEST_TURN_INPUT', line: 6, message: expect.stringContaining('has 2 inputs (user, press)') },
    ]);
  });

  it('refuses an unknown option, flow, step and platform before running, with suggestions', () => {
    const got = summary(`version: 1
tests:
  - name: a
    given: { at: club-menu.chose, user: { platform: telegrma } }
    turns:
      - press: Pilet
        flow: club-menus
        step: club-menu.pol
`);
    expect(got).toMatchObject([
      { code: 'TEST_UNKNOWN_PLATFORM', line: 4, message: expect.stringContaining('did you mean `telegram`') },
      { code: 'TEST_UNKNOWN_STEP', line: 4, message: expect.stringContaining('did you mean `choose`') },
      { code: 'TEST_UNKNOWN_OPTION', line: 6, col: 16, message: expect.stringContaining('did you mean `Pileta`') },
      { code: 'TEST_UNKNOWN_FLOW', line: 7, message: expect.stringContaining('did you mean `club-menu`') },
      { code: 'TEST_UNKNOWN_STEP', line: 8, message: expect.stringContaining('did you mean `pool`') },
    ]);
  });

  it('refuses a start at a step that does not wait', () => {
    expect(summary('version: 1\ntests:\n  - name: a\n    given: { at: club-menu.pool }\n    turns: [{ user: hi }]\n')).toMatchObject([
      { code: 'TEST_UNKNOWN_STEP', line: 4, message: expect.stringContaining('is a log step') },
    ]);
  });
});
