/**
 * Generated tests are replayed before they are written: a reply that changes from run to run
 * (a vault key, anything random) cannot be an exact expectation, so that turn keeps its
 * input and loses its `bot:`. What is left passes on replay.
 */
import type { ActionRegistry } from '../actions/action-types.js';
import type { Bot } from '../flow/flow-types.js';
import type { FlowTest, LocatedTest } from './flow-test-types.js';
import { runTest, type TestResult } from './run-test.js';

const NO_SPAN = { file: '(generated)', line: 0, col: 0 };

function located(test: FlowTest, index: number): LocatedTest {
  return { ...test, file: NO_SPAN.file, index, span: NO_SPAN, turnSpans: test.turns.map(() => NO_SPAN), keySpans: test.turns.map(() => ({})) };
}

/** Replays each test, dropping expectations that did not repeat; returns the settled tests and their last runs. */
export async function settleGenerated(tests: readonly FlowTest[], bot: Bot, actions: ActionRegistry): Promise<{ tests: FlowTest[]; results: TestResult[] }> {
  const out: FlowTest[] = [];
  const results: TestResult[] = [];
  for (const [i, original] of tests.entries()) {
    const test: FlowTest = { ...original, turns: original.turns.map((t) => ({ ...t })) };
    let result = await runTest(located(test, i), { bot, actions, keepGoing: true });
    for (let tries = 0; !result.ok && tries < 3; tries++) {
      result.mismatches.forEach((m, j) => {
        if (m.some((x) => x.key === 'bot' || x.key === 'silent')) {
          delete test.turns[j].bot;
          delete test.turns[j].silent;
        }
      });
      result = await runTest(located(test, i), { bot, actions, keepGoing: true });
    }
    out.push(test);
    results.push(result);
  }
  return { tests: out, results };
}
