/**
 * Parley's error classes. Errors are data first: a `code` from a closed set, a source
 * `span` where one exists, and one sentence that says what is wrong and how to fix it.
 */

/** A place in a source file. Lines and columns are 1-based. */
export interface SourceSpan {
  file: string;
  line: number;
  col: number;
  /** Optional end of the span, for code frames. */
  endLine?: number;
  endCol?: number;
}

/** Base class of every Parley error. */
export class ParleyError extends Error {
  readonly code: string;
  readonly span?: SourceSpan;
  constructor(code: string, message: string, options: { span?: SourceSpan; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.span = options.span;
  }
}

/** A webhook body that could not be understood. The server answers 400 and stores nothing. */
export class ParseError extends ParleyError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('PARSE_BODY', message, options);
  }
}

/** Why a send failed, in terms the outbox can act on. */
export class SendError extends ParleyError {
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
export class ConversationError extends ParleyError {
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
export class OutboundUrlError extends ParleyError {
  readonly url: string;
  constructor(url: string, message: string) {
    super('OUTBOUND_REFUSED', message);
    this.url = url;
  }
}

/** A configuration problem found at start-up. */
export class ConfigError extends ParleyError {
  constructor(message: string) {
    super('CONFIG', message);
  }
}
