/**
 * A signature of every step of a bot: its kind, its body as written and where each of its
 * labelled edges lands (by flow and step key, not position). Two bot versions agree on a step
 * when its signatures are equal; a conversation waiting in such a step can move to the new
 * version without noticing (see engine/runtime/bot-versions.ts).
 */
import { graphOf, type EdgeEnd } from './bot-graph.js';
import { flowIndex, flowInfos } from './flow-model.js';
import type { ParsedSource } from './parsed-source.js';

/** Signatures by `flow\u0000step` (the runtime's step key). */
export type StepSignatures = ReadonlyMap<string, string>;

/** The key of a step in {@link StepSignatures}. */
export function signatureKey(flow: string, step: string): string {
  return `${flow}\u0000${step}`;
}

function landing(to: EdgeEnd): string {
  return to.kind === 'step' ? `${to.flow}.${to.step}` : to.kind;
}

/** Computes the signature of every step of validated flow sources. */
export function stepSignatures(sources: readonly ParsedSource[]): StepSignatures {
  const flows = flowInfos(sources);
  const graph = graphOf(flows, flowIndex(flows), { spans: false });
  const edges = new Map<string, string[]>();
  for (const e of graph.edges) {
    const key = signatureKey(e.from.flow, e.from.step);
    const list = edges.get(key) ?? [];
    // Back to itself is `self`, so a renamed step (`migrate:`) keeps its signature.
    const self = e.to.kind === 'step' && e.to.flow === e.from.flow && e.to.step === e.from.step;
    list.push(`${e.kind}:${e.option?.id ?? e.branch ?? ''}->${self ? 'self' : landing(e.to)}`);
    edges.set(key, list);
  }
  const out = new Map<string, string>();
  for (const node of graph.nodes) {
    const key = signatureKey(node.flow, node.step);
    // The id is the key already; leaving it out lets `migrate:` match a renamed step.
    const { id: _id, ...step } = flows[node.fi].steps[node.si] as Record<string, unknown>;
    out.set(key, JSON.stringify({ kind: node.kind, step, edges: edges.get(key) ?? [] }));
  }
  return out;
}
