/**
 * `parley test --generate`: tests that reach every uncovered edge of the chosen flows by the
 * shortest input sequence. An A* search over conversation states, where a state's successors
 * are the real runner's answers to the inputs its waiting step (or, when idle, the bot's
 * triggers) reacts to, guided by the inputs the bot graph says are still needed
 * (target-distance.ts); the graph's labelled edges are the targets, and a target is reached
 * when a turn's transitions realise it (the coverage tracker). An `on_error` edge is searched again
 * with that action stubbed to fail. The replies seen become the tests' expectations.
 */
import type { ActionRegistry } from '../actions/action-types.js';
import type { BotGraph } from '../flow/bot-graph.js';
import type { Bot } from '../flow/flow-types.js';
import { candidateInputs } from './candidate-inputs.js';
import { defaultStubs, describeTarget, stateKey, withCaptures } from './generation-parts.js';
import { createCoverageTracker, type Coverage } from './coverage.js';
import { turnTexts } from './expect-turn.js';
import type { ActionStub, FlowTest, TestTurn } from './flow-test-types.js';
import { playInput } from './run-test.js';
import { createTestConversation, type SavedConversation } from './test-conversation.js';
import { liveNames, targetDistances, type TargetDistances } from './target-distance.js';

/** What to generate for. */
export interface GenerateOptions {
  bot: Bot;
  graph: BotGraph;
  actions: ActionRegistry;
  /** Flow ids whose edges, steps and triggers are targets; undefined = every flow. */
  flows?: readonly string[];
  /** What existing tests already reach; those items are not targets. */
  covered?: Coverage;
  /** Texts from existing tests, tried on pattern triggers first. */
  knownTexts?: readonly string[];
  /** Most turns played in all (a bound on the search); default 50,000. */
  maxTurns?: number;
  /** Longest input sequence tried; default 400. */
  maxDepth?: number;
  /** Most turns one A* search may play before the rest counts as unreachable; default 4,000. */
  turnsPerSearch?: number;
}

/** What generation produced. */
export interface GenerateResult {
  tests: FlowTest[];
  /** Target ids (`e<i>`, `n<i>`, `t<i>`) reached, and those no sequence reached. */
  reached: string[];
  unreached: string[];
  turnsPlayed: number;
}

interface Node { saved: SavedConversation; path: TestTurn[] }

/** One search setting: the stubs, and the user (a name, or none: flows branch on `user.name`). */
interface Setting { stubs: Record<string, ActionStub>; user?: { name: string } }

const replies = (path: TestTurn[]) => path.flatMap((t) => (t.bot === undefined ? [] : Array.isArray(t.bot) ? t.bot : [t.bot]));

/** The position of a state in the graph: its waiting step's node, or idle. */
function distanceOf(o: GenerateOptions, d: TargetDistances, saved: SavedConversation): number {
  const w = saved.context.waiting;
  if (!w) return d.idle;
  const i = o.graph.nodes.findIndex((n) => n.flow === w.flow && n.step === w.step);
  return i < 0 ? Infinity : d.node[i];
}

/**
 * A* from a new conversation: the open states are ordered by turns so far plus the inputs
 * the graph says are still needed; the first turn that reaches any target is recorded, and
 * the search goes on with the heuristic recomputed for what is left, from the same open
 * states (so no turn is played twice). Ends when nothing left is reachable in this setting.
 */
async function search(o: GenerateOptions, setting: Setting, targets: Set<string>, budget: { turns: number }, found: (path: TestTurn[], hit: string[]) => void, stopWhen?: () => boolean): Promise<void> {
  const convo = createTestConversation({ bot: o.bot, actions: o.actions, test: { actions: setting.stubs, ...(setting.user ? { given: { user: setting.user } } : {}) } });
  const tracker = createCoverageTracker(o.bot, o.graph);
  let open: Node[] = [{ saved: convo.save(), path: [] }];
  const live = liveNames(o.graph, (fi, si) => JSON.stringify(o.bot.flows[fi].steps[si]));
  const liveAt = (saved: SavedConversation) => {
    const w = saved.context.waiting;
    const i = w ? o.graph.nodes.findIndex((n) => n.flow === w.flow && n.step === w.step) : -1;
    // Idle, or inside a called flow: anything may be read later.
    return i < 0 || saved.context.stack.length > 1 ? undefined : live[i];
  };
  const visited = new Set([stateKey(open[0].saved, liveAt)]);
  const maxDepth = o.maxDepth ?? 400;
  let runTurns = o.turnsPerSearch ?? 4000;
  while (targets.size > 0 && budget.turns > 0 && !stopWhen?.()) {
    const dist = targetDistances(o.graph, targets);
    const buckets: Node[][] = [];
    for (const n of open) {
      const h = distanceOf(o, dist, n.saved);
      if (h < Infinity) (buckets[n.path.length + h] ??= []).push(n);
    }
    open = [];
    let hit = false;
    for (let f = 0; f < buckets.length && !hit; f++) {
      // Last in, first out among equal estimates: the search follows one path down instead
      // of widening over every option that looks as close.
      while (!hit && buckets[f]?.length) {
        const node = buckets[f].pop()!;
        // What the bot said earlier may be what the user sends back (a key to a secret).
        const known = [...replies(node.path), ...(o.knownTexts ?? [])];
        for (const input of candidateInputs(o.bot, o.graph, node.saved.context.waiting, known)) {
          if (budget.turns-- <= 0 || runTurns-- <= 0) return;
          convo.restore(node.saved);
          convo.trace.length = 0;
          let texts: string[];
          try {
            texts = turnTexts(await playInput(o.bot, convo, input));
          } catch {
            continue; // a timer loop: this input leads nowhere a test can end
          }
          const turn: TestTurn = { ...input, ...(texts.length === 0 ? { silent: true as const } : { bot: texts.length === 1 ? texts[0] : texts }) };
          const child: Node = { saved: convo.save(), path: [...node.path, turn] };
          const reached = tracker.record(convo.trace).filter((id) => targets.has(id));
          if (reached.length > 0) {
            for (const id of reached) targets.delete(id);
            found(child.path, reached);
            hit = true;
            runTurns = o.turnsPerSearch ?? 4000;
          }
          const key = stateKey(child.saved, liveAt);
          if (child.path.length < maxDepth && !visited.has(key)) {
            visited.add(key);
            const h = distanceOf(o, dist, child.saved);
            if (hit) open.push(child);
            else if (h < Infinity) (buckets[child.path.length + h] ??= []).push(child);
          }
        }
      }
    }
    // What was not expanded stays open for the next round.
    for (const b of buckets) if (b) open.push(...b);
    if (!hit) return;
  }
}

