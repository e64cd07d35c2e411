/**
 * Loads a bot and its conversation tests and runs them all: the engine side of `parley test`
 * and of the vitest helper. Nothing runs when the bot or a test file has errors.
 */
import type { ActionRegistry } from '../actions/action-types.js';
import { loadBot, type LoadOptions, type LoadResult } from '../flow/load-bot.js';
import type { Bot } from '../flow/flow-types.js';
import { builtinActions } from '../runtime/runner.js';
import { loadTests, type LoadedTests } from './load-tests.js';
import { runTest, type TestPlatform, type TestResult } from './run-test.js';

/** What {@link runFlowTests} needs. */
export interface FlowTestOptions {
  /** Flow folders or files of the bot. */
  flows: string[];
  /** Test files or folders searched for `*.test.yaml`; default: the flow paths. */
  tests?: string[];
  /** Actions the flows may call; default: the built-ins. */
  actions?: ActionRegistry;
  platforms?: Record<string, TestPlatform>;
  load?: LoadOptions;
  /** Runs only tests whose name contains this text. */
  filter?: string;
}

/** Everything a run found and did. */
export interface FlowTestRun {
  bot?: Bot;
  botLoad: LoadResult;
  loaded?: LoadedTests;
  results: TestResult[];
  /** True when the bot loaded, every test file was valid and every test passed. */
  ok: boolean;
}

/** Loads the bot and the tests, and runs every test in file order. */
export async function runFlowTests(options: FlowTestOptions): Promise<FlowTestRun> {
  const botLoad = await loadBot(options.flows, options.load);
  if (!botLoad.bot) return { botLoad, results: [], ok: false };
  const bot = botLoad.bot;
  const loaded = await loadTests(options.tests ?? options.flows, bot, { platforms: options.platforms && Object.keys(options.platforms) });
  if (loaded.diagnostics.length > 0) return { bot, botLoad, loaded, results: [], ok: false };
  const actions = options.actions ?? builtinActions();
  const results: TestResult[] = [];
  for (const test of loaded.tests) {
    if (options.filter && !test.name.includes(options.filter)) continue;
    results.push(await runTest(test, { bot, actions, platforms: options.platforms }));
  }
  return { bot, botLoad, loaded, results, ok: results.every((r) => r.ok) };
}
