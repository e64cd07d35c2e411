/**
 * generateTests: from no tests at all, tests that reach every edge of the example bot and of
 * a generated 200-step flow, which pass when replayed; and `parley test --generate` writing them.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { botGraph } from '../../engine/flow/bot-graph.js';
import { loadBot, loadBotFromSources } from '../../engine/flow/load-bot.js';
import { builtinActions } from '../../engine/runtime/runner.js';
import { computeCoverage, coverageTotals } from '../../engine/testing/coverage.js';
import { generateTests } from '../../engine/testing/generate-tests.js';
import { settleGenerated } from '../../engine/testing/settle-generated.js';
import { parley } from '../support/run-cli.js';
import type { Bot } from '../../engine/flow/flow-types.js';
import type { ParsedSource } from '../../engine/flow/parsed-source.js';
import { longFlowYaml } from '../support/long-flow.js';

const FLOWS = join(import.meta.dirname, '..', '..', 'flows');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function generateAll(bot: Bot, sources: ParsedSource[]) {
  const graph = botGraph(sources);
  const generated = await generateTests({ bot, graph, actions: builtinActions() });
  const settled = await settleGenerated(generated.tests, bot, builtinActions());
  const totals = coverageTotals(computeCoverage(bot, graph, settled.results.map((r) => r.trace)));
  return { generated, settled, totals, graph };
}

describe('generateTests', () => {
  it('reaches every step, edge and trigger of the example bot from no tests, with passing tests', async () => {
    const { bot, sources } = await loadBot(FLOWS);
    const { generated, settled, totals } = await generateAll(bot!, sources);
    expect(generated.unreached).toEqual([]);
    expect(settled.results.filter((r) => !r.ok).map((r) => r.failure)).toEqual([]);
    expect(totals).toMatchObject({ steps: { covered: 22, total: 22 }, edges: { covered: 29, total: 29 }, triggers: { covered: 12, total: 12 }, percent: 100 });
    // The vault's reveal needs the key the bot gave: captured from the reply, sent back.
    const reveal = settled.tests.find((t) => t.turns.some((turn) => turn.user === '{{ reply1 }}'))!;
    expect(reveal.turns[0]).toMatchObject({ user: 'new:a', matches: '^(?<reply1>.+)$' });
    expect(reveal.turns[1]).toMatchObject({ bot: 'a' });
    // A shortest sequence: the failing vault is reached in one turn, with the action stubbed to fail.
    expect(settled.tests.find((t) => t.actions?.['vault.store']?.error)).toMatchObject({ turns: [{ user: 'new:a', bot: 'Sorry, I could not keep that secret. Please try again later.' }] });
  }, 120_000);

  it('reaches every edge of a generated 200-step flow', async () => {
    const loaded = loadBotFromSources([{ file: 'long.yaml', text: longFlowYaml(18) }]);
    const { generated, settled, totals, graph } = await generateAll(loaded.bot!, loaded.sources);
    expect(graph.nodes).toHaveLength(200);
    expect(generated.unreached).toEqual([]);
    expect(totals.edges).toEqual({ covered: graph.edges.length, total: graph.edges.length });
    expect(settled.results.every((r) => r.ok)).toBe(true);
  }, 300_000);
});

describe('parley test --generate', () => {
  it('writes tests for one flow\'s uncovered edges that `parley test` then passes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-gen-'));
    dirs.push(dir);
    await cp(FLOWS, dir, { recursive: true });
    await rm(join(dir, 'tests', 'club-menu.test.yaml'));
    const generated = await parley('test', '--flows', dir, '--generate', 'club-menu');
    expect(generated.code).toBe(0);
    expect(generated.stdout + generated.stderr).toMatch(/generated \d+ tests? \(\d+ turns\) reaching 20 of 20 uncovered items/);
    const text = await readFile(join(dir, 'tests', 'generated.test.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain('press: Tenis');
    const covered = await parley('test', '--flows', dir, '--coverage', '--min', '100');
    expect(covered.code).toBe(0);
    expect(covered.stdout + covered.stderr).toContain('edges 29/29 (100 %)');
  }, 120_000);
});
