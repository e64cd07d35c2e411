/**
 * The studio's record of turns: every committed turn of every conversation this process ran
 * (any platform), with the state before and after it, kept in memory and bounded, with
 * sensitive inputs and replies redacted. The timeline, the inspector, the conversation list
 * and time travel all read it.
 */
import type { TurnExecutorDeps } from '../../engine/runtime/run-turn.js';
import { redactTurn } from '../../engine/runtime/redact-turn.js';
import type { OutboundMessage } from '../../engine/types.js';
import type { TurnInput } from '../../engine/runtime/turn.js';
import type { BranchOrigin, StateView, StepPosition, StudioTurnView } from './studio-types.js';

/** Conversations kept; the least recently active goes first. */
export const TURN_LOG_CONVERSATIONS = 200;
/** Turns kept per conversation; the oldest go first. */
export const TURN_LOG_TURNS = 100;

export type { StateView, StepPosition };

/** One turn as the studio shows it. */
export type StudioTurn = StudioTurnView<Omit<TurnInput, 'raw'>>;

/** A conversation as the studio lists it. */
export interface StudioConversation {
  key: string;
  platform: string;
  conversation: string;
  updatedAt: number;
  turns: StudioTurn[];
  /** Snapshots after each kept turn, by turn index (for branching); never sent to the browser. */
  snapshots: Map<number, { before: unknown; after: unknown }>;
  branchOf?: BranchOrigin;
}

/** How a stack frame was entered, in words. */
const FRAME_WHY: Record<string, string> = {
  start: 'started from idle',
  call: 'called by a flow: step',
  interrupt: 'interrupted the frame below',
  timer: 'started by a timer',
};

/** Reads the inspector's view out of a runner snapshot (unknown shapes give empty views). */
export function stateView(snapshot: unknown): StateView {
  const ctx = ((snapshot as { machine?: { context?: Record<string, any> } } | undefined)?.machine?.context ?? {}) as Record<string, any>;
  const waiting = ctx.waiting ?? null;
  // The runner's stack is bottom first; the inspector lists the innermost frame first.
  const stack: StateView['stack'] = [...(ctx.stack ?? [])].reverse().map((f: any, i: number) => ({
    flow: f.flow,
    step: f.step,
    why: `${FRAME_WHY[f.why] ?? f.why}${i > 0 && f.onResume ? `; on resume: ${f.onResume}` : ''}`,
  }));
  return {
    waiting,
    vars: ctx.vars ?? {},
    stack,
    timers: (ctx.timers ?? []).map((t: any) => ({ timerId: t.timerId, dueAt: t.dueAt, flow: t.flow, step: t.step, kind: t.kind })),
    user: ctx.user ?? null,
  };
}

/** A committed turn as the pipeline's onTurnCommitted hook reports it. */
export type CommittedTurn = Parameters<NonNullable<TurnExecutorDeps['onTurnCommitted']>>[0];

/** Listens for turns; the studio's live stream subscribes here. */
export type TurnListener = (key: string, turn: StudioTurn) => void;

/** The in-memory turn record. */
export class TurnLog {
  private readonly conversations = new Map<string, StudioConversation>();
  private readonly listeners = new Set<TurnListener>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a committed turn (the pipeline's onTurnCommitted hook). */
  record(t: CommittedTurn): void {
    // What a flow marked sensitive (a secret typed, a reply repeating it) is never kept here.
    const redacted = redactTurn(t.input, t.result);
    const { raw: _raw, ...plain } = redacted.input as TurnInput & { raw?: unknown };
    const conv = this.open(t.key, t.input.platform, t.input.conversation);
    const last = conv.turns[conv.turns.length - 1];
    const turn: StudioTurn = {
      index: last ? last.index + 1 : 0,
      at: this.now(),
      input: plain,
      replies: redacted.messages,
      path: t.result.path ?? [],
      before: stateView(t.previous),
      after: stateView(t.result.snapshot),
    };
    this.push(conv, turn, { before: t.previous, after: t.result.snapshot });
  }

  /** Starts (or returns) a conversation's record. */
  open(key: string, platform: string, conversation: string): StudioConversation {
    let conv = this.conversations.get(key);
    if (conv) this.conversations.delete(key);
    else conv = { key, platform, conversation, updatedAt: 0, turns: [], snapshots: new Map() };
    this.conversations.set(key, conv);
    if (this.conversations.size > TURN_LOG_CONVERSATIONS) this.conversations.delete(this.conversations.keys().next().value as string);
    return conv;
  }

  /** Appends a turn (also used to copy history into a branch). */
  push(conv: StudioConversation, turn: StudioTurn, snapshots: { before: unknown; after: unknown }): void {
    conv.turns.push(turn);
    conv.snapshots.set(turn.index, snapshots);
    conv.updatedAt = turn.at;
    if (conv.turns.length > TURN_LOG_TURNS) conv.snapshots.delete(conv.turns.shift()!.index);
    for (const listener of this.listeners) listener(conv.key, turn);
  }

  get(key: string): StudioConversation | undefined {
    return this.conversations.get(key);
  }

  /** Every conversation, most recently active first. */
  list(): StudioConversation[] {
    return [...this.conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  subscribe(listener: TurnListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
