/**
 * The step graph across all flows: which steps can run at all (UNREACHABLE_STEP) and which
 * cycles never stop for input (LOOP_WITHOUT_INPUT). Edges follow the compiler's rules: a
 * step goes to its `next`, else the following step, else the end of its flow.
 */
import { FlowDiagnostic } from './flow-diagnostic.js';
import { isRecord, kindOf, resolveTarget, stepLabel, type FlowInfo } from './flow-model.js';
import { spanAt } from './parsed-source.js';

// Steps are numbered flow by flow; numbers keep the graph cheap on flows of thousands of steps.
type Node = number;
const STRIDE = 1 << 20;
const node = (fi: number, si: number): Node => fi * STRIDE + si;
const stepAt = (n: Node): [number, number] => [Math.floor(n / STRIDE), n % STRIDE];

/** Steps that stop and wait for the user or a timer, which breaks any loop. */
const WAITING = new Set(['menu', 'ask', 'wait']);

/** The step graph of all flows: successors of every step. Build it once and pass it to both checks. */
export interface StepGraph {
  edges: Map<Node, Node[]>;
}

/** Successor nodes of one step; unresolvable targets (reported elsewhere) are skipped. */
function successors(flows: readonly FlowInfo[], byId: ReadonlyMap<string, number>, fi: number, si: number): Node[] {
  const step = flows[fi].steps[si];
  if (!isRecord(step)) return [];
  const kind = kindOf(step);
  const out: Node[] = [];
  const to = (target: unknown) => {
    const r = resolveTarget(flows, byId, fi, target);
    if (r.kind === 'step') out.push(node(r.flow, r.step));
  };
  const fallthrough = () => {
    if (step.next !== undefined) to(step.next);
    else if (si + 1 < flows[fi].steps.length) out.push(node(fi, si + 1));
  };
  const body = isRecord(step[kind ?? '']) ? (step[kind!] as Record<string, unknown>) : {};
  switch (kind) {
    case 'end':
      break;
    case 'goto':
      to(step.goto);
      break;
    case 'if':
      to(step.then);
      if (step.else !== undefined) to(step.else);
      else fallthrough();
      break;
    case 'menu': {
      const options = Array.isArray(body.options) ? body.options : [];
      for (const o of options) {
        if (isRecord(o) && o.next !== undefined) to(o.next);
        else fallthrough();
      }
      if (isRecord(body.otherwise) && body.otherwise.next !== undefined) to(body.otherwise.next);
      if (isRecord(body.remind) && body.remind.next !== undefined) to(body.remind.next);
      break;
    }
    case 'ask':
      fallthrough();
      if (body.on_fail !== undefined) to(body.on_fail);
      if (isRecord(body.remind) && body.remind.next !== undefined) to(body.remind.next);
      break;
    case 'call':
      fallthrough();
      if (step.on_error !== undefined) to(step.on_error);
      break;
    default:
      fallthrough();
  }
  return out;
}

/** Builds the step graph (targets that do not resolve are left out; they are reported elsewhere). */
export function buildStepGraph(flows: readonly FlowInfo[], byId: ReadonlyMap<string, number>): StepGraph {
  const edges = new Map<Node, Node[]>();
  flows.forEach((f, fi) => f.steps.forEach((_, si) => edges.set(node(fi, si), successors(flows, byId, fi, si))));
  return { edges };
}

/** UNREACHABLE_STEP: steps no flow start, trigger or target leads to (first of each run). */
export function checkReachable(flows: readonly FlowInfo[], { edges }: StepGraph): FlowDiagnostic[] {
  const seen = new Set<Node>();
  const queue: Node[] = [];
  const visit = (n: Node) => {
    if (!seen.has(n) && edges.has(n)) {
      seen.add(n);
      queue.push(n);
    }
  };
  flows.forEach((f, fi) => {
    visit(node(fi, 0));
    for (const t of f.triggers) if (isRecord(t) && typeof t.goto === 'string' && f.stepIds.has(t.goto)) visit(node(fi, f.stepIds.get(t.goto)!));
  });
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

/** LOOP_WITHOUT_INPUT: strongly connected steps with no menu, ask or wait among them. */
export function checkLoops(flows: readonly FlowInfo[], { edges }: StepGraph): FlowDiagnostic[] {
  // Waiting steps (and `flow:` steps, whose sub-flow may wait) cut the loop, so drop their edges.
  const cut = (n: Node) => {
    const [fi, si] = stepAt(n);
    const kind = kindOf(flows[fi].steps[si]);
    return kind === undefined || WAITING.has(kind) || kind === 'flow';
  };
  const out: FlowDiagnostic[] = [];
  for (const scc of stronglyConnected([...edges.keys()], (n) => (cut(n) ? [] : edges.get(n) ?? []))) {
    const first = scc.map(stepAt).sort((a, b) => a[0] - b[0] || a[1] - b[1])[0];
    const selfLoop = scc.length === 1 && !cut(scc[0]) && (edges.get(scc[0]) ?? []).includes(scc[0]);
    if (scc.length < 2 && !selfLoop) continue;
    const f = flows[first[0]];
    const members = scc.map(stepAt).sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([fi, si]) => (fi === first[0] ? stepLabel(flows[fi], si) : `${stepLabel(flows[fi], si)} of flow \`${flows[fi].id}\``));
    out.push(new FlowDiagnostic(
      'LOOP_WITHOUT_INPUT',
      `The loop ${scc.length === 1 ? `${members[0]} → itself` : members.join(' → ')} never waits for the user, so it would run forever; put a menu, ask or wait in it, or leave it with \`next: end\`.`,
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
