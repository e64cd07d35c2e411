/**
 * Coverage of a bot by its conversation tests: which steps were entered, which labelled
 * edges of the bot graph (engine/flow/bot-graph.ts, declared by the step kinds) were taken
 * and which triggers started a flow. The runtime trace names xstate transitions by the
 * guard that chose them; this maps each onto the one edge of the graph it realises.
 */
import type { BotEdge, BotEntry, BotGraph, GraphNode } from '../flow/bot-graph.js';
import type { Bot, Trigger } from '../flow/flow-types.js';
import type { TraceEntry } from './turn-trace.js';
import { compileSafePattern } from '../template/safe-regex.js';

/** What the tests reached, by index into the graph's nodes, edges and entries. */
export interface Coverage {
  graph: BotGraph;
  nodes: boolean[];
  edges: boolean[];
  /** Trigger entries only (`trigger >= 0`); first-step entries are not counted. */
  entries: boolean[];
}

/** Counts of a coverage. */
export interface CoverageTotals {
  steps: { covered: number; total: number };
  edges: { covered: number; total: number };
  triggers: { covered: number; total: number };
  /** Covered edges and triggers over all edges and triggers, in percent (100 when there are none). */
  percent: number;
}

const keyOf = (fi: number, si: number, kind: string, extra = '') => `${fi}/${si}/${kind}/${extra}`;

function edgeKey(e: BotEdge): string {
  return keyOf(e.from.fi, e.from.si, e.kind, e.option ? String(e.option.index) : (e.branch ?? ''));
}

/** Kinds taken by an eventless transition of a step that has only one way on. */
const PLAIN = new Set(['next', 'goto', 'cancel']);

/** The edge key a traced transition realises, or undefined (a retry, a prompt being sent). */
function transitionKey(t: Extract<TraceEntry, { type: 'transition' }>, node: GraphNode | undefined, edgesFrom: BotEdge[]): string | undefined {
  const { fi, si, eventType, guard, part } = t;
  if (eventType === 'answer') {
    // A fixed option's press; a list member (options_from) or a multi-select answer goes on.
    if (guard?.type === 'menuPick' && guard.params?.fixed !== undefined) return keyOf(fi, si, 'option', String(guard.params.fixed));
    if (guard?.type === 'menuPick' || guard?.type === 'menuPickMany') return keyOf(fi, si, 'next');
    if (guard?.type === 'askValid') return keyOf(fi, si, 'next');
    if (guard) return undefined;
    return keyOf(fi, si, node?.kind === 'ask' ? 'retries_exhausted' : 'otherwise');
  }
  if (eventType === 'fire') return keyOf(fi, si, guard?.params?.kind === 'remind' ? 'remind' : 'timer');
  if (eventType.startsWith('xstate.done.actor')) return keyOf(fi, si, 'next');
  if (eventType.startsWith('xstate.error.actor')) return keyOf(fi, si, 'on_error');
  if (eventType !== '') return undefined;
  if (part === 'prompt') return undefined;
  if (part === 'back') return keyOf(fi, si, 'return');
  if (node?.kind === 'if') return keyOf(fi, si, 'branch', guard ? 'then' : 'else');
  const plain = edgesFrom.filter((e) => PLAIN.has(e.kind));
  return plain.length === 1 ? edgeKey(plain[0]) : undefined;
}

/** Which trigger of `flow` an input that jumped to `step` matched. */
function triggerOf(bot: Bot, entries: BotEntry[], flowId: string, step: string, input: Extract<TraceEntry, { type: 'turn' }>['input']): number {
  const candidates = entries.map((e, i) => ({ e, i })).filter(({ e }) => e.trigger >= 0 && e.flow === flowId && e.to.kind === 'step' && e.to.step === step);
  if (candidates.length <= 1) return candidates[0]?.i ?? -1;
  const flow = bot.flows.find((f) => f.id === flowId);
  const fits = (t: Trigger): boolean => {
    if ('event' in t) return input.kind === 'lifecycle' && input.lifecycle === t.event;
    if ('payload' in t) return input.optionId === t.payload || input.payload === t.payload;
    if ('command' in t) return input.kind === 'text' && /^[!/]/.test(input.text ?? '') && (t.command === '*' || (input.text ?? '').slice(1).split(/\s/)[0].toLowerCase() === t.command.toLowerCase());
    // The runtime's own matcher (RE2), so attribution agrees with what fired the trigger.
    if ('pattern' in t) return typeof input.text === 'string' && compileSafePattern(t.pattern, t.flags ?? 'u').test(input.text);
    return 'fallback' in t;
  };
  // The fallback fits anything, so the specific triggers are tried first.
  const ordered = [...candidates].sort((a, b) => Number('fallback' in (flow?.triggers?.[a.e.trigger] ?? {})) - Number('fallback' in (flow?.triggers?.[b.e.trigger] ?? {})));
  return (ordered.find(({ e }) => flow?.triggers?.[e.trigger] && fits(flow.triggers[e.trigger])) ?? candidates[0]).i;
}