/** The targets of the chosen flows that `covered` does not reach. */
export function generationTargets(o: Pick<GenerateOptions, 'graph' | 'flows' | 'covered'>): Set<string> {
  const want = (flow: string) => !o.flows || o.flows.includes(flow);
  const c = o.covered;
  const targets = new Set<string>();
  o.graph.edges.forEach((e, i) => want(e.from.flow) && !c?.edges[i] && targets.add(`e${i}`));
  o.graph.nodes.forEach((n, i) => want(n.flow) && !c?.nodes[i] && targets.add(`n${i}`));
  o.graph.entries.forEach((e, i) => e.trigger >= 0 && want(e.flow) && !c?.entries[i] && targets.add(`t${i}`));
  return targets;
}

/** Generates tests for every target; see the module comment. */
export async function generateTests(o: GenerateOptions): Promise<GenerateResult> {
  const targets = generationTargets(o);
  const all = [...targets];
  const budget = { turns: o.maxTurns ?? 50_000 };
  const found: { path: TestTurn[]; hit: string[]; setting: Setting }[] = [];
  const base = defaultStubs(o.bot, o.actions);
  const settings: Setting[] = [{ stubs: base, user: { name: 'Ana' } }, { stubs: base }];
  for (const setting of settings) {
    if (targets.size > 0) await search(o, setting, targets, budget, (path, hit) => found.push({ path, hit, setting }));
  }
  // on_error edges: the same search with that step's action failing, stopped once reached.
  for (const id of [...targets]) {
    const e = o.graph.edges[Number(id.slice(1))];
    if (!id.startsWith('e') || e?.kind !== 'on_error') continue;
    const step = o.bot.flows[e.from.fi].steps[e.from.si] as { call?: string };
    if (!step.call || !targets.has(id)) continue;
    const setting: Setting = { stubs: { ...base, [step.call]: { error: 'generated failure' } }, user: { name: 'Ana' } };
    await search(o, setting, targets, budget, (path, hit) => found.push({ path, hit, setting }), () => !targets.has(id));
  }
  // A test whose inputs are the start of a longer test's, with the same stubs, is folded into it.
  const sig = (f: (typeof found)[number]) => JSON.stringify(f.setting);
  const inputs = (p: TestTurn[]) => p.map(({ bot: _b, silent: _s, ...input }) => JSON.stringify(input));
  const kept = found.filter((f, i) => !found.some((g, j) => j !== i && sig(g) === sig(f) && g.path.length > f.path.length && inputs(f.path).every((x, k) => inputs(g.path)[k] === x)));
  for (const f of found) {
    if (kept.includes(f)) continue;
    const into = kept.find((g) => sig(g) === sig(f) && g.path.length > f.path.length && inputs(f.path).every((x, k) => inputs(g.path)[k] === x));
    into?.hit.push(...f.hit);
  }
  const tests = kept.map((f, i): FlowTest => ({
    name: `generated ${i + 1}: reaches ${describeTarget(o, f.hit[0])}${f.hit.length > 1 ? ` and ${f.hit.length - 1} more` : ''} in ${f.path.length} turn${f.path.length === 1 ? '' : 's'}`,
    ...(f.setting.user ? { given: { user: f.setting.user } } : {}),
    ...(Object.keys(f.setting.stubs).length > 0 ? { actions: f.setting.stubs } : {}),
    turns: withCaptures(f.path),
  }));
  return { tests, reached: all.filter((id) => !targets.has(id)), unreached: [...targets], turnsPlayed: (o.maxTurns ?? 50_000) - budget.turns };
}
