/**
 * Renders diagnostics for people: `file:line:col severity CODE message`, a code frame of the
 * source with a caret under the node at fault, and a one-line summary of a whole run.
 */
import { createRequire } from 'node:module';
import type { SourceSpan } from '../errors.js';

// @babel/code-frame (CommonJS, ~12 ms to load) is required only when a frame is drawn: the
// server formats start-up errors without source text and should not pay for it on every start.
const require = createRequire(import.meta.url);

/** What a diagnostic needs to be printed: flow and test diagnostics both have this shape. */
export interface PrintableDiagnostic {
  code: string;
  message: string;
  span: SourceSpan;
  severity: 'error' | 'warning';
  hint?: string;
}

/** How to render. */
export interface FormatOptions {
  /** ANSI colours (for terminals); default false. */
  color?: boolean;
}

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/**
 * One diagnostic as text. With `sourceText` (the file's content) a code frame follows the
 * header line; without it only the header (and hint) is printed.
 */
export function formatDiagnostic(d: PrintableDiagnostic, sourceText?: string, options: FormatOptions = {}): string {
  const color = options.color ?? false;
  const { file, line, col } = d.span;
  const severity = d.severity === 'error' ? paint(color, 31, 'error') : paint(color, 33, 'warning');
  const lines = [`${paint(color, 1, `${file}:${line}:${col}`)} ${severity} ${paint(color, 2, d.code)} ${d.message}`];
  if (sourceText !== undefined) {
    // A multi-line end would frame the whole block; one line under the start is what helps.
    const sameLine = d.span.endLine === line && d.span.endCol !== undefined && d.span.endCol > col;
    const loc = { start: { line, column: col }, ...(sameLine ? { end: { line, column: d.span.endCol! } } : {}) };
    const { codeFrameColumns } = require('@babel/code-frame') as typeof import('@babel/code-frame');
    lines.push(codeFrameColumns(sourceText, loc, { highlightCode: color, forceColor: color, linesAbove: 2, linesBelow: 1 }));
  }
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning in 4 files". */
export function formatSummary(diagnostics: readonly PrintableDiagnostic[], fileCount: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}`;
}
