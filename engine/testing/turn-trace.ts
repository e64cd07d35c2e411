/**
 * What a test conversation did, recorded from xstate's inspection events: the steps entered
 * and every transition taken out of a step, with the guard that chose it. Coverage maps
 * these onto the bot graph's labelled edges.
 */
import type { InspectionEvent } from 'xstate';

/** One thing that happened in a turn. */
export type TraceEntry =
  | { type: 'turn'; input: { kind: string; text?: string; optionId?: string; lifecycle?: string; payload?: string } }
  | { type: 'enter'; fi: number; si: number }
  | { type: 'transition'; fi: number; si: number; part: string; eventType: string; guard?: { type: string; params?: Record<string, unknown> } }
  | { type: 'jump'; event: string; fromTurn: boolean };

const STEP_STATE = /^s(\d+)_(\d+)(?:_(wait|back))?$/;

interface NodeLike { id: string; key: string; parent?: NodeLike }

/** The step state a node belongs to, and which part of it (`wait`, `back`, `prompt`, or the step itself). */
function stepOf(node: NodeLike | undefined): { fi: number; si: number; part: string } | undefined {
  let part = '';
  for (let n = node; n; n = n.parent) {
    const m = STEP_STATE.exec(n.id);
    if (m) return { fi: Number(m[1]), si: Number(m[2]), part: m[3] ?? part };
    part = n.key;
  }
  return undefined;
}

/** An inspect callback for the runner that appends to `trace`. */
export function traceInspector(trace: TraceEntry[]): (event: InspectionEvent) => void {
  let afterTurn = false;
  return (event) => {
    if (event.type !== '@xstate.microstep') return;
    const eventType = String(event.event.type);
    for (const t of event._transitions) {
      const at = stepOf(t.source as unknown as NodeLike);
      // A target in another step (or the step itself, from outside) is that step being entered.
      for (const target of t.target ?? []) {
        const to = stepOf(target as unknown as NodeLike);
        if (to && (!at || to.fi !== at.fi || to.si !== at.si)) trace.push({ type: 'enter', fi: to.fi, si: to.si });
      }
      if (at) {
        const guard = t.guard as { type: string; params?: Record<string, unknown> } | undefined;
        trace.push({ type: 'transition', ...at, eventType: String(t.eventType), ...(guard && typeof guard === 'object' ? { guard } : {}) });
      } else if (eventType.startsWith('jump.')) {
        trace.push({ type: 'jump', event: eventType, fromTurn: afterTurn });
      }
    }
    afterTurn = eventType === 'turn';
  };
}
