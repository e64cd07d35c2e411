import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { loadBot, loadBotFromSources, type SourceText } from '../../engine/flow/load-bot.js';

const VALID = 'test/fixtures/flows/valid';
const validSources = (): SourceText[] =>
  readdirSync(VALID).sort().map((name) => ({ file: `${VALID}/${name}`, text: readFileSync(`${VALID}/${name}`, 'utf8') }));

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; col: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture does not contain ${needle}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function edit(sources: SourceText[], file: string, from: string, to: string): SourceText[] {
  return sources.map((s) => (s.file.endsWith(file) ? { ...s, text: s.text.replace(from, to) } : s));
}

describe('loadBot', () => {
  it('loads a valid folder with its settings, every flow and no diagnostics', async () => {
    const result = await loadBot(VALID);
    expect(result.diagnostics).toEqual([]);
    expect(result.bot?.config.command_prefix).toBe('!');
    expect(result.bot?.flows.map((f) => f.id).sort()).toEqual(['club-menu', 'commands', 'vault', 'welcome']);
    expect(result.bot?.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('accepts single files as paths', async () => {
    const result = await loadBot([`${VALID}/welcome.yaml`]);
    expect(result.bot?.flows.map((f) => f.id)).toEqual(['welcome']);
    expect(result.bot?.config).toEqual({});
  });
});

describe('loadBotFromSources', () => {
  it('gives the same version whatever the order of the sources, and another one after an edit', () => {
    const sources = validSources();
    const a = loadBotFromSources(sources).bot!.version;
    expect(loadBotFromSources([...sources].reverse()).bot!.version).toBe(a);
    expect(loadBotFromSources(edit(sources, 'welcome.yaml', 'Welcome!', 'Hi!')).bot!.version).not.toBe(a);
  });

  it('reports a misspelled key and a goto to a missing step in one run, each at its file:line:col', () => {
    let sources = edit(validSources(), 'club-menu.yaml', '      options:\n', '      optoins:\n');
    sources = edit(sources, 'commands.yaml', '    goto: echo\n', '    goto: ecoh\n');
    const result = loadBotFromSources(sources);
    const menu = sources.find((s) => s.file.endsWith('club-menu.yaml'))!.text;
    const commands = sources.find((s) => s.file.endsWith('commands.yaml'))!.text;
    const ecoh = positionOf(commands, 'ecoh');
    expect(result.bot).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => ({ code: d.code, file: d.span.file, line: d.span.line, col: d.span.col }))).toEqual([
      { code: 'SCHEMA_UNKNOWN_KEY', file: `${VALID}/club-menu.yaml`, ...positionOf(menu, 'optoins') },
      { code: 'UNKNOWN_STEP_TARGET', file: `${VALID}/commands.yaml`, ...ecoh },
    ]);
    expect(errors[0].message).toContain('did you mean `options`?');
    expect(errors[1].message).toContain('did you mean `echo`?');
  });

  it('still runs the cross-flow checks on a file that fails the schema', () => {
    const text = 'version: 1\nid: a\nsteps:\n  - say: hi\n    nxt: x\n  - goto: nowhere\n';
    const codes = loadBotFromSources([{ file: 'a.yaml', text }]).diagnostics.map((d) => d.code);
    expect(codes).toEqual(['SCHEMA_UNKNOWN_KEY', 'UNKNOWN_STEP_TARGET']);
  });

  it('reports a file that is a list instead of a map', () => {
    const [d] = loadBotFromSources([{ file: 'a.yaml', text: '- say: hi\n' }]).diagnostics;
    expect({ code: d.code, line: d.span.line, col: d.span.col }).toEqual({ code: 'SCHEMA_TYPE', line: 1, col: 1 });
  });

  it('reports a missing version at the top of the file', () => {
    const [d] = loadBotFromSources([{ file: 'a.yaml', text: 'id: a\nsteps:\n  - say: hi\n' }]).diagnostics;
    expect({ code: d.code, line: d.span.line, col: d.span.col }).toEqual({ code: 'SCHEMA_MISSING_KEY', line: 1, col: 1 });
  });

  it('reports a step with no kind key', () => {
    const [d] = loadBotFromSources([{ file: 'a.yaml', text: 'version: 1\nid: a\nsteps:\n  - id: lonely\n' }]).diagnostics;
    expect({ code: d.code, line: d.span.line, col: d.span.col }).toEqual({ code: 'SCHEMA_MISSING_KEY', line: 4, col: 5 });
  });

  it('reports an unknown key in a cross-flow target object once, at the key', () => {
    const text = 'version: 1\nid: a\nsteps:\n  - goto: { flow: b, stp: x }\n';
    const other = { file: 'b.yaml', text: 'version: 1\nid: b\nsteps:\n  - say: hi\n' };
    const found = loadBotFromSources([{ file: 'a.yaml', text }, other]).diagnostics.map((d) => [d.code, d.span.line, d.span.col]);
    expect(found).toEqual([['SCHEMA_UNKNOWN_KEY', 4, 22]]);
  });

  it('resolves flowId.stepId and { flow, step } targets into other flows', () => {
    const a = 'version: 1\nid: a\nsteps:\n  - say: hi\n    next: b.there\n';
    const b = 'version: 1\nid: b\nsteps:\n  - say: one\n    next: { flow: a }\n  - id: there\n    say: two\n';
    expect(loadBotFromSources([{ file: 'a.yaml', text: a }, { file: 'b.yaml', text: b }]).diagnostics).toEqual([]);
    const broken = loadBotFromSources([{ file: 'a.yaml', text: a.replace('b.there', 'b.where') }, { file: 'b.yaml', text: b }]);
    expect(broken.diagnostics.map((d) => [d.code, d.span.file, d.span.line, d.span.col])).toEqual([
      ['UNKNOWN_STEP_TARGET', 'a.yaml', 5, 11],
      // Nothing else leads to `there` once the target is wrong.
      ['UNREACHABLE_STEP', 'b.yaml', 6, 5],
    ]);
  });

  it('reports a trigger goto to a step its flow does not have', () => {
    const text = 'version: 1\nid: a\ntriggers:\n  - command: go\n    goto: later\nsteps:\n  - say: hi\n';
    const found = loadBotFromSources([{ file: 'a.yaml', text }]).diagnostics.map((d) => [d.code, d.span.line, d.span.col]);
    expect(found).toEqual([['UNKNOWN_STEP_TARGET', 5, 11]]);
  });

  it('does not call a loop through a menu a loop without input', () => {
    const text = 'version: 1\nid: a\nsteps:\n  - id: ask\n    menu:\n      text: Again?\n      options: [{ id: yes, title: Yes, next: ask }]\n';
    expect(loadBotFromSources([{ file: 'a.yaml', text }]).diagnostics).toEqual([]);
  });

  it('reads variables from with:, set and save without warning when they are defined', () => {
    const text = [
      'version: 1', 'id: a', 'steps:',
      '  - set: { tries: 0 }',
      '  - call: http.request', '    with: { id: "{{ tries + 1 }}" }', '    save: reply',
      '  - if: reply.ok && tries < 3', '    then: end',
      '  - say: "{{ reply.body | upper }} {{ match.0 }}"',
    ].join('\n');
    expect(loadBotFromSources([{ file: 'a.yaml', text }]).diagnostics).toEqual([]);
  });
});
