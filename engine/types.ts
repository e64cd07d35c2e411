/**
 * Parley's platform-neutral vocabulary. Everything here is plain, serializable data:
 * adapters produce InboundEvents and consume OutboundMessages; the engine never knows
 * which platform it is talking to.
 */
import type { AdapterRoute } from './adapter-routes.js';
import type { MediaType, OutboundMessage, OutboundOption } from './message-types.js';

// The routes an adapter serves itself (AdapterRoute, AdapterResponse, …) live in adapter-routes.ts,
// the message shapes in message-types.ts (import-free, so the studio's browser bundle shares them).
export type { AdapterResponse, AdapterRoute, AdapterRouteContext, StreamSink } from './adapter-routes.js';
export type { MediaType, OutboundMessage, OutboundOption };

/** Who sent an event, as far as the platform tells us. */
export interface UserInfo {
  id: string;
  name?: string;
  /** BCP-47-ish language tag, e.g. "es" or "en-GB". */
  locale?: string;
  /** IANA time zone, e.g. "Europe/Madrid" (platforms rarely tell; flows may set it). */
  timezone?: string;
}

/** Fields every inbound event carries. */
export interface EventBase {
  /** Adapter id, e.g. the registry key; the engine treats it as an opaque string. */
  platform: string;
  /** Platform-scoped conversation id: where replies go (chat id, PSID, wa_id, …). */
  conversation: string;
  user: UserInfo;
  /** Platform event id, unique per platform; the inbox deduplicates on it. */
  eventId: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** Adapter-private data needed after acceptance (e.g. a callback query id to answer). */
  platformData?: Record<string, string | number | boolean>;
  /** The raw platform item, for actions that need it. Not persisted by default. */
  raw?: unknown;
}

export type LifecycleKind = 'subscribed' | 'unsubscribed' | 'started';
export type ReceiptKind = 'delivered' | 'read' | 'failed';

/** One thing a user (or the platform on their behalf) did. A discriminated union on `kind`. */
export type InboundEvent =
  | (EventBase & { kind: 'text'; text: string })
  | (EventBase & { kind: 'option'; optionId: string; title?: string })
  | (EventBase & { kind: 'command'; name: string; args: string; text: string })
  | (EventBase & { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string })
  | (EventBase & { kind: 'media'; mediaType: MediaType; url?: string; fileId?: string; caption?: string; mimeType?: string })
  | (EventBase & { kind: 'contact'; phone: string; name?: string; contactUserId?: string })
  | (EventBase & { kind: 'lifecycle'; lifecycle: LifecycleKind; payload?: string })
  | (EventBase & { kind: 'receipt'; receipt: ReceiptKind; messageIds: string[]; error?: string })
  /** Not from a platform: the send API asks to start `flow` for this user (task `taskId`). */
  | (EventBase & { kind: 'start'; flow: string; taskId?: string; vars?: Record<string, unknown> });

export type InboundEventKind = InboundEvent['kind'];

/** `${platform}:${conversation}` — the unit of ordering and state. */
export type ConversationKey = string;

/** Builds the conversation key of an event. */
export function conversationKey(platform: string, conversation: string): ConversationKey {
  return `${platform}:${conversation}`;
}

/** Per-platform limits, read by the validator (warnings) and by adapters (degrading). */
export interface PlatformLimits {
  /** Longest text message in characters; longer texts are split. */
  text: number;
  /** Most options shown as native buttons before the adapter degrades (list, numbered text). */
  buttons: number;
  /** Longest option title in characters; longer titles are trimmed. */
  optionTitle: number;
  /** Most options the platform can show natively in any form. */
  options: number;
}