/** Records traces against a graph; `record` says which items a trace reached. */
export interface CoverageTracker {
  /** Marks what a trace reached; returns the ids reached (`n<i>` nodes, `e<i>` edges, `t<i>` entries). */
  record(trace: readonly TraceEntry[]): string[];
  coverage(): Coverage;
}

/** A tracker over `graph` (the maps are built once, so recording many short traces is cheap). */
export function createCoverageTracker(bot: Bot, graph: BotGraph): CoverageTracker {
  const nodeIndex = new Map(graph.nodes.map((n, i) => [`${n.fi}/${n.si}`, i]));
  const edgeIndex = new Map<string, number>();
  const edgesFrom = new Map<string, BotEdge[]>();
  graph.edges.forEach((e, i) => {
    edgeIndex.set(edgeKey(e), i);
    const k = `${e.from.fi}/${e.from.si}`;
    edgesFrom.set(k, [...(edgesFrom.get(k) ?? []), e]);
  });
  const nodes = graph.nodes.map(() => false);
  const edges = graph.edges.map(() => false);
  const entries = graph.entries.map(() => false);
  return {
    record(trace) {
      const hit: string[] = [];
      const markEdge = (key: string | undefined) => {
        const i = key === undefined ? undefined : edgeIndex.get(key);
        if (i === undefined) return;
        edges[i] = true;
        hit.push(`e${i}`);
      };
      let input: Extract<TraceEntry, { type: 'turn' }>['input'] = { kind: 'none' };
      for (const t of trace) {
        if (t.type === 'turn') input = t.input;
        else if (t.type === 'enter') {
          const i = nodeIndex.get(`${t.fi}/${t.si}`);
          if (i === undefined) continue;
          nodes[i] = true;
          hit.push(`n${i}`);
          const n = graph.nodes[i];
          if (n.kind === 'flow') markEdge(keyOf(n.fi, n.si, 'call'));
        } else if (t.type === 'transition') {
          const from = `${t.fi}/${t.si}`;
          const i = nodeIndex.get(from);
          markEdge(transitionKey(t, i === undefined ? undefined : graph.nodes[i], edgesFrom.get(from) ?? []));
        } else if (t.type === 'jump' && t.fromTurn && input.kind !== 'start') {
          const [, flow, ...step] = t.event.split('.');
          const i = triggerOf(bot, graph.entries, flow, step.join('.'), input);
          if (i >= 0) {
            entries[i] = true;
            hit.push(`t${i}`);
          }
        }
      }
      return hit;
    },
    coverage: () => ({ graph, nodes, edges, entries }),
  };
}

/** Coverage of `graph` by the traces of test runs. */
export function computeCoverage(bot: Bot, graph: BotGraph, traces: readonly TraceEntry[][]): Coverage {
  const tracker = createCoverageTracker(bot, graph);
  for (const trace of traces) tracker.record(trace);
  return tracker.coverage();
}

/** The totals of a coverage. */
export function coverageTotals(c: Coverage): CoverageTotals {
  const count = (flags: boolean[]) => ({ covered: flags.filter(Boolean).length, total: flags.length });
  const triggerFlags = c.entries.filter((_, i) => c.graph.entries[i].trigger >= 0);
  const steps = count(c.nodes);
  const edges = count(c.edges);
  const triggers = count(triggerFlags);
  const total = edges.total + triggers.total;
  const percent = total === 0 ? 100 : (100 * (edges.covered + triggers.covered)) / total;
  return { steps, edges, triggers, percent };
}
