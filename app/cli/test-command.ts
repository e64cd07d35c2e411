/**
 * `parley test`: runs the conversation tests, prints each failure at the test's
 * file:line:col, reports coverage (`--coverage`, `--min`), and with `--update` rewrites the
 * expectations of failing tests. Exit 0 when everything passed, 1 on a failure, 2 on bad arguments.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDiagnostic, formatSummary } from '../../engine/flow/format-diagnostic.js';
import { runFlowTests } from '../../engine/testing/run-flow-tests.js';
import { formatTestRun } from '../../engine/testing/format-test-report.js';
import { registeredActions } from '../bot-actions.js';
import { testPlatforms } from './test-platforms.js';
import type { CliIo } from './main.js';
import { runUpdate } from './test-update.js';
import { reportCoverage } from './test-coverage.js';
import { runGenerate } from './test-generate.js';

/** What the command was given. */
export interface TestCommandArgs {
  paths: string[];
  flows: string;
  values: Record<string, string | boolean | undefined>;
  io: CliIo;
  color: boolean;
  env: Record<string, string | undefined>;
}

/** Runs `parley test`; resolves to the exit code. */
export async function runTestCommand({ paths, flows, values, io, color, env }: TestCommandArgs): Promise<number> {
  const min = values.min === undefined ? undefined : Number(values.min);
  if (min !== undefined && !(min >= 0 && min <= 100)) {
    io.stderr(`parley test: --min takes a percent from 0 to 100, not "${String(values.min)}"\n`);
    return 2;
  }
  const deps = { actions: await registeredActions(env), platforms: testPlatforms() };
  const run = await runFlowTests({
    flows: [flows],
    tests: paths.length > 0 ? paths : [flows],
    ...deps,
    filter: values.filter as string | undefined,
  });
  if (!run.bot) {
    for (const d of run.botLoad.diagnostics) io.stderr(formatDiagnostic(d, await readFile(d.span.file, 'utf8').catch(() => undefined), { color }) + '\n\n');
    io.stderr(`The flows in ${flows} do not load (${formatSummary(run.botLoad.diagnostics, run.botLoad.files.length)}); run \`parley validate ${flows}\`.\n`);
    return 1;
  }
  const loaded = run.loaded!;
  if (loaded.diagnostics.length > 0) {
    for (const d of loaded.diagnostics) io.stderr(formatDiagnostic(d, loaded.texts.get(d.span.file), { color }) + '\n\n');
    io.stderr(`${formatSummary(loaded.diagnostics, loaded.files.length)}: no test was run.\n`);
    return 1;
  }
  if (loaded.tests.length === 0 && typeof values.generate !== 'string') {
    io.stderr(`No tests in ${(paths.length > 0 ? paths : [flows]).join(', ')}: write *.test.yaml files (see \`parley test --help\`), or generate some with --generate.\n`);
    return 1;
  }
  if (values.update) return runUpdate(run, deps, io);
  io.stdout(formatTestRun(run, { color, verbose: Boolean(values.verbose) }) + '\n');
  let code = run.ok ? 0 : 1;
  if (values.coverage || min !== undefined) code = Math.max(code, reportCoverage(run, io, min));
  if (typeof values.generate === 'string') {
    const testDir = paths.length === 1 && !paths[0].endsWith('.yaml') ? paths[0] : join(flows, 'tests');
    code = Math.max(code, await runGenerate(run, values.generate, values.out as string | undefined, testDir, deps.actions, io));
  }
  return code;
}
