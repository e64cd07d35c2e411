/**
 * The routes an adapter serves itself besides its webhook (e.g. a live stream of replies for
 * a browser chat, or a CORS preflight): plain requests in, plain answers out, no framework
 * types. Re-exported by types.ts.
 */
import type { InboundEvent, WebhookRequest } from './types.js';

/** What an adapter route may do besides answering: record events like a webhook would. */
export interface AdapterRouteContext {
  /** Durably records events (same inbox, deduplication and order as webhooks). */
  ingest(events: InboundEvent[]): Promise<unknown>;
}

/** A route an adapter serves: plain request in, plain answer out; no framework types. */
export interface AdapterRoute<C> {
  method: 'GET' | 'POST' | 'OPTIONS';
  /** Path below `/webhooks/<name>/`, without a leading slash, e.g. `events`. */
  path: string;
  handle(req: WebhookRequest, config: C, ctx: AdapterRouteContext): Promise<AdapterResponse> | AdapterResponse;
}

/** Where a streamed answer is written; `end` closes it from the server side. */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
}

/**
 * An adapter route's answer: a whole body, or a stream that stays open (server-sent events).
 * `open` returns the clean-up to run when the client goes away.
 */
export type AdapterResponse =
  | { kind: 'reply'; status: number; body: string; contentType?: string; headers?: Record<string, string> }
  | { kind: 'stream'; contentType: string; headers?: Record<string, string>; open(sink: StreamSink): () => void };
