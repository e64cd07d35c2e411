/**
 * Runs one conversation test: plays its turns on a {@link createTestConversation} and stops
 * at the first turn whose expectations do not hold, with the test file's position of the
 * key at fault, what was expected and what the bot did.
 */
import type { ActionRegistry } from '../actions/action-types.js';
import { parseDuration } from '../compile/parse-duration.js';
import { stepKey } from '../compile/step-address.js';
import type { SourceSpan } from '../errors.js';
import type { Bot } from '../flow/flow-types.js';
import type { OutboundMessage, PlatformLimits } from '../types.js';
import { checkLimits, expectTurn, type Mismatch } from './expect-turn.js';
import { titlesOf } from './check-test-refs.js';
import type { LocatedTest, TestTurn } from './flow-test-types.js';
import { createTestConversation, type ObservedTurn, type TestConversation } from './test-conversation.js';
import type { TraceEntry } from './turn-trace.js';

/** A platform a test can render for: its limits and, optionally, its adapter's renderer. */
export interface TestPlatform {
  limits: PlatformLimits;
  /** Renders a reply the way the adapter sends it; throws when the adapter refuses it. */
  render?(message: OutboundMessage): Promise<void>;
}

/** What running tests needs. */
export interface RunTestOptions {
  bot: Bot;
  actions: ActionRegistry;
  platforms?: Record<string, TestPlatform>;
  /** Plays every turn even after a failure (what `--update` needs); default false. */
  keepGoing?: boolean;
}

/** Why a test failed, at the place in its file to look. */
export interface TestFailure {
  span: SourceSpan;
  /** 0-based turn index, or -1 before the first turn. */
  turn: number;
  mismatches: Mismatch[];
}

/** The outcome of one test. */
export interface TestResult {
  test: LocatedTest;
  ok: boolean;
  failure?: TestFailure;
  /** What each played turn produced (for `--update` and recording). */
  observed: ObservedTurn[];
  /** The mismatches of each played turn (all turns with `keepGoing`). */
  mismatches: Mismatch[][];
  trace: TraceEntry[];
  ms: number;
}

const fill = (text: string, captures: Record<string, string>) =>
  text.replace(/\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g, (all, name: string) => captures[name] ?? all);

/** The option id a `press:` means: an option of the waiting menu by title or id, else the text itself (a payload). */
function optionId(bot: Bot, convo: TestConversation, press: string): string {
  const w = convo.waiting;
  const flow = w && bot.flows.find((f) => f.id === w.flow);
  const step = flow?.steps.find((s, i) => stepKey(s, i) === w!.step);
  if (step && 'menu' in step) {
    const o = step.menu.options?.find((x) => x.id === press || titlesOf(x.title).includes(press));
    if (o) return o.id;
  }
  return press;
}

/** Plays one turn's input. */
export function playInput(bot: Bot, convo: TestConversation, turn: TestTurn, captures: Record<string, string> = {}): Promise<ObservedTurn> {
  if (turn.user !== undefined) return convo.send({ kind: 'text', text: fill(turn.user, captures) } as never);
  if (turn.press !== undefined) {
    const press = fill(turn.press, captures);
    return convo.send({ kind: 'option', optionId: optionId(bot, convo, press), title: press } as never);
  }
  if (turn.event !== undefined) return convo.send({ kind: 'lifecycle', lifecycle: turn.event, ...(turn.payload ? { payload: turn.payload } : {}) } as never);
  if (turn.location !== undefined) return convo.send({ kind: 'location', ...turn.location } as never);
  return convo.advance(parseDuration(turn.wait ?? '0s'));
}

/** Runs one test. */
export async function runTest(test: LocatedTest, options: RunTestOptions): Promise<TestResult> {
  const started = performance.now();
  const convo = createTestConversation({ bot: options.bot, actions: options.actions, test });
  const platform = options.platforms?.[convo.platform];
  const captures: Record<string, string> = {};
  const observed: ObservedTurn[] = [];
  const all: Mismatch[][] = [];
  let failure: TestFailure | undefined;
  const done = (): TestResult => ({ test, ok: !failure, failure, observed, mismatches: all, trace: convo.trace, ms: performance.now() - started });
  for (let i = 0; i < test.turns.length; i++) {
    const turn = test.turns[i];
    let result: ObservedTurn;
    try {
      result = await playInput(options.bot, convo, turn, captures);
    } catch (err) {
      failure ??= { span: test.turnSpans[i], turn: i, mismatches: [{ key: 'turn', message: (err as Error).message }] };
      return done();
    }
    observed.push(result);
    const mismatches = expectTurn(turn, result, captures);
    if (platform) {
      mismatches.push(...checkLimits(result, convo.platform, platform.limits));
      for (const m of result.messages) {
        try {
          await platform.render?.(m);
        } catch (err) {
          mismatches.push({ key: 'platform', message: `${convo.platform} cannot send a reply: ${(err as Error).message}` });
        }
      }
    }
    // Errors the bot logged are part of what it did: shown with a failure, and a failure on
    // their own when the turn expected nothing that could have shown them.
    for (const e of result.errors) mismatches.push({ key: 'error', message: e });
    all.push(mismatches);
    if (mismatches.length > 0 && !failure) {
      const first = mismatches[0].key;
      failure = { span: test.keySpans[i][first] ?? test.turnSpans[i], turn: i, mismatches };
      if (!options.keepGoing) return done();
    }
  }
  return done();
}
