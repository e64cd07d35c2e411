/**
 * Every error family serializes as data: name, code, message, the span (and its file, line,
 * column) where a source exists, and the family's own fields; never a stack or a cause.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ConfigError, ConversationError, OutboundUrlError, ParleyError, ParseError, SendError, type ParleyErrorCode } from '../engine/errors.js';
import { FlowDiagnostic, type FlowErrorCode } from '../engine/flow/flow-diagnostic.js';
import { TestDiagnostic } from '../engine/testing/test-diagnostic.js';
import { StoreError } from '../engine/runtime/stores/store-error.js';
import { ActionParamsError, HttpNetworkError, HttpStatusError, UnknownActionError, VaultNotFoundError } from '../engine/actions/action-errors.js';
import { SafePatternError, compileSafePattern } from '../engine/template/safe-regex.js';
import { ExpressionError } from '../engine/template/expression.js';
import { DurationError } from '../engine/compile/parse-duration.js';
import { FlowLoopError } from '../engine/compile/machine-actions.js';
import { TargetError } from '../engine/compile/step-address.js';
import { TimerValueError } from '../engine/compile/stack-actions.js';
import { StubbedActionError, TimerLoopError } from '../engine/testing/test-conversation.js';
import { HttpError, httpErrorCode } from '../engine/server/http-error.js';
import { HttpError as HttpErrorFromApp } from '../engine/server/create-app.js';
import { StudioActionError } from '../app/studio/studio-actions.js';

const span = { file: 'flows/a.yaml', line: 3, col: 5 };
const json = (e: unknown) => JSON.parse(JSON.stringify(e));

describe('FlowDiagnostic toJSON', () => {
  it('keeps its message, span, file, line, column, severity and hint in JSON.stringify', () => {
    const d = new FlowDiagnostic('DUPLICATE_STEP_ID', 'Two steps are called "a"; rename one.', span, { hint: 'the other is at line 9' });
    expect(json(d)).toEqual({
      name: 'FlowDiagnostic', code: 'DUPLICATE_STEP_ID', message: 'Two steps are called "a"; rename one.',
      span, file: 'flows/a.yaml', line: 3, column: 5, severity: 'error', hint: 'the other is at line 9',
    });
  });

  it('has a closed code type', () => {
    expectTypeOf(new FlowDiagnostic('YAML_SYNTAX', 'x', span).code).toEqualTypeOf<FlowErrorCode>();
  });
});

describe('TestDiagnostic toJSON', () => {
  it('gives code, message and where', () => {
    expect(json(new TestDiagnostic('TEST_SCHEMA', 'unknown key', span))).toEqual({ name: 'TestDiagnostic', code: 'TEST_SCHEMA', message: 'unknown key', span, file: span.file, line: 3, column: 5, severity: 'error' });
  });
});

describe('core errors toJSON', () => {
  it('ParseError: name, code, message; no cause', () => {
    expect(json(new ParseError('not JSON', { cause: new Error('secret body') }))).toEqual({ name: 'ParseError', code: 'PARSE_BODY', message: 'not JSON' });
  });

  it('SendError: with its status and retry data', () => {
    expect(json(new SendError('rate limited', { status: 429, retryable: true, retryAfterMs: 1000, platformCode: 'x' }))).toEqual({
      name: 'SendError', code: 'SEND_FAILED', message: 'rate limited', status: 429, retryable: true, retryAfterMs: 1000, platformCode: 'x',
    });
  });

  it('ConversationError: with the conversation, step and span of the step', () => {
    const e = new ConversationError('Turn failed', { conversation: 'test:c1', step: 'main.a', retryable: false, span });
    expect(json(e)).toEqual({ name: 'ConversationError', code: 'CONVERSATION_FAILED', message: 'Turn failed', span, file: span.file, line: 3, column: 5, conversation: 'test:c1', step: 'main.a', retryable: false });
  });

  it('OutboundUrlError and ConfigError', () => {
    expect(json(new OutboundUrlError('http://x', 'not https'))).toEqual({ name: 'OutboundUrlError', code: 'OUTBOUND_REFUSED', message: 'not https', url: 'http://x' });
    expect(json(new ConfigError('PORT is not a number'))).toEqual({ name: 'ConfigError', code: 'CONFIG', message: 'PORT is not a number' });
  });

  it('ParleyError codes are closed unions', () => {
    expectTypeOf(new ParseError('x').code).toEqualTypeOf<'PARSE_BODY'>();
    expectTypeOf<ParleyError['code']>().toEqualTypeOf<ParleyErrorCode>();
  });
});

describe('StoreError toJSON', () => {
  it('gives its code and message', () => {
    expect(json(new StoreError('STORE_CONNECT', 'Redis is not reachable'))).toEqual({ name: 'StoreError', code: 'STORE_CONNECT', message: 'Redis is not reachable' });
  });
});

describe('action errors toJSON', () => {
  it('gives each code', () => {
    expect(json(new VaultNotFoundError())).toMatchObject({ name: 'VaultNotFoundError', code: 'VAULT_NOT_FOUND' });
    expect(json(new HttpStatusError('https://x', 500))).toMatchObject({ code: 'HTTP_STATUS', status: 500 });
    expect(json(new HttpNetworkError('https://x', new Error('ECONNRESET')))).toEqual({ name: 'HttpNetworkError', code: 'HTTP_NETWORK', message: expect.stringContaining('ECONNRESET') });
    expect(json(new ActionParamsError('vault.store', 'text is missing'))).toMatchObject({ code: 'ACTION_PARAMS', message: 'vault.store: text is missing' });
    expect(json(new UnknownActionError('nope'))).toMatchObject({ code: 'ACTION_UNKNOWN' });
  });
});

describe('template and compile errors toJSON', () => {
  it('SafePatternError is a ParleyError', () => {
    let err: unknown;
    try { compileSafePattern('(a)\\1'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(SafePatternError);
    expect(err).toBeInstanceOf(ParleyError);
    expect(json(err)).toMatchObject({ name: 'SafePatternError', code: 'PATTERN_NOT_LINEAR', message: expect.any(String) });
  });

  it('ExpressionError, DurationError, FlowLoopError, TargetError, TimerValueError', () => {
    expect(json(new ExpressionError('a +', new Error('bad')))).toMatchObject({ name: 'ExpressionError', code: 'EXPRESSION_INVALID' });
    expect(json(new DurationError('soon'))).toMatchObject({ name: 'DurationError', code: 'DURATION_INVALID' });
    expect(json(new FlowLoopError({ flow: 'f', step: 's' }))).toMatchObject({ code: 'FLOW_LOOP' });
    expect(json(new TargetError('f', 'nowhere'))).toMatchObject({ code: 'TARGET_UNKNOWN' });
    expect(json(new TimerValueError({ flow: 'f', step: 's' }, '{{ x }}', ''))).toMatchObject({ code: 'TIMER_INVALID' });
  });
});

describe('test run errors toJSON', () => {
  it('StubbedActionError and TimerLoopError', () => {
    expect(json(new StubbedActionError('crm.save', 'down'))).toEqual({ name: 'crm.save (stub)', code: 'ACTION_STUB_ERROR', message: 'down' });
    expect(json(new TimerLoopError(100))).toMatchObject({ name: 'TimerLoopError', code: 'TEST_TIMER_LOOP' });
  });
});

describe('HttpError', () => {
  it('is a ParleyError with a code named after its status', () => {
    const e = new HttpError(404, 'no such task', { error: 'no such task' });
    expect(e).toBeInstanceOf(ParleyError);
    expect(json(e)).toEqual({ name: 'HttpError', code: 'HTTP_NOT_FOUND', message: 'no such task', status: 404, body: { error: 'no such task' } });
    expect(httpErrorCode(418)).toBe('HTTP_ERROR');
    expect(HttpErrorFromApp).toBe(HttpError);
  });

  it('StudioActionError is an HttpError', () => {
    const e = new StudioActionError(409, 'the conversation moved meanwhile; try again');
    expect(e).toBeInstanceOf(HttpError);
    expect(json(e)).toEqual({ name: 'StudioActionError', code: 'HTTP_CONFLICT', message: 'the conversation moved meanwhile; try again', status: 409 });
  });
});
