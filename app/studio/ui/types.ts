/**
 * The shapes the studio's API answers with: the server's own (../studio-types.ts and
 * engine/message-types.ts, both import-free type files), plus what only the browser sends.
 */
import type { OutboundMessage, OutboundOption } from '../../../engine/message-types';
import type { ConversationDetail as Detail, StudioDiagnostic, StudioTurnView } from '../studio-types';

export type {
  BotReport,
  ConversationSummary,
  FlowGraph,
  GraphEdge,
  GraphNode,
  PlatformPreview,
  PreviewBubble,
  StateView,
  StepPosition,
} from '../studio-types';

export type Option = OutboundOption;
export type Message = OutboundMessage;
export type Diagnostic = StudioDiagnostic;

/** A turn's input as the server sends it (the event without its raw body). */
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

export type Turn = StudioTurnView<TurnInputView>;
export type ConversationDetail = Detail<TurnInputView>;

export interface Session { csrf: string; mode: 'local' | 'token'; platforms: string[] }

/** What the chat sends: one thing the user did. */
export type UserAction =
  | { text: string }
  | { option: Option }
  | { location: { latitude: number; longitude: number; name?: string } }
  | { media: { type: string; url: string; caption?: string } }
  | { event: 'started' | 'subscribed' };
