/**
 * The shapes the studio's API answers with (mirrors of app/studio/*.ts, kept apart so the
 * browser bundle pulls in no server code).
 */
export interface Option { id: string; title: string }

export type Message =
  | { kind: 'text'; text: string }
  | { kind: 'options'; text: string; options: Option[] }
  | { kind: 'media'; mediaType: string; url: string; caption?: string }
  | { kind: 'location'; latitude: number; longitude: number; name?: string }
  | { kind: 'typing' };

export interface StepPosition { flow: string; step: string }

export interface StateView {
  waiting: (StepPosition & { kind: string }) | null;
  vars: Record<string, unknown>;
  stack: { flow: string; step: string; why: string }[];
  timers: { timerId: string; dueAt: number; flow: string; step: string; kind: string }[];
  user: { id: string; name?: string; locale?: string } | null;
}

export interface TurnInputView {
  kind: string;
  text?: string;
  optionId?: string;
  title?: string;
  lifecycle?: string;
  latitude?: number;
  longitude?: number;
  name?: string;
  mediaType?: string;
  url?: string;
  timerId?: string;
  user?: { name?: string; locale?: string };
}

export interface Turn {
  index: number;
  at: number;
  input: TurnInputView;
  replies: Message[];
  path: StepPosition[];
  before: StateView;
  after: StateView;
  copiedFrom?: string;
}

export interface ConversationDetail {
  key: string;
  platform: string;
  readOnly: boolean;
  state: StateView;
  revision: number;
  turns: Turn[];
  branchOf?: { key: string; turn: number; point: 'before' | 'after' };
}

export interface ConversationSummary {
  key: string;
  platform: string;
  conversation: string;
  updatedAt: number;
  turns: number;
  waiting: StepPosition | null;
  user: { name?: string } | null;
  branchOf?: { key: string; turn: number };
}

export interface GraphNode { id: string; kind: string; label: string; detail?: string; external?: boolean }
export interface GraphEdge { id: string; from: string; to: string; label?: string }
export interface FlowGraph { flow: string; description?: string; nodes: GraphNode[]; edges: GraphEdge[] }

export interface Diagnostic {
  code: string;
  severity: string;
  message: string;
  hint?: string;
  file: string;
  line: number;
  col: number;
  endLine?: number;
  excerpt: { firstLine: number; lines: string[] };
}

export interface BotReport { name: string; version: string; flows: FlowGraph[]; diagnostics: Diagnostic[] }

export interface PreviewBubble {
  text?: string;
  buttons?: Option[];
  buttonStyle?: 'inline' | 'reply' | 'list' | 'quick' | 'keyboard';
  listLabel?: string;
  media?: { type: string; url: string };
  location?: { latitude: number; longitude: number; name?: string };
  typing?: boolean;
}

export interface PlatformPreview { platform: string; bubbles: PreviewBubble[]; changes: string[] }

export interface Session { csrf: string; mode: 'local' | 'token'; platforms: string[] }

/** What the chat sends: one thing the user did. */
export type UserAction =
  | { text: string }
  | { option: Option }
  | { location: { latitude: number; longitude: number; name?: string } }
  | { media: { type: string; url: string; caption?: string } }
  | { event: 'started' | 'subscribed' };
