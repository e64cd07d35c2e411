/**
 * One test conversation on the real runner: a memory store, a fake clock, a stub HTTP client,
 * stubbed actions and deterministic event ids. Snapshots are JSON round-tripped between turns
 * as a real store would, and `advance` fires due timers in order without waiting.
 */
import type { ActionRegistry } from '../actions/action-types.js';
import { initialContext, type BotContext, type TimerData } from '../compile/bot-context.js';
import { stepKey } from '../compile/step-address.js';
import { stepKind } from '../compile/steps/step-registry.js';
import { parseDuration } from '../compile/parse-duration.js';
import { ParleyError } from '../errors.js';
import type { Bot, Step } from '../flow/flow-types.js';
import { createRunner } from '../runtime/runner.js';
import { createMemoryStore } from '../runtime/stores/memory-store.js';
import type { Logger } from '../runtime/logger.js';
import type { PendingTimer, TurnResult } from '../runtime/turn.js';
import { ConversationDriver } from '../runtime/conversation-driver.js';
import type { InboundEvent, OutboundMessage, UserInfo } from '../types.js';
import { createStubHttpClient, type StubHttpClient } from './http-stub-client.js';
import type { ActionStub, FlowTest } from './flow-test-types.js';
import { traceInspector, type TraceEntry } from './turn-trace.js';

/** The fake clock's default start: a fixed instant, so dates in replies never change. */
export const DEFAULT_TEST_NOW = Date.parse('2026-01-01T09:00:00Z');

/** Most timer turns one `wait:` may fire before the test is stopped as a loop. */
export const MAX_TIMER_TURNS = 100;

/** What a stubbed action throws when the test says `error:`. */
export class StubbedActionError extends ParleyError<'ACTION_STUB_ERROR'> {
  constructor(action: string, message: string) {
    super('ACTION_STUB_ERROR', message);
    this.name = `${action} (stub)`;
  }
}

/** A turn's outcome as a test reads it. */
export interface ObservedTurn {
  messages: OutboundMessage[];
  vars: Record<string, unknown>;
  waiting: { flow: string; step: string; kind: string } | null;
  /** Errors the runner logged during the turn (a failed turn, an action without on_error). */
  errors: string[];
}

/** Thrown when timers keep firing: the flow loops on timers and the test could never end. */
export class TimerLoopError extends ParleyError<'TEST_TIMER_LOOP'> {
  constructor(count: number) {
    super('TEST_TIMER_LOOP', `More than ${count} timer turns fired during one \`wait:\`; the flow keeps re-arming a timer (a loop), so the test was stopped.`);
  }
}

function stubbed(actions: ActionRegistry, stubs: Record<string, ActionStub> = {}): ActionRegistry {
  const out = { ...actions };
  for (const [name, stub] of Object.entries(stubs)) {
    out[name] = {
      name,
      async run() {
        if (stub.error !== undefined) throw new StubbedActionError(name, stub.error);
        return stub.result;
      },
    };
  }
  return out;
}

function errorLogger(errors: string[]): Logger {
  const logger: Logger = {
    info() {},
    warn() {},
    debug() {},
    error(obj, msg) {
      const o = obj as { err?: { message?: string }; error?: unknown };
      errors.push([msg, o.err?.message ?? (o.error ? String(o.error) : undefined)].filter(Boolean).join(': '));
    },
    child: () => logger,
  };
  return logger;
}

/** The timer a waiting step arms on entry (its reminder, or the wait itself). */
function timerOf(step: Step): { kind: 'wait' | 'remind'; after: string } | undefined {
  if ('wait' in step) return { kind: 'wait', after: typeof step.wait === 'string' ? step.wait : step.wait.for };
  const remind = 'menu' in step ? step.menu.remind : 'ask' in step ? step.ask.remind : undefined;
  return remind && { kind: 'remind', after: remind.after };
}

/** A conversation's state between turns (snapshots are immutable JSON, so sharing is safe). */
export interface SavedConversation {
  snapshot: unknown;
  timers: PendingTimer[];
  now: number;
  context: BotContext;
}

/** Options of {@link createTestConversation}. */
export interface TestConversationOptions {
  bot: Bot;
  /** The real actions (built-ins and developer actions); `test.actions` stubs replace some. */
  actions: ActionRegistry;
  test: Pick<FlowTest, 'given' | 'http' | 'actions'>;
}

