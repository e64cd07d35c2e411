/**
 * What the flow loader reports: one FlowDiagnostic per problem, each with a code from a
 * closed set, a severity and the span of the YAML node at fault. Diagnostics are collected,
 * never thrown, so one run shows every problem of every file.
 */
import { ParleyError, type SourceSpan } from '../errors.js';

/** Every problem the loader can report, with a one-line description (the README lists these). */
export const FLOW_ERROR_CODES = {
  FILE_UNREADABLE: 'A path given to the loader does not exist or cannot be read.',
  NO_FLOWS: 'The paths hold no flow files (*.yaml or *.yml).',
  YAML_SYNTAX: 'The file is not valid YAML (bad indentation, unclosed quote, duplicate key, …).',
  VERSION_UNSUPPORTED: 'The file\'s `version:` is not a version this engine understands (only 1).',
  SCHEMA_UNKNOWN_KEY: 'A key the flow language does not have, usually a misspelling.',
  SCHEMA_MISSING_KEY: 'A required key is missing (e.g. a step without a kind, an ask without `save`).',
  SCHEMA_TYPE: 'A value has the wrong type (e.g. a list where text is expected).',
  SCHEMA_VALUE: 'A value has the right type but a wrong form (bad id, duration, enum value, empty list).',
  AMBIGUOUS_KIND: 'A step or trigger has two kind keys (e.g. `say` and `menu`); each does exactly one thing.',
  DUPLICATE_BOT_CONFIG: 'More than one file has a top-level `bot:` key.',
  DUPLICATE_FLOW_ID: 'Two flows have the same id.',
  DUPLICATE_STEP_ID: 'Two steps of one flow have the same id.',
  DUPLICATE_OPTION_ID: 'Two options of one menu have the same id.',
  UNKNOWN_STEP_TARGET: 'A next/goto/option/then/else/on_error/on_fail names a step that does not exist.',
  UNKNOWN_FLOW_TARGET: 'A target or `flow:` step names a flow that does not exist.',
  UNREACHABLE_STEP: 'Warning: no path leads to the step, so it never runs.',
  LOOP_WITHOUT_INPUT: 'Steps form a cycle with no menu, ask or wait in it, so the bot would spin forever.',
  BAD_PATTERN: 'A trigger or ask `pattern` is not a valid regular expression (or its flags are wrong).',
  UNSAFE_PATTERN: 'A pattern needs backtracking (a backreference or lookaround) or syntax the linear-time matcher (RE2) lacks.',
  BAD_EXPRESSION: 'An `if:` expression or a `{{ … }}` template does not parse.',
  UNDEFINED_VARIABLE: 'Warning: a template or expression reads a variable that no step ever saves or sets.',
  DUPLICATE_TRIGGER: 'Two triggers claim the same command, payload or pattern (the first flow wins, so the other never fires).',
  MULTIPLE_FALLBACKS: 'More than one `fallback` trigger in the bot.',
  TITLE_TOO_LONG: 'Warning: an option title is longer than a platform shows; it will be trimmed there.',
  TOO_MANY_OPTIONS: 'Warning: a menu has more options than a platform can show.',
  UNKNOWN_ACTION: 'A `call:` names an action that is not registered.',
  SCHEDULE_INCOMPLETE: 'A `schedule:` needs exactly one of `in`/`at` (when) and exactly one of `say`/`flow`/`step` (what).',
  UNKNOWN_TRANSFORM: 'A template or expression uses a transform (`value|name`) that does not exist, or calls a function.',
  USER_FIELD_READ_ONLY: 'A `set:` writes a `user.*` field the platform owns (only `user.locale` and `user.timezone` can be set).',
  AMBIGUOUS_OPTION_WORD: 'Two options of one menu answer to the same title, number or `also:` word, so the first would always win.',
  MULTIPLE_OPTION_NEXT: 'An option of a `multiple: true` menu has `next`; a multi-select answer always goes to the step\'s `next`.',
  BAD_USER_FIELD_VALUE: 'A `set:` gives `user.locale` a text that is no language tag, or `user.timezone` one that is no IANA time zone.',
} as const;

/** The closed set of diagnostic codes. */
export type FlowErrorCode = keyof typeof FLOW_ERROR_CODES;

/** How bad a diagnostic is: errors stop the bot from loading, warnings do not. */
export type DiagnosticSeverity = 'error' | 'warning';

/** One problem in a flow source, pointing at the YAML node at fault. */
export class FlowDiagnostic extends ParleyError<FlowErrorCode> {
  declare readonly span: SourceSpan;
  readonly severity: DiagnosticSeverity;
  /** Extra advice, e.g. the other place a duplicate id is defined. */
  readonly hint?: string;
  constructor(
    code: FlowErrorCode,
    message: string,
    span: SourceSpan,
    options: { severity?: DiagnosticSeverity; hint?: string } = {},
  ) {
    super(code, message, { span });
    this.severity = options.severity ?? 'error';
    this.hint = options.hint;
  }
}

/** True when any diagnostic is an error (warnings alone still let a bot load). */
export function hasErrors(diagnostics: readonly FlowDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, then position, so output reads top to bottom. */
export function sortDiagnostics(diagnostics: FlowDiagnostic[]): FlowDiagnostic[] {
  return diagnostics.sort(
    (a, b) => a.span.file.localeCompare(b.span.file) || a.span.line - b.span.line || a.span.col - b.span.col,
  );
}
