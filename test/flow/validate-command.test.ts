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

  it('exits 1 and prints every error of every file with file:line:col, a code frame and a summary', async () => {
    const { out, io } = capture();
    const code = await runValidate(['test/fixtures/flows/broken/SCHEMA_UNKNOWN_KEY.yaml', 'test/fixtures/flows/broken/UNKNOWN_STEP_TARGET.yaml'], io);
    expect(code).toBe(1);
    expect(out.stderr).toContain('test/fixtures/flows/broken/SCHEMA_UNKNOWN_KEY.yaml:5:5 error SCHEMA_UNKNOWN_KEY');
    expect(out.stderr).toContain('test/fixtures/flows/broken/UNKNOWN_STEP_TARGET.yaml:6:11 error UNKNOWN_STEP_TARGET');
    expect(out.stderr).toContain('> 5 |   - sya: Bye');
    // The two files are copies of one flow id, so the duplicate is reported too.
    expect(out.stderr).toContain('3 errors, 0 warnings in 2 files');
  });

  it('exits 0 on warnings alone and still prints them', async () => {
    const { out, io } = capture();
    expect(await runValidate(['test/fixtures/flows/broken/UNREACHABLE_STEP.yaml'], io)).toBe(0);
    expect(out.stdout).toContain('UNREACHABLE_STEP.yaml:6:5 warning UNREACHABLE_STEP');
    expect(out.stdout).toContain('✓ 1 flow valid (0 errors, 1 warning in 1 file)');
  });

  it('exits 1 when the path does not exist', async () => {
    const { out, io } = capture();
    expect(await runValidate(['no/such/dir'], io)).toBe(1);
    expect(out.stderr).toContain('no/such/dir:1:1 error FILE_UNREADABLE');
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
