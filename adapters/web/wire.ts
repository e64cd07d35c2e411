/**
 * The web chat's wire format: what a browser POSTs (one thing the user did) and what the
 * server streams back as server-sent events (one reply each). Plain JSON, documented in the
 * README ("Web chat").
 */
import type { MediaType, OutboundMessage } from '../../engine/types.js';

/** A POST body: exactly one of text, option, location, media or event. */
export interface WebInbound {
  /** Unique per message, chosen by the client; a repeated POST with the same id is answered once. */
  id: string;
  /** The conversation: an unguessable id the client keeps (16–64 of A–Z a–z 0–9 _ -). */
  conversation: string;
  user?: { name?: string; locale?: string };
  text?: string;
  /** A button press: the option id (and its title, for the record). */
  option?: { id: string; title?: string };
  location?: { latitude: number; longitude: number; name?: string };
  media?: { type: MediaType; url: string; caption?: string };
  /** The chat was opened (`started`) or the visitor subscribed. */
  event?: 'started' | 'subscribed';
}

/** The data of one `message` server-sent event. */
export interface WebOutbound {
  /** Increases by one per conversation; sent as the SSE id so a reconnect resumes after it. */
  seq: number;
  conversation: string;
  message: OutboundMessage;
  /** Milliseconds since the epoch. */
  sentAt: number;
}
