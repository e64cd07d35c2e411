/**
 * Parley's error classes. Errors are data first: a `code` from a closed set, a source
 * `span` where one exists, and one sentence that says what is wrong and how to fix it.
 * Each family (this file's, the flow loader's, the test loader's, the stores', the actions',
 * templates', HTTP) names its codes in a union type; {@link ParleyErrorCode} joins them.
 */
import type { FlowErrorCode } from './flow/flow-diagnostic.js';
import type { TestErrorCode } from './testing/test-diagnostic.js';
import type { StoreErrorCode } from './runtime/stores/store-error.js';
import type { ActionErrorCode } from './actions/action-errors.js';
import type { SafePatternCode } from './template/safe-regex.js';
import type { HttpErrorCode } from './server/http-error.js';

/** A place in a source file. Lines and columns are 1-based. */
export interface SourceSpan {
  file: string;
  line: number;
  col: number;
  /** Optional end of the span, for code frames. */
  endLine?: number;
  endCol?: number;
}

/** The codes of this file's classes: the webhook, sending, conversation and start-up errors. */
export type CoreErrorCode = 'PARSE_BODY' | 'SEND_FAILED' | 'CONVERSATION_FAILED' | 'OUTBOUND_REFUSED' | 'CONFIG';

/** What a compiled flow throws while it runs: a bad duration or timer, a step loop, a missing target, no step kind. */
export type CompileErrorCode = 'DURATION_INVALID' | 'TIMER_INVALID' | 'FLOW_LOOP' | 'TARGET_UNKNOWN' | 'STEP_UNKNOWN';

/** What templates and expressions throw. */
export type TemplateErrorCode = 'EXPRESSION_INVALID' | SafePatternCode;

/** What `parley test` throws while it runs a test (a stubbed action's `error:`, a timer loop). */
export type TestRunErrorCode = 'ACTION_STUB_ERROR' | 'TEST_TIMER_LOOP';

/** Every code of every Parley error family. */
export type ParleyErrorCode =
  | CoreErrorCode
  | CompileErrorCode
  | TemplateErrorCode
  | TestRunErrorCode
  | FlowErrorCode
  | TestErrorCode
  | StoreErrorCode
  | ActionErrorCode
  | HttpErrorCode;

/**
 * What an error gives JSON.stringify (logs, JSON output, API bodies): its data, never a
 * stack or a cause. `file`, `line` and `column` repeat the span's start where a source exists.
 */
export interface ParleyErrorJson {
  name: string;
  code: string;
  message: string;
  span?: SourceSpan;
  file?: string;
  line?: number;
  column?: number;
  /** The family's own data fields (a status, a severity, a hint, …). */
  [field: string]: unknown;
}

/** Base class of every Parley error; `C` is the family's closed set of codes. */
export class ParleyError<C extends string = ParleyErrorCode> extends Error {
  readonly code: C;
  readonly span?: SourceSpan;
  constructor(code: C, message: string, options: { span?: SourceSpan; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.span = options.span;
  }

  /**
   * The error as data. Error keeps `message` out of JSON.stringify (it is not enumerable), so
   * without this a serialized diagnostic would lose the one sentence that says how to fix it.
   * The family's own fields (enumerable, defined) follow; the cause stays out, it may carry
   * request data.
   */
  toJSON(): ParleyErrorJson {
    const fields = Object.fromEntries(Object.entries(this).filter(([k, v]) => v !== undefined && k !== 'name' && k !== 'code' && k !== 'span'));
    const where = this.span ? { span: this.span, file: this.span.file, line: this.span.line, column: this.span.col } : {};
    return { name: this.name, code: this.code, message: this.message, ...where, ...fields };
  }
}

/** A webhook body that could not be understood. The server answers 400 and stores nothing. */
export class ParseError extends ParleyError<'PARSE_BODY'> {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('PARSE_BODY', message, options);
  }
}

/** Why a send failed, in terms the outbox can act on. */
export class SendError extends ParleyError<'SEND_FAILED'> {
  /** HTTP status from the platform, when there was a response. */
  readonly status?: number;
  /** True for 429, 5xx and network errors: the outbox retries these. */
  readonly retryable: boolean;
  /** How long the platform asked us to wait, in milliseconds. */
  readonly retryAfterMs?: number;
  /** The platform's own error code (an error code or status number in its response body). */
  readonly platformCode?: number | string;
  constructor(
    message: string,
    options: {
      status?: number;
      retryable: boolean;
      retryAfterMs?: number;
      platformCode?: number | string;
      cause?: unknown;
    },
  ) {
    super('SEND_FAILED', message, { cause: options.cause });
    this.status = options.status;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.platformCode = options.platformCode;
  }
}

/** A runtime failure inside a conversation, wrapped once with where it happened. */
export class ConversationError extends ParleyError<'CONVERSATION_FAILED'> {
  readonly conversation: string;
  readonly step?: string;
  /**
   * False when running the turn again cannot help (the flow itself failed: a loop, a
   * template that throws, a turn past its time limit); the pipeline then skips the event at
   * once instead of retrying it.
   */
  readonly retryable: boolean;
  constructor(message: string, options: { conversation: string; step?: string; cause?: unknown; retryable?: boolean; span?: SourceSpan }) {
    super('CONVERSATION_FAILED', message, { cause: options.cause, span: options.span });
    this.conversation = options.conversation;
    this.step = options.step;
    this.retryable = options.retryable ?? true;
  }
}

/**
 * An outbound URL a flow, a send-API caller or a message chose that Parley will not call:
 * not https, or an address inside the server's own network (loopback, private, link-local,
 * cloud metadata). `PARLEY_OUTBOUND_ALLOW` lists hosts exempt from both rules.
 */
export class OutboundUrlError extends ParleyError<'OUTBOUND_REFUSED'> {
  readonly url: string;
  constructor(url: string, message: string) {
    super('OUTBOUND_REFUSED', message);
    this.url = url;
  }
}

/** A configuration problem found at start-up. */
export class ConfigError<C extends string = 'CONFIG'> extends ParleyError<C> {
  /** `code` lets a family of start-up checks (app/config) say what is wrong; default CONFIG. */
  constructor(message: string, code?: C) {
    super((code ?? 'CONFIG') as C, message);
  }
}
