/**
 * Prints a test run for people: one line per test, and for each failure the test file's
 * `file:line:col`, a code frame of the test, and expected against actual.
 */
import { formatDiagnostic } from '../flow/format-diagnostic.js';
import type { FlowTestRun } from './run-flow-tests.js';
import type { TestResult } from './run-test.js';

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 0));

/** One failed test as text (header, frame, expected/actual lines). */
export function formatFailure(result: TestResult, sourceText?: string, color = false): string {
  const f = result.failure!;
  const [first, ...rest] = f.mismatches;
  const diag = { code: 'TEST_FAILED', severity: 'error' as const, span: f.span, message: `"${result.test.name}", turn ${f.turn + 1}: ${first.message}` };
  const lines = [formatDiagnostic(diag, sourceText, { color })];
  for (const m of [first, ...rest]) {
    if (m !== first) lines.push(`  also: ${m.message}`);
    if (m.expected !== undefined) lines.push(`  expected: ${show(m.expected)}`);
    if (m.actual !== undefined) lines.push(`  actual:   ${show(m.actual)}`);
  }
  return lines.join('\n');
}

/** The whole report; the last line is the summary. */
export function formatTestRun(run: FlowTestRun, options: { color?: boolean; verbose?: boolean } = {}): string {
  const out: string[] = [];
  for (const r of run.results) {
    if (r.ok) {
      if (options.verbose) out.push(`✓ ${r.test.name} (${r.test.file})`);
      continue;
    }
    out.push(`✗ ${r.test.name}`);
    out.push(formatFailure(r, run.loaded?.texts.get(r.test.file), options.color), '');
  }
  const failed = run.results.filter((r) => !r.ok).length;
  const ms = Math.round(run.results.reduce((s, r) => s + r.ms, 0));
  const files = run.loaded?.files.length ?? 0;
  out.push(`${failed === 0 ? '✓' : '✗'} ${run.results.length - failed} passed, ${failed} failed: ${run.results.length} tests in ${files} file${files === 1 ? '' : 's'} (${ms} ms)`);
  return out.join('\n');
}