/** A webhook request as the server hands it to an adapter: no framework types. */
export interface WebhookRequest {
  method: string;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** An item of a verified webhook body that was not a readable event, and was skipped. */
export interface SkippedItem {
  /** Where in the body and what is wrong, e.g. `entry[0].changes[0].messages[1]: no "from"`. */
  reason: string;
  /** The platform's event id, when the item had a readable one. */
  eventId?: string;
}

/** Collects skipped items while a body is parsed. */
export type SkipItem = (item: SkippedItem) => void;

/**
 * What verification decided. `respond` answers the request directly (GET handshakes,
 * set-up pings) without parsing.
 */
export type VerifyResult =
  | { kind: 'accept' }
  | { kind: 'respond'; status: number; body: string; contentType?: string }
  | { kind: 'reject'; status: 401 | 403; reason: string };

/** The minimal HTTP client adapters use; the server injects an undici dispatcher behind it. */
export interface HttpClient {
  request(req: {
    method: 'GET' | 'POST' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    body?: string;
  }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>;
}

/** What a successful send returned. */
export interface SendResult {
  /** Platform ids of the messages sent (one outbound message may become several). */
  messageIds: string[];
}

/** Everything an adapter needs to send: its config and an HTTP client. */
export interface SendContext<C> {
  config: C;
  http: HttpClient;
  /**
   * True when the message does not answer something the user just sent (the caller decides,
   * e.g. a message sent through an API rather than a reply to a webhook). Platforms whose send
   * calls declare why a message is sent read it; the others ignore it. Absent means a reply.
   */
  proactive?: boolean;
  /** Durable notes of this platform (kept in the store, so they outlive a restart). */
  notes?: AdapterNotes;
  /** The clock (ms); injected so tests use a fake one. Default Date.now. */
  now?: () => number;
}

/** What parse may use besides the request: the clock and the platform's durable notes. */
export interface ParseContext {
  /** The clock (ms), for events whose platform gives no time of their own. Default Date.now. */
  now?: () => number;
  /** Notes written at send time (e.g. what a hashed callback_data stands for). */
  notes?: AdapterNotes;
}

/**
 * Small durable notes an adapter keeps across restarts and processes, scoped to its platform
 * (e.g. what a hashed button payload stands for, when a platform caps payload length). The
 * store keeps each note until it expires (the server decides the lifetime).
 */
export interface AdapterNotes {
  put(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
}

/** One environment variable a part of Parley reads: listed in the README's table, checked by readConfig. */
export interface EnvVarSpec {
  name: string;
  /** Required for the part to be on (a platform is off while any required variable is missing). */
  required: boolean;
  /** One line for the README's table. */
  description: string;
  /** Never printed or logged (tokens, app secrets). */
  secret?: boolean;
  /** The value used when unset, as the README shows it. */
  default?: string;
}

/** What an adapter's configFromEnv found in the environment variables. */
export interface AdapterConfigResult<C> {
  config?: C;
  /** Names of required variables that are not set; the platform is off when any is missing. */
  missing: string[];
}

/** A bot's public profile, for platforms that show one (a greeting, a get-started button, a menu). */
export interface BotProfile {
  greeting?: string;
  getStartedPayload?: string;
  persistentMenu?: { title: string; payload: string }[];
}

/**
 * Optional set-up calls of a platform, used by `parley webhook …` and `parley <platform>
 * profile`. Each returns a human-readable account of what it did and throws SendError
 * with the platform's own error when the platform refuses.
 */
export interface PlatformSetup<C> {
  setWebhook(url: string, ctx: SendContext<C>): Promise<string>;
  webhookInfo(ctx: SendContext<C>): Promise<string>;
  setProfile?(profile: BotProfile, ctx: SendContext<C>): Promise<string>;
}

/**
 * A platform adapter: a plain value, registered once. It verifies, parses and sends;
 * it never touches conversation state.
 */
export interface PlatformAdapter<C = unknown> {
  id: string;
  limits: PlatformLimits;
  /** Reads config from env (`env` wins over `file`). */
  configFromEnv(env: Record<string, string | undefined>): AdapterConfigResult<C>;
  /** The environment variables configFromEnv reads (README table, readConfig). */
  env?: EnvVarSpec[];
  /** Checks signatures/handshakes. Must not parse JSON before the signature is checked. */
  verify(req: WebhookRequest, config: C): VerifyResult;
  /**
   * Turns a verified body into events; throws ParseError (HTTP 400) when the body as a whole
   * is not the platform's (not JSON, wrong envelope). An item inside a well-formed body that
   * is not a readable event goes to `skip` when given (the server dead-letters it and
   * acknowledges the rest); without `skip` it fails the body with ParseError. Never throws
   * anything but ParseError, for any JSON.
   *
   * `ctx` (optional, so a plain `parse(req, config)` keeps working) brings the clock and the
   * platform's notes. A parse that must read a note (a hashed long option id) returns a
   * Promise; one that needs nothing asynchronous returns the array itself, and every body
   * error is still thrown synchronously. Callers `await` the result either way.
   */
  parse(req: WebhookRequest, config: C, skip?: SkipItem, ctx?: ParseContext): InboundEvent[] | Promise<InboundEvent[]>;
  /** Sends one message to a conversation; throws SendError on failure. */
  send(to: string, message: OutboundMessage, ctx: SendContext<C>): Promise<SendResult>;
  /** Optional side effect after an event is accepted (e.g. acknowledge a button press). */
  acknowledge?(event: InboundEvent, ctx: SendContext<C>): Promise<void>;
  /** Webhook registration and profile calls, where the platform has them. */
  setup?: PlatformSetup<C>;
  /**
   * Routes the adapter serves itself, mounted at `/webhooks/<name>/<path>` (e.g. a live stream
   * of replies for a browser chat, or a CORS preflight). The server knows nothing about them.
   */
  routes?: AdapterRoute<C>[];
}
