import { describe, expect, it } from 'vitest';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';

/** [code, line, col] of every diagnostic, and the messages. */
function check(...texts: string[]) {
  const result = loadBotFromSources(texts.map((text, i) => ({ file: `f${i}.yaml`, text })));
  return { found: result.diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.col]), messages: result.diagnostics.map((d) => d.message), bot: result.bot };
}
const flow = (id: string, body: string) => `version: 1\nid: ${id}\n${body}`;

describe('validation of the stack and timer language', () => {
  it('refuses an if: without then: (it used to validate and crash the compiler)', () => {
    const { found, messages } = check(flow('a', 'steps:\n  - if: "1 == 1"\n    else: b\n  - id: b\n    say: hi\n'));
    expect(found).toEqual([['SCHEMA_MISSING_KEY', 'f0.yaml', 4, 5]]);
    expect(messages[0]).toContain('add `then:`');
  });

  it('refuses an empty menu text, which would send an empty message', () => {
    const { found, messages } = check(flow('a', 'steps:\n  - menu:\n      text: ""\n      options: [ { id: a, title: A } ]\n'));
    expect(found).toEqual([['SCHEMA_VALUE', 'f0.yaml', 5, 13]]);
    expect(messages[0]).toContain('never empty');
  });

  it('refuses the same pattern in two flows, naming the flow that wins', () => {
    const { found, messages } = check(
      flow('a', "triggers: [ { pattern: '^hi$' } ]\nsteps:\n  - say: a\n"),
      flow('b', "triggers: [ { pattern: '^hi$' } ]\nsteps:\n  - say: b\n"),
    );
    expect(found).toEqual([['DUPLICATE_TRIGGER', 'f1.yaml', 3, 24]]);
    expect(messages[0]).toContain('already starts flow `a` (f0.yaml:3), which wins, so this trigger never fires');
  });

  it('lets the same pattern with other flags be', () => {
    expect(check(
      flow('a', "triggers: [ { pattern: '^hi$' } ]\nsteps:\n  - say: a\n"),
      flow('b', "triggers: [ { pattern: '^hi$', flags: i } ]\nsteps:\n  - say: b\n"),
    ).found).toEqual([]);
  });

  it('refuses a schedule without when or what, or with both in and at', () => {
    expect(check(flow('a', 'steps:\n  - schedule: { name: x, say: hi }\n')).found).toEqual([['SCHEDULE_INCOMPLETE', 'f0.yaml', 4, 5]]);
    const { found, messages } = check(flow('a', 'steps:\n  - schedule: { name: x, in: 1m, at: "{{ t }}", say: hi, flow: a }\n'));
    expect(found).toEqual([['SCHEDULE_INCOMPLETE', 'f0.yaml', 4, 5], ['UNDEFINED_VARIABLE', 'f0.yaml', 4, 39]]);
    expect(messages[0]).toBe('This schedule has both `in:` and `at:`; keep one, and `say:` and `flow:`; keep one; write e.g. `schedule: { name: x, in: 10m, say: "…" }`.');
  });

  it('checks the step a schedule starts like any other target, and counts it as reaching that step', () => {
    const { found } = check(flow('a', 'steps:\n  - schedule: { name: x, in: 1m, step: later }\n    next: end\n  - id: latr\n    say: hi\n'));
    expect(found).toEqual([['UNKNOWN_STEP_TARGET', 'f0.yaml', 4, 40], ['UNREACHABLE_STEP', 'f0.yaml', 6, 5]]);
    expect(check(flow('a', 'steps:\n  - schedule: { name: x, in: 1m, step: later }\n    next: end\n  - id: later\n    say: hi\n')).found).toEqual([]);
  });

  it('refuses an on_resume that is not reask, silent or { say }', () => {
    const { found, messages } = check(flow('a', 'steps:\n  - ask: { text: Name?, save: name }\n    on_resume: quiet\n'));
    expect(found).toEqual([['SCHEMA_VALUE', 'f0.yaml', 5, 16]]);
    expect(messages[0]).toMatch(/reask|silent/);
  });

  it('refuses a duration that is neither a duration nor a template', () => {
    expect(check(flow('a', 'steps:\n  - wait: 5 minutes\n')).found).toEqual([['SCHEMA_VALUE', 'f0.yaml', 4, 11]]);
    expect(check(flow('a', 'steps:\n  - set: { minutes: 5 }\n  - wait: "{{ minutes }}m"\n')).found).toEqual([]);
  });

  it('accepts cancel, end: all and {{ interrupted.flow }} without warnings', () => {
    expect(check(flow('a', 'steps:\n  - if: interrupted.flow\n    then: stop\n  - end: all\n  - id: stop\n    cancel: "Cancelled {{ interrupted.flow }}."\n')).found).toEqual([]);
  });
});
