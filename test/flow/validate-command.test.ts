import { describe, expect, it } from 'vitest';
import { runValidate } from '../../engine/cli/validate-command.js';
import { formatDiagnostic, formatSummary } from '../../engine/flow/format-diagnostic.js';
import { FlowDiagnostic } from '../../engine/flow/flow-diagnostic.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

describe('runValidate', () => {
  it('exits 0 and says how many flows are valid', async () => {
    const { out, io } = capture();
    expect(await runValidate(['test/fixtures/flows/valid'], io)).toBe(0);
    expect(out.stdout).toContain('✓ 4 flows valid');
    expect(out.stderr).toBe('');
  });

  // Each row: the paths, the exit code, the stream that reports and what it must contain.
  it.each<[string, string[], number, 'stdout' | 'stderr', string[]]>([
    ['exits 1 and prints every error of every file with file:line:col, a code frame and a summary',
      ['test/fixtures/flows/broken/SCHEMA_UNKNOWN_KEY.yaml', 'test/fixtures/flows/broken/UNKNOWN_STEP_TARGET.yaml'], 1, 'stderr', [
        'test/fixtures/flows/broken/SCHEMA_UNKNOWN_KEY.yaml:5:5 error SCHEMA_UNKNOWN_KEY',
        'test/fixtures/flows/broken/UNKNOWN_STEP_TARGET.yaml:6:11 error UNKNOWN_STEP_TARGET',
        '> 5 |   - sya: Bye',
        // The two files are copies of one flow id, so the duplicate is reported too.
        '3 errors, 0 warnings in 2 files',
      ]],
    ['exits 0 on warnings alone and still prints them', ['test/fixtures/flows/broken/UNREACHABLE_STEP.yaml'], 0, 'stdout', [
      'UNREACHABLE_STEP.yaml:6:5 warning UNREACHABLE_STEP',
      '✓ 1 flow valid (0 errors, 1 warning in 1 file)',
    ]],
    ['exits 1 when the path does not exist', ['no/such/dir'], 1, 'stderr', ['no/such/dir:1:1 error FILE_UNREADABLE']],
  ])('%s', async (_name, paths, code, stream, lines) => {
    const { out, io } = capture();
    expect(await runValidate(paths, io)).toBe(code);
    for (const line of lines) expect(out[stream]).toContain(line);
  });
});

describe('formatDiagnostic', () => {
  const source = 'version: 1\nid: a\nsteps:\n  - sya: hi\n';
  const d = new FlowDiagnostic('SCHEMA_UNKNOWN_KEY', 'Unknown key `sya` in step 1; did you mean `say`?', { file: 'a.yaml', line: 4, col: 5, endLine: 4, endCol: 8 });

  it('puts file:line:col, severity and code first, then a code frame with a caret under the node', () => {
    const text = formatDiagnostic(d, source, { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('a.yaml:4:5 error SCHEMA_UNKNOWN_KEY Unknown key `sya` in step 1; did you mean `say`?');
    expect(text).toContain('> 4 |   - sya: hi');
    expect(text).toContain('    |     ^^^');
  });

  it('prints only the header without the source, and colours only when asked', () => {
    expect(formatDiagnostic(d)).toBe('a.yaml:4:5 error SCHEMA_UNKNOWN_KEY Unknown key `sya` in step 1; did you mean `say`?');
    expect(formatDiagnostic(d, source, { color: true })).toContain('\u001b[31merror');
  });
});

describe('formatSummary', () => {
  it('counts errors, warnings and files', () => {
    const span = { file: 'a.yaml', line: 1, col: 1 };
    const ds = [
      new FlowDiagnostic('YAML_SYNTAX', 'x', span),
      new FlowDiagnostic('BAD_PATTERN', 'y', span),
      new FlowDiagnostic('UNREACHABLE_STEP', 'z', span, { severity: 'warning' }),
    ];
    expect(formatSummary(ds, 4)).toBe('2 errors, 1 warning in 4 files');
  });
});
