/**
 * `parley graph [paths] [--format svg|dot|mermaid] [--out file] [--coverage]`: the bot's
 * flows as a diagram, from the same data the studio draws (engine/graph/build-bot-graph.ts).
 */
import { writeFile } from 'node:fs/promises';
import { loadBot } from '../../engine/flow/load-bot.js';
import { formatDiagnostic, formatSummary } from '../../engine/flow/format-diagnostic.js';
import { buildBotGraph, type DiagramCoverage } from '../../engine/graph/build-bot-graph.js';
import { renderDot } from '../../engine/graph/render-dot.js';
import { renderMermaid } from '../../engine/graph/render-mermaid.js';
import { renderSvg } from '../../engine/graph/render-svg.js';
import { runFlowTests } from '../../engine/testing/run-flow-tests.js';
import { registeredActions } from '../bot-actions.js';
import { coverageOf } from './test-coverage.js';
import { testPlatforms } from './test-platforms.js';
import type { CliIo } from './main.js';

const FORMATS = ['svg', 'dot', 'mermaid'] as const;

/** What the command was given. */
export interface GraphCommandArgs {
  paths: string[];
  values: Record<string, string | boolean | undefined>;
  io: CliIo;
  env: Record<string, string | undefined>;
}

/** Runs `parley graph`; resolves to the exit code. */
export async function runGraphCommand({ paths, values, io, env }: GraphCommandArgs): Promise<number> {
  const format = (values.format as string | undefined) ?? 'svg';
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.stderr(`parley graph: unknown format "${format}"; use one of ${FORMATS.join(', ')}\n`);
    return 2;
  }
  const loaded = await loadBot(paths);
  if (!loaded.bot) {
    for (const d of loaded.diagnostics) io.stderr(formatDiagnostic(d) + '\n');
    io.stderr(`The flows do not load (${formatSummary(loaded.diagnostics, loaded.files.length)}); run \`parley validate ${paths.join(' ')}\`.\n`);
    return 1;
  }
  let coverage: DiagramCoverage | undefined;
  if (values.coverage) {
    const run = await runFlowTests({ flows: paths, tests: values.tests ? [values.tests as string] : paths, actions: await registeredActions(env), platforms: testPlatforms() });
    if (!run.loaded || run.loaded.diagnostics.length > 0) {
      io.stderr('The test files have errors; run `parley test` to see them.\n');
      return 1;
    }
    coverage = coverageOf(run);
    if (!run.ok) io.stderr(`${run.results.filter((r) => !r.ok).length} tests fail; coverage is drawn from what they reached (run \`parley test\`).\n`);
  }
  const diagram = buildBotGraph({ bot: loaded.bot, sources: loaded.sources }, coverage);
  const text = format === 'svg' ? await renderSvg(diagram) : format === 'dot' ? renderDot(diagram) : renderMermaid(diagram);
  if (typeof values.out === 'string') {
    await writeFile(values.out, text);
    io.stdout(`wrote ${values.out} (${diagram.nodes.length} nodes, ${diagram.edges.length} edges, ${format})\n`);
  } else io.stdout(text.endsWith('\n') ? text : text + '\n');
  return 0;
}
