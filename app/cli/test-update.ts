/**
 * `parley test --update`: replays the failing tests to their end, shows the diff of the
 * expectations that no longer hold, and writes the test files with what the bot now says.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runTest } from '../../engine/testing/run-test.js';
import type { FlowTestRun } from '../../engine/testing/run-flow-tests.js';
import { applyChanges, expectationChanges, formatChanges, type ExpectationChange } from '../../engine/testing/update-expectations.js';
import type { ActionRegistry } from '../../engine/actions/action-types.js';
import type { TestPlatform } from '../../engine/testing/run-test.js';
import type { CliIo } from './main.js';

/** Rewrites failing tests; resolves to the exit code (1 when something could not be rewritten). */
export async function runUpdate(run: FlowTestRun, deps: { actions: ActionRegistry; platforms: Record<string, TestPlatform> }, io: CliIo): Promise<number> {
  const failing = run.results.filter((r) => !r.ok);
  if (failing.length === 0) {
    io.stdout(`✓ all ${run.results.length} tests pass; nothing to update.\n`);
    return 0;
  }
  const changes: ExpectationChange[] = [];
  const unfixable: string[] = [];
  for (const r of failing) {
    const replay = await runTest(r.test, { bot: run.bot!, ...deps, keepGoing: true });
    const found = expectationChanges(replay);
    changes.push(...found.changes);
    unfixable.push(...found.unfixable);
  }
  if (changes.length > 0) io.stdout(formatChanges(changes) + '\n');
  const byFile = new Map<string, ExpectationChange[]>();
  for (const c of changes) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  for (const [file, list] of byFile) await writeFile(file, applyChanges(await readFile(file, 'utf8'), list));
  for (const u of unfixable) io.stderr(u + '\n');
  io.stdout(`updated ${changes.length} expectation${changes.length === 1 ? '' : 's'} of ${failing.length} failing test${failing.length === 1 ? '' : 's'} in ${byFile.size} file${byFile.size === 1 ? '' : 's'}; review the diff above.\n`);
  return unfixable.length > 0 ? 1 : 0;
}
