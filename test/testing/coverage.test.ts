/**
 * Coverage against a small flow counted by hand: 4 steps; 8 edges (pick: option A, option
 * B, otherwise; ask: next, retries exhausted; check: then, else; done: next); 2 triggers.
 */
import { describe, expect, it } from 'vitest';
import { botGraph } from '../../engine/flow/bot-graph.js';
import { loadBotFromSources } from '../../engine/flow/load-bot.js';
import { builtinActions } from '../../engine/runtime/runner.js';
import { computeCoverage, coverageTotals } from '../../engine/testing/coverage.js';
import { uncoveredItems } from '../../engine/testing/format-coverage.js';
import { loadTestSource } from '../../engine/testing/load-tests.js';
import { runTest } from '../../engine/testing/run-test.js';

const SMALL = `version: 1
id: small
triggers: [{ command: go }, { command: alt, goto: ask }]
steps:
  - id: pick
    menu: { text: Pick, options: [{ id: a, title: A, next: done }, { id: b, title: B }] }
  - id: ask
    ask: { text: Name?, save: name, retries: 1, on_fail: done }
  - id: check
    if: name == "x"
    then: done
    else: done
  - id: done
    say: Bye
`;

const loaded = loadBotFromSources([{ file: 'small.yaml', text: SMALL }]);
const bot = loaded.bot!;
const graph = botGraph(loaded.sources);

async function coverageOf(tests: string) {
  const { tests: located, diagnostics } = loadTestSource('small.test.yaml', `version: 1\ntests:\n${tests}`, bot);
  expect(diagnostics).toEqual([]);
  const results = await Promise.all(located.map((t) => runTest(t, { bot, actions: builtinActions() })));
  expect(results.map((r) => r.failure?.mismatches)).toEqual(results.map(() => undefined));
  return computeCoverage(bot, graph, results.map((r) => r.trace));
}

const FIRST = `
  - name: A
    turns:
      - { user: "!go", bot: Pick }
      - { press: A, bot: Bye }
`;
const SECOND = `
  - name: alt then x
    turns:
      - { user: "!alt", bot: Name? }
      - { user: x, bot: Bye }
`;

describe('computeCoverage', () => {
  it('counts the graph as by hand', () => {
    expect(graph.nodes).toHaveLength(4);
    expect(graph.edges).toHaveLength(8);
    expect(graph.entries.filter((e) => e.trigger >= 0)).toHaveLength(2);
  });

  it('one test: 2 of 4 steps, 2 of 8 edges, 1 of 2 triggers', async () => {
    const t = coverageTotals(await coverageOf(FIRST));
    expect(t).toMatchObject({ steps: { covered: 2, total: 4 }, edges: { covered: 2, total: 8 }, triggers: { covered: 1, total: 2 } });
    expect(t.percent).toBeCloseTo(30);
  });

  it('two tests: every step, 4 of 8 edges, both triggers; the rest listed at file:line', async () => {
    const c = await coverageOf(FIRST + SECOND);
    const t = coverageTotals(c);
    expect(t).toMatchObject({ steps: { covered: 4, total: 4 }, edges: { covered: 4, total: 8 }, triggers: { covered: 2, total: 2 } });
    expect(t.percent).toBeCloseTo(60);
    expect(uncoveredItems(bot, c).map((u) => `${u.file}:${u.line} ${u.what}`)).toEqual([
      'small.yaml:5 edge otherwise of small.pick → small.pick is never taken',
      'small.yaml:6 edge option "B" of small.pick → small.ask is never taken',
      'small.yaml:8 edge retries_exhausted of small.ask → small.done is never taken',
      'small.yaml:12 edge branch "else" of small.check → small.done is never taken',
    ]);
  });

  it('reaches all 8 edges with the remaining paths', async () => {
    const c = await coverageOf(FIRST + SECOND + `
  - name: B, wrong, then give up
    turns:
      - { user: "!go" }
      - { user: what, bot: Pick }
      - { press: B, bot: Name? }
      - { user: "", contains: Name? }
      - { user: y, bot: Bye }
  - name: ask fails twice
    given: { at: small.ask }
    turns:
      - { user: "" }
      - { user: "", bot: Bye }
`);
    expect(coverageTotals(c)).toMatchObject({ edges: { covered: 8, total: 8 }, percent: 100 });
  });
});
