/**
 * The step graph across all flows: which steps can run at all (UNREACHABLE_STEP) and which
 * cycles never stop for input (LOOP_WITHOUT_INPUT). The edges are the ones the step kinds
 * declare (bot-graph.ts); this file only walks them.
 */
import { FlowDiagnostic } from './flow-diagnostic.js';
import { stepLabel, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';
import type { BotGraph } from './bot-graph.js';

// Steps are numbered flow by flow; numbers keep the graph cheap on flows of thousands of steps.
type Node = number;
const STRIDE = 1 << 20;
const node = (fi: number, si: number): Node => fi * STRIDE + si;
const stepAt = (n: Node): [number, number] => [Math.floor(n / STRIDE), n % STRIDE];

/** The step graph as successor lists, plus what the loop check needs to know per step. */
export interface StepGraph {
  edges: Map<Node, Node[]>;
  /** Successors in the same turn: timer and reminder edges happen later, so no loop runs through them. */
  immediate: Map<Node, Node[]>;
  /** Successors through `if:` branches: a loop with a branch out of it can stop. */
  branches: Map<Node, Node[]>;
  /** Steps that cut loops: they wait (menu, ask, wait) or run a flow that may wait. */
  cuts: Set<Node>;
  roots: Node[];
}

/** Builds the step graph from the bot's edges (edges that do not land on a step are left out). */
export function buildStepGraph(graph: BotGraph): StepGraph {
  const edges = new Map<Node, Node[]>();
  const immediate = new Map<Node, Node[]>();
  const branches = new Map<Node, Node[]>();
  const cuts = new Set<Node>();
  for (const n of graph.nodes) {
    edges.set(node(n.fi, n.si), []);
    immediate.set(node(n.fi, n.si), []);
    if (n.waits || n.kind === 'flow' || n.kind === undefined) cuts.add(node(n.fi, n.si));
  }
  for (const e of graph.edges) {
    const from = node(e.from.fi, e.from.si);
    // A branch to the end of the flow leaves any loop too (-1 is no step).
    const to = e.to.kind === 'step' ? node(e.to.fi, e.to.si) : -1;
    if (e.kind === 'branch' && (to >= 0 || e.to.kind === 'end' || e.to.kind === 'end-all')) {
      (branches.get(from) ?? branches.set(from, []).get(from)!).push(to);
    }
    if (to >= 0) edges.get(from)!.push(to);
    if (to >= 0 && e.kind !== 'timer' && e.kind !== 'remind') immediate.get(from)!.push(to);
  }
  const roots = graph.entries.filter((e) => e.to.kind === 'step').map((e) => (e.to.kind === 'step' ? node(e.to.fi, e.to.si) : 0));
  return { edges, immediate, branches, cuts, roots };
}

/** UNREACHABLE_STEP: steps no flow start, trigger or target leads to (first of each run). */
export function checkReachable(flows: readonly FlowInfo[], { edges, roots }: StepGraph): FlowDiagnostic[] {
  const seen = new Set<Node>();
  const queue: Node[] = [];
  const visit = (n: Node) => {
    if (!seen.has(n) && edges.has(n)) {
      seen.add(n);
      queue.push(n);
    }
  };
  roots.forEach(visit);
  while (queue.length > 0) for (const next of edges.get(queue.pop()!) ?? []) visit(next);
  const out: FlowDiagnostic[] = [];
  flows.forEach((f, fi) => {
    f.steps.forEach((_, si) => {
      // One warning per run of dead steps: the steps after the first are dead because of it.
      if (seen.has(node(fi, si)) || (si > 0 && !seen.has(node(fi, si - 1)))) return;
      out.push(new FlowDiagnostic(
        'UNREACHABLE_STEP',
        `${cap(stepLabel(f, si))} can never run: nothing goes to it; point a next, goto or option at its id, or remove it.`,
        spanAt(f.src, ['steps', si]),
        { severity: 'warning' },
      ));
    });
  });
  return out;
}

/**
 * LOOP_WITHOUT_INPUT: strongly connected steps with no menu, ask or wait among them and no
 * `if:` branch out of them. A loop an `if:` can leave (a counter, a guard that skips to an
 * ask) may stop, so it is the author's to reason about; the runtime still bounds a turn.
 */
export function checkLoops(flows: readonly FlowInfo[], { immediate: edges, branches, cuts }: StepGraph): FlowDiagnostic[] {
  const cut = (n: Node) => cuts.has(n);
  const out: FlowDiagnostic[] = [];
  for (const scc of stronglyConnected([...edges.keys()], (n) => (cut(n) ? [] : edges.get(n) ?? []))) {
    const first = scc.map(stepAt).sort((a, b) => a[0] - b[0] || a[1] - b[1])[0];
    const selfLoop = scc.length === 1 && !cut(scc[0]) && (edges.get(scc[0]) ?? []).includes(scc[0]);
    if (scc.length < 2 && !selfLoop) continue;
    const members = new Set(scc);
    if (scc.some((n) => (branches.get(n) ?? []).some((to) => !members.has(to)))) continue;
    const f = flows[first[0]];
    const labels = scc.map(stepAt).sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([fi, si]) => (fi === first[0] ? stepLabel(flows[fi], si) : `${stepLabel(flows[fi], si)} of flow \`${flows[fi].id}\``));
    out.push(new FlowDiagnostic(
      'LOOP_WITHOUT_INPUT',
      `The loop ${scc.length === 1 ? `${labels[0]} → itself` : labels.join(' → ')} never waits for the user, so it would run forever; put a menu, ask or wait in it, an \`if:\` that leaves it, or leave it with \`next: end\`.`,
      spanAt(f.src, ['steps', first[1]]),
    ));
  }
  return out;
}

/** Tarjan's algorithm, iterative so a long chain of steps cannot overflow the stack. */
function stronglyConnected(nodes: Node[], next: (n: Node) => Node[]): Node[][] {
  const index = new Map<Node, number>();
  const low = new Map<Node, number>();
  const onStack = new Set<Node>();
  const stack: Node[] = [];
  const result: Node[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { n: Node; i: number }[] = [{ n: root, i: 0 }];
    index.set(root, counter); low.set(root, counter++); stack.push(root); onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const succ = next(top.n);
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter++); stack.push(w); onStack.add(w);
          work.push({ n: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.n, Math.min(low.get(top.n)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].n;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.n)!));
      }
      if (low.get(top.n) === index.get(top.n)) {
        const scc: Node[] = [];
        let w: Node;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(w);
        } while (w !== top.n);
        result.push(scc);
      }
    }
  }
  return result;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
