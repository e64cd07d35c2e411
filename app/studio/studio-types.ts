/**
 * The shapes the studio's API answers with. Both the server (app/studio/*.ts) and the browser
 * bundle (app/studio/ui/) use these, so the two cannot drift apart; this file imports only
 * other import-free type files, so the bundle pulls in no server code and no Node types.
 */
import type { OutboundMessage, OutboundOption } from '../../engine/message-types.js';

/** A step position. */
export interface StepPosition {
  flow: string;
  step: string;
}

/** What the inspector shows of a conversation's state. */
export interface StateView {
  /** The step waiting for input, if any. */
  waiting: (StepPosition & { kind: string }) | null;
  vars: Record<string, unknown>;
  /** The conversation stack, innermost first: each frame's position and how it was entered. */
  stack: { flow: string; step: string; why: string }[];
  timers: { timerId: string; dueAt: number; flow: string; step: string; kind: string }[];
  user: { id: string; name?: string; locale?: string } | null;
}

/** A validation problem as the studio shows it, with the lines around it. */
export interface StudioDiagnostic {
  code: string;
  severity: string;
  message: string;
  hint?: string;
  file: string;
  line: number;
  col: number;
  endLine?: number;
  /** Lines of the file from `firstLine` on, to show the problem in place. */
  excerpt: { firstLine: number; lines: string[] };
}

/** A box of the diagram. */
export interface GraphNode {
  id: string;
  kind: string;
  label: string;
  /** Extra line under the label (what the step does). */
  detail?: string;
  /** A node of another flow that an edge leads to. */
  external?: boolean;
}

/** An arrow of the diagram. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  label?: string;
}

/** One flow's diagram. */
export interface FlowGraph {
  flow: string;
  description?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The running bot's diagrams and a fresh validation of its flows folder. */
export interface BotReport {
  name: string;
  version: string;
  flows: FlowGraph[];
  diagnostics: StudioDiagnostic[];
}

/** One message bubble as a platform's app would draw it. */
export interface PreviewBubble {
  text?: string;
  /** Buttons and how the platform shows them. */
  buttons?: OutboundOption[];
  buttonStyle?: 'inline' | 'reply' | 'list' | 'quick' | 'keyboard';
  /** Label of the button that opens a list (WhatsApp). */
  listLabel?: string;
  media?: { type: string; url: string };
  location?: { latitude: number; longitude: number; name?: string };
  typing?: boolean;
}

/** A reply as one platform shows it. */
export interface PlatformPreview {
  platform: string;
  bubbles: PreviewBubble[];
  /** Where the platform's rendering differs from what the flow said, one sentence each. */
  changes: string[];
}

/** Where a branch was cut from. */
export interface BranchOrigin {
  key: string;
  turn: number;
  point: 'before' | 'after';
}

/** A conversation as the studio's list shows it. */
export interface ConversationSummary {
  key: string;
  platform: string;
  conversation: string;
  updatedAt: number;
  turns: number;
  waiting: StepPosition | null;
  user: { name?: string } | null;
  branchOf?: BranchOrigin;
}

/** One turn as the studio shows it (`input` is the turn's event without its raw body). */
export interface StudioTurnView<Input = unknown> {
  index: number;
  at: number;
  input: Input;
  replies: OutboundMessage[];
  /** Steps run, in order. */
  path: StepPosition[];
  before: StateView;
  after: StateView;
  /** Set on turns copied into a branch: where they came from. */
  copiedFrom?: string;
}

/** A conversation as the inspector shows it. */
export interface ConversationDetail<Input = unknown> {
  key: string;
  platform: string;
  /** Conversations of real platforms are shown, not driven, from the studio. */
  readOnly: boolean;
  state: StateView;
  revision: number;
  turns: StudioTurnView<Input>[];
  branchOf?: BranchOrigin;
}
