/**
 * What a candidate bot version would do to live conversations, before anything switches:
 * how many wait in each step it changed or removed (they stay on their version until they
 * leave it), how many move at their next event, and which versions are still in use.
 */
import { signatureKey } from '../flow/step-signatures.js';
import { canMove, waitingStepOf, type BotVersion, type BotVersions } from './bot-versions.js';
import type { VersionStore } from './version-store.js';

/** Conversations waiting in one changed or removed step. */
export interface StepImpact {
  /** `flow.step` */
  step: string;
  change: 'changed' | 'removed';
  /** How many conversations wait there. */
  waiting: number;
}

/** The census of live conversations against a candidate version. */
export interface ReloadImpact {
  conversations: number;
  /** Idle, or waiting in a step the candidate has unchanged: they move at their next event. */
  moving: number;
  /** Waiting in a changed or removed step: they finish it on their own version. */
  pinned: number;
  steps: StepImpact[];
  /** Conversations per bot version they are saved with. */
  byVersion: Record<string, number>;
  /** Pinned conversations per version: the old versions that must stay compiled. */
  pinnedByVersion: Record<string, number>;
}

/** Reads every conversation once (pages of `pageSize`) and weighs it against `candidate`. */
export async function reloadImpact(store: VersionStore, versions: BotVersions, candidate: BotVersion, pageSize = 500): Promise<ReloadImpact> {
  const impact: ReloadImpact = { conversations: 0, moving: 0, pinned: 0, steps: [], byVersion: {}, pinnedByVersion: {} };
  const steps = new Map<string, StepImpact>();
  let cursor: string | undefined;
  do {
    const page = await store.scanConversations(cursor, pageSize);
    for (const c of page.items) {
      impact.conversations++;
      impact.byVersion[c.flowVersion] = (impact.byVersion[c.flowVersion] ?? 0) + 1;
      const waiting = waitingStepOf(c.snapshot);
      const own = waiting && c.flowVersion !== candidate.version ? await versions.signaturesOf(c.flowVersion) : undefined;
      if (!waiting || !own || canMove({ signatures: own }, candidate, c.snapshot)) {
        impact.moving++;
        continue;
      }
      impact.pinned++;
      impact.pinnedByVersion[c.flowVersion] = (impact.pinnedByVersion[c.flowVersion] ?? 0) + 1;
      const name = `${waiting.flow}.${waiting.step}`;
      const change = candidate.signatures.has(signatureKey(waiting.flow, waiting.step)) ? 'changed' : 'removed';
      const entry = steps.get(name) ?? { step: name, change, waiting: 0 };
      entry.waiting++;
      steps.set(name, entry);
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  impact.steps = [...steps.values()].sort((a, b) => b.waiting - a.waiting || (a.step < b.step ? -1 : 1));
  return impact;
}
