/**
 * The conversation test format (`*.test.yaml`), as TypeScript types. They mirror
 * schemas/flow-test.schema.json, which editors and the loader read.
 */
import type { SourceSpan } from '../errors.js';

/** One turn: exactly one input and any number of expectations. */
export interface TestTurn {
  user?: string;
  press?: string;
  event?: 'subscribed' | 'unsubscribed' | 'started';
  payload?: string;
  location?: { latitude: number; longitude: number; name?: string };
  wait?: string;
  bot?: string | string[];
  contains?: string | string[];
  matches?: string | string[];
  options?: string[];
  vars?: Record<string, unknown>;
  flow?: string;
  step?: string;
  silent?: true;
}

/** The input keys of a turn; a turn has exactly one. */
export const INPUT_KEYS = ['user', 'press', 'event', 'location', 'wait'] as const;
/** The expectation keys of a turn. */
export const EXPECT_KEYS = ['bot', 'contains', 'matches', 'options', 'vars', 'flow', 'step', 'silent'] as const;

/** A stubbed `http.request` answer. */
export interface HttpStub {
  method?: 'GET' | 'POST' | 'DELETE';
  url: string;
  status?: number;
  body?: unknown;
}

/** A stubbed action: a fixed result or an error. */
export interface ActionStub {
  result?: unknown;
  error?: string;
}

/** Fixtures of a test. */
export interface TestGiven {
  user?: { id?: string; name?: string; locale?: string; platform?: string };
  vars?: Record<string, unknown>;
  /** `flow.step` of a waiting step to start at. */
  at?: string;
  /** ISO date-time the fake clock starts at. */
  now?: string;
}

/** One test as written. */
export interface FlowTest {
  name: string;
  given?: TestGiven;
  http?: HttpStub[];
  actions?: Record<string, ActionStub>;
  turns: TestTurn[];
}

/** A test with the source positions the runner reports failures at. */
export interface LocatedTest extends FlowTest {
  file: string;
  /** Index of the test in its file's `tests`. */
  index: number;
  span: SourceSpan;
  /** Span of each turn, same order as `turns`. */
  turnSpans: SourceSpan[];
  /** Span of each turn's keys, by turn index then key. */
  keySpans: Record<string, SourceSpan>[];
}

/** A test file as written. */
export interface FlowTestFile {
  version: 1;
  description?: string;
  tests: FlowTest[];
}
