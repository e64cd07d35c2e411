/**
 * Test generation on a 200-step flow: prints how long `generateTests` takes to reach every
 * edge, how many tests and turns it writes, and how long running those tests takes.
 * Run: npx tsx bench/generate-long-flow.ts [segments]
 */
import { loadBotFromSources } from '../engine/flow/load-bot.js';
import { botGraph } from '../engine/flow/bot-graph.js';
import { builtinActions } from '../engine/runtime/runner.js';
import { generateTests } from '../engine/testing/generate-tests.js';
import { settleGenerated } from '../engine/testing/settle-generated.js';
import { computeCoverage, coverageTotals } from '../engine/testing/coverage.js';
import { longFlowYaml } from '../test/support/long-flow.js';

const segments = Number(process.argv[2] ?? 18);
const loaded = loadBotFromSources([{ file: 'long.yaml', text: longFlowYaml(segments) }]);
if (!loaded.bot) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
const bot = loaded.bot;
const graph = botGraph(loaded.sources);
const actions = builtinActions();

let t = performance.now();
const generated = await generateTests({ bot, graph, actions });
const generateMs = performance.now() - t;
t = performance.now();
const settled = await settleGenerated(generated.tests, bot, actions);
const settleMs = performance.now() - t;
t = performance.now();
// A second replay is what `parley test` does with the written file.
const { results } = await settleGenerated(settled.tests, bot, actions);
const runMs = performance.now() - t;
const totals = coverageTotals(computeCoverage(bot, graph, results.map((r) => r.trace)));
console.log(JSON.stringify({
  steps: graph.nodes.length,
  edges: graph.edges.length,
  tests: settled.tests.length,
  turns: settled.tests.reduce((s, x) => s + x.turns.length, 0),
  turnsPlayedWhileSearching: generated.turnsPlayed,
  unreached: generated.unreached.length,
  passing: results.filter((r) => r.ok).length,
  edgeCoverage: `${totals.edges.covered}/${totals.edges.total}`,
  generateMs: Math.round(generateMs),
  replayAndSettleMs: Math.round(settleMs),
  runTestsMs: Math.round(runMs),
}, null, 1));
