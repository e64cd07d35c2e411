import { describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { loadBot } from '../../engine/flow/load-bot.js';
import { FLOW_ERROR_CODES, type FlowErrorCode } from '../../engine/flow/flow-diagnostic.js';
import type { PlatformLimits } from '../../engine/types.js';

const BROKEN = 'test/fixtures/flows/broken';
const limits: Record<string, PlatformLimits> = { whatsapp: { text: 4096, buttons: 3, optionTitle: 20, options: 3 } };

/** Each fixture holds exactly one problem: its code, file, line and column. */
const cases: { code: FlowErrorCode; file: string; line: number; col: number; severity?: 'warning' }[] = [
  { code: 'YAML_SYNTAX', file: 'YAML_SYNTAX.yaml', line: 4, col: 10 },
  { code: 'VERSION_UNSUPPORTED', file: 'VERSION_UNSUPPORTED.yaml', line: 1, col: 10 },
  { code: 'SCHEMA_UNKNOWN_KEY', file: 'SCHEMA_UNKNOWN_KEY.yaml', line: 5, col: 5 },
  { code: 'SCHEMA_MISSING_KEY', file: 'SCHEMA_MISSING_KEY.yaml', line: 5, col: 7 },
  { code: 'SCHEMA_TYPE', file: 'SCHEMA_TYPE.yaml', line: 7, col: 16 },
  { code: 'SCHEMA_VALUE', file: 'SCHEMA_VALUE.yaml', line: 5, col: 11 },
  { code: 'AMBIGUOUS_KIND', file: 'AMBIGUOUS_KIND.yaml', line: 5, col: 5 },
  { code: 'DUPLICATE_BOT_CONFIG', file: 'DUPLICATE_BOT_CONFIG/settings.yaml', line: 2, col: 1 },
  { code: 'DUPLICATE_FLOW_ID', file: 'DUPLICATE_FLOW_ID/b.yaml', line: 2, col: 5 },
  { code: 'DUPLICATE_STEP_ID', file: 'DUPLICATE_STEP_ID.yaml', line: 6, col: 9 },
  { code: 'DUPLICATE_OPTION_ID', file: 'DUPLICATE_OPTION_ID.yaml', line: 8, col: 17 },
  { code: 'UNKNOWN_STEP_TARGET', file: 'UNKNOWN_STEP_TARGET.yaml', line: 6, col: 11 },
  { code: 'UNKNOWN_FLOW_TARGET', file: 'UNKNOWN_FLOW_TARGET.yaml', line: 5, col: 11 },
  { code: 'UNREACHABLE_STEP', file: 'UNREACHABLE_STEP.yaml', line: 6, col: 5, severity: 'warning' },
  { code: 'LOOP_WITHOUT_INPUT', file: 'LOOP_WITHOUT_INPUT.yaml', line: 4, col: 5 },
  { code: 'BAD_PATTERN', file: 'BAD_PATTERN.yaml', line: 4, col: 14 },
  { code: 'UNSAFE_PATTERN', file: 'UNSAFE_PATTERN.yaml', line: 9, col: 16 },
  { code: 'BAD_EXPRESSION', file: 'BAD_EXPRESSION.yaml', line: 4, col: 17 },
  { code: 'UNDEFINED_VARIABLE', file: 'UNDEFINED_VARIABLE.yaml', line: 5, col: 17, severity: 'warning' },
  { code: 'DUPLICATE_TRIGGER', file: 'DUPLICATE_TRIGGER/b.yaml', line: 5, col: 14 },
  { code: 'MULTIPLE_FALLBACKS', file: 'MULTIPLE_FALLBACKS/b.yaml', line: 5, col: 5 },
  { code: 'TITLE_TOO_LONG', file: 'TITLE_TOO_LONG.yaml', line: 7, col: 30, severity: 'warning' },
  { code: 'TOO_MANY_OPTIONS', file: 'TOO_MANY_OPTIONS.yaml', line: 6, col: 7, severity: 'warning' },
  { code: 'UNKNOWN_ACTION', file: 'UNKNOWN_ACTION.yaml', line: 4, col: 11 },
  { code: 'SCHEDULE_INCOMPLETE', file: 'SCHEDULE_INCOMPLETE.yaml', line: 4, col: 5 },
  { code: 'NO_FLOWS', file: 'NO_FLOWS/bot.yaml', line: 1, col: 1 },
  { code: 'UNKNOWN_TRANSFORM', file: 'UNKNOWN_TRANSFORM.yaml', line: 5, col: 17 },
  { code: 'USER_FIELD_READ_ONLY', file: 'USER_FIELD_READ_ONLY.yaml', line: 4, col: 12 },
  { code: 'AMBIGUOUS_OPTION_WORD', file: 'AMBIGUOUS_OPTION_WORD.yaml', line: 8, col: 47 },
  { code: 'BAD_USER_FIELD_VALUE', file: 'BAD_USER_FIELD_VALUE.yaml', line: 4, col: 27 },
  { code: 'MULTIPLE_OPTION_NEXT', file: 'MULTIPLE_OPTION_NEXT.yaml', line: 9, col: 30 },
];

describe('loadBot on broken flows', () => {
  for (const c of cases) {
    it(`reports ${c.code} at ${c.file}:${c.line}:${c.col} and nothing else`, async () => {
      const path = `${BROKEN}/${c.file.includes('/') ? c.file.split('/')[0] : c.file}`;
      const result = await loadBot(path, { limits, actions: ['vault.store', 'vault.reveal'] });
      const found = result.diagnostics.map((d) => ({ code: d.code, file: basename(d.span.file), line: d.span.line, col: d.span.col, severity: d.severity }));
      expect(found).toEqual([{ code: c.code, file: basename(c.file), line: c.line, col: c.col, severity: c.severity ?? 'error' }]);
      // Warnings alone still give a bot; any error withholds it.
      expect(result.bot !== undefined).toBe(c.severity === 'warning');
    });
  }

  it('reports FILE_UNREADABLE for a path that does not exist', async () => {
    const result = await loadBot(`${BROKEN}/no-such-folder`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FILE_UNREADABLE']);
    expect(result.bot).toBeUndefined();
  });

  it('has a broken fixture for every code except FILE_UNREADABLE', () => {
    const covered = new Set<string>([...cases.map((c) => c.code), 'FILE_UNREADABLE']);
    expect(Object.keys(FLOW_ERROR_CODES).filter((code) => !covered.has(code))).toEqual([]);
  });
});
