/**
 * The web chat's "platform API": the browsers of this process. A reply is kept in a short
 * per-conversation buffer and pushed to every open stream of that conversation; a page that
 * reconnects with Last-Event-ID (EventSource does so by itself) gets what it missed. The
 * buffer is this process's memory: with several processes, a page must reach the process that
 * sends (sticky sessions), and replies sent while a page was away for longer than the buffer
 * holds are gone.
 */
import type { OutboundMessage } from '../../engine/types.js';
import type { WebOutbound } from './wire.js';

/** Replies kept per conversation for pages that reconnect. */
export const WEB_BUFFER_PER_CONVERSATION = 100;
/** Conversations kept; the least recently used is dropped first. */
export const WEB_BUFFER_CONVERSATIONS = 10_000;

interface Channel {
  seq: number;
  buffer: WebOutbound[];
  listeners: Set<(out: WebOutbound) => void>;
}

/** Replies waiting for, and streaming to, the open pages of this process. */
export class WebHub {
  private readonly channels = new Map<string, Channel>();

  private channel(conversation: string): Channel {
    let ch = this.channels.get(conversation);
    if (ch) this.channels.delete(conversation);
    else ch = { seq: 0, buffer: [], listeners: new Set() };
    // Maps keep insertion order: re-inserting makes this the most recently used.
    this.channels.set(conversation, ch);
    for (const [key, old] of this.channels) {
      if (this.channels.size <= WEB_BUFFER_CONVERSATIONS) break;
      if (old.listeners.size === 0) this.channels.delete(key);
    }
    return ch;
  }

  /** Buffers a reply and pushes it to the conversation's open streams; returns its sequence number. */
  publish(conversation: string, message: OutboundMessage, sentAt: number): WebOutbound {
    const ch = this.channel(conversation);
    const out: WebOutbound = { seq: ++ch.seq, conversation, message, sentAt };
    ch.buffer.push(out);
    if (ch.buffer.length > WEB_BUFFER_PER_CONVERSATION) ch.buffer.shift();
    for (const listener of ch.listeners) listener(out);
    return out;
  }

  /** Replays buffered replies after `afterSeq`, then calls `listener` for new ones until unsubscribed. */
  subscribe(conversation: string, afterSeq: number, listener: (out: WebOutbound) => void): () => void {
    const ch = this.channel(conversation);
    for (const out of ch.buffer) if (out.seq > afterSeq) listener(out);
    ch.listeners.add(listener);
    return () => ch.listeners.delete(listener);
  }

  /** Open streams of a conversation (for tests and health output). */
  listeners(conversation: string): number {
    return this.channels.get(conversation)?.listeners.size ?? 0;
  }
}
