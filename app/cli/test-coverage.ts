/** `parley test --coverage [--min percent]`: the coverage report and its threshold. */
import { botGraph } from '../../engine/flow/bot-graph.js';
import { computeCoverage, coverageTotals, type Coverage } from '../../engine/testing/coverage.js';
import { formatCoverage } from '../../engine/testing/format-coverage.js';
import type { FlowTestRun } from '../../engine/testing/run-flow-tests.js';
import type { CliIo } from './main.js';

/** The coverage of a finished run. */
export function coverageOf(run: FlowTestRun): Coverage {
  return computeCoverage(run.bot!, botGraph(run.botLoad.sources), run.results.map((r) => r.trace));
}

/** Prints the coverage; resolves to 1 when it is below `min`. */
export function reportCoverage(run: FlowTestRun, io: CliIo, min: number | undefined): number {
  const coverage = coverageOf(run);
  io.stdout(formatCoverage(run.bot!, coverage) + '\n');
  const { percent } = coverageTotals(coverage);
  if (min !== undefined && percent + 1e-9 < min) {
    io.stderr(`coverage ${percent.toFixed(1)} % of edges and triggers is below --min ${min} %; add tests for the items above, or generate them with --generate.\n`);
    return 1;
  }
  return 0;
}
