/**
 * Runs a bot's conversation tests inside vitest: one `it` per test, named after it, failing
 * with the same report `parley test` prints. A project's own test file calls it:
 *
 *     import { describeFlowTests } from 'parley/engine/testing/describe-flow-tests.js';
 *     describeFlowTests({ flows: ['flows'] });
 *
 * vitest is imported here only, so nothing else in the engine needs it at run time.
 */
import { describe, it } from 'vitest';
import { formatDiagnostic } from '../flow/format-diagnostic.js';
import { loadBot } from '../flow/load-bot.js';
import { builtinActions } from '../runtime/runner.js';
import { formatFailure } from './format-test-report.js';
import { loadTests } from './load-tests.js';
import type { FlowTestOptions } from './run-flow-tests.js';
import { runTest } from './run-test.js';

/** Declares a vitest suite with one test per conversation test of the bot. */
export function describeFlowTests(options: FlowTestOptions & { title?: string }): void {
  describe(options.title ?? `conversation tests of ${options.flows.join(', ')}`, async () => {
    const botLoad = await loadBot(options.flows, options.load);
    const bot = botLoad.bot;
    if (!bot) {
      it('loads the bot', () => {
        throw new Error(botLoad.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
      });
      return;
    }
    const loaded = await loadTests(options.tests ?? options.flows, bot, { platforms: options.platforms && Object.keys(options.platforms) });
    if (loaded.diagnostics.length > 0) {
      it('has valid test files', () => {
        throw new Error(loaded.diagnostics.map((d) => formatDiagnostic(d, loaded.texts.get(d.span.file))).join('\n\n'));
      });
    }
    const actions = options.actions ?? builtinActions();
    for (const test of loaded.tests) {
      if (options.filter && !test.name.includes(options.filter)) continue;
      it(`${test.name} (${test.file}:${test.span.line})`, async () => {
        const result = await runTest(test, { bot, actions, platforms: options.platforms });
        if (!result.ok) throw new Error(formatFailure(result, loaded.texts.get(test.file)));
      });
    }
  });
}