/** Starts a conversation for one test. */
export function createTestConversation({ bot, actions, test }: TestConversationOptions) {
  const clock = { now: test.given?.now ? Date.parse(test.given.now) : DEFAULT_TEST_NOW };
  const now = () => clock.now;
  const errors: string[] = [];
  const logger = errorLogger(errors);
  const trace: TraceEntry[] = [];
  const store = createMemoryStore({ now });
  const http: StubHttpClient = createStubHttpClient(test.http);
  const runner = createRunner(bot, { actions: stubbed(actions, test.actions), logger, now, inspect: traceInspector(trace) });
  const platform = test.given?.user?.platform ?? 'test';
  const user: UserInfo = { id: test.given?.user?.id ?? 'u1', name: test.given?.user?.name, locale: test.given?.user?.locale };
  const key = `${platform}:${user.id}`;
  let seq = 0;
  let context: BotContext = initialContext();
  const start = initialState();
  const actionContext = { conversation: key, platform, user, http, store, logger, now, secretKey: Buffer.alloc(32, 7) };
  const driver = new ConversationDriver({
    runner,
    key,
    platform,
    conversation: user.id,
    actionContext: () => actionContext,
    ...start,
    beforeTurn: (input) => void trace.push({ type: 'turn', input: input as never }),
    // The context as the next turn reads it: from the persisted (JSON) snapshot.
    afterTurn: () => void (context = (driver.snapshot as { machine: { context: BotContext } }).machine.context),
  });

  /** Where `given:` starts the conversation: its snapshot and the timer its waiting step armed. */
  function initialState(): { snapshot: unknown; timers: PendingTimer[] } {
    const given = test.given;
    let timers: PendingTimer[] = [];
    if (!given?.vars && !given?.at) return { snapshot: undefined, timers };
    const ctx: BotContext = { ...initialContext(), vars: { ...given.vars }, user };
    if (given.at) {
      const dot = given.at.indexOf('.');
      const [flowId, stepId] = [given.at.slice(0, dot), given.at.slice(dot + 1)];
      const flow = bot.flows.find((f) => f.id === flowId)!;
      const step = flow.steps.find((s, i) => stepKey(s, i) === stepId)!;
      ctx.waiting = { flow: flowId, step: stepId, kind: stepKind(step) as 'menu' };
      const timer = timerOf(step);
      if (timer) {
        const t: TimerData = { flow: flowId, step: stepId, timerId: 'given-1', dueAt: clock.now + parseDuration(timer.after), kind: timer.kind };
        ctx.timers = [t];
        timers = [{ timerId: t.timerId, dueAt: t.dueAt }];
      }
    }
    // A snapshot of another bot version is migrated by the runner: it resumes at the waiting
    // step when that step exists, which is exactly "the question was just asked".
    const machine = { status: 'active', value: 'idle', context: ctx, children: {}, historyValue: {} };
    return { snapshot: { format: 'parley.runner/1', botVersion: 'test-given', machine }, timers };
  }

  const messagesOf = (results: TurnResult[]): OutboundMessage[] => results.flatMap((r) => r.messages);

  const base = () => ({ platform, conversation: user.id, user, eventId: `test-${++seq}`, timestamp: clock.now });
  const observe = async (run: () => Promise<OutboundMessage[]>): Promise<ObservedTurn> => {
    errors.length = 0;
    http.unmatched.length = 0;
    const messages = await run();
    const turnErrors = [...errors, ...http.unmatched.map((r) => `no http stub for ${r.method} ${r.url}; add one under the test's \`http:\``)];
    return { messages, vars: context.vars, waiting: context.waiting, errors: turnErrors };
  };

  return {
    clock,
    trace,
    platform,
    /** The conversation's state, to come back to with `restore` (test generation forks with it). */
    save: (): SavedConversation => ({ snapshot: driver.snapshot, timers: driver.timers, now: clock.now, context }),
    restore(saved: SavedConversation) {
      ({ snapshot: driver.snapshot, timers: driver.timers, context } = saved);
      clock.now = saved.now;
    },
    /** The variables after the last turn. */
    get context() { return context; },
    /** The step the conversation waits at, if any. */
    get waiting() { return context.waiting; },
    /** Sends one platform event. */
    send: (event: Omit<InboundEvent, keyof ReturnType<typeof base>>) => observe(async () => messagesOf([await driver.play({ ...base(), ...event } as InboundEvent)])),
    /** Advances the fake clock by `ms` and fires every timer that comes due, earliest first. */
    advance: (ms: number) => observe(async () => {
      const until = clock.now + ms;
      const results = await driver.advance(until, {
        maxTurns: MAX_TIMER_TURNS,
        tooMany: (max) => new TimerLoopError(max),
        beforeFire: (t) => void (clock.now = Math.max(clock.now, t.dueAt)),
      });
      clock.now = until;
      return messagesOf(results);
    }),
  };
}

/** A test conversation. */
export type TestConversation = ReturnType<typeof createTestConversation>;
