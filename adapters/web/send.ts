/**
 * Delivery to browsers: a reply goes to the conversation's WebHub (client.ts), which streams
 * it to the open pages as a server-sent event and buffers it for pages that reconnect.
 */
import type { AdapterResponse, OutboundMessage, SendContext, SendResult, StreamSink } from '../../engine/types.js';
import type { WebConfig } from './config.js';
import type { WebOutbound } from './wire.js';

/** A browser shows whatever it gets; the limits only bound what one message may carry. */
export const WEB_LIMITS = { text: 4096, buttons: 12, optionTitle: 80, options: 100 } as const;

/** "Sends" a reply: buffers it and streams it to the pages of the conversation. */
export async function sendWebMessage(to: string, message: OutboundMessage, ctx: SendContext<WebConfig>): Promise<SendResult> {
  const out = ctx.config.hub.publish(to, message, (ctx.now ?? ctx.config.now)());
  return { messageIds: [`${to}:${out.seq}`] };
}

/** One server-sent event. JSON never contains a raw newline, so one data line suffices. */
export function sseEvent(out: WebOutbound): string {
  return `id: ${out.seq}\nevent: message\ndata: ${JSON.stringify(out)}\n\n`;
}

/** The open stream of one conversation's replies, resuming after `afterSeq`. */
export function replyStream(conversation: string, afterSeq: number, config: WebConfig, headers: Record<string, string>): AdapterResponse {
  return {
    kind: 'stream',
    contentType: 'text/event-stream',
    headers,
    open(sink: StreamSink) {
      // The first comment flushes the headers so the page knows it is connected.
      sink.write(': connected\nretry: 2000\n\n');
      const unsubscribe = config.hub.subscribe(conversation, afterSeq, (out) => sink.write(sseEvent(out)));
      const keepAlive = setInterval(() => sink.write(': keep-alive\n\n'), config.keepAliveMs);
      keepAlive.unref?.();
      return () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
    },
  };
}
