/**
 * The one redaction a record of a conversation (a transcript, a debug dump, an audit log)
 * applies before it writes a turn: what the user typed, when a flow marked it sensitive, and
 * every reply that repeats a sensitive value become `[sensitive]`. Kinds, ids and option
 * lists stay, so the record still shows what happened.
 */
import { REDACTED } from '../compile/sensitive-values.js';
import type { OutboundMessage } from '../types.js';
import type { TurnInput, TurnResult } from './turn.js';

export { REDACTED };

/** Fields of an input that carry what the user wrote or sent. */
const USER_FIELDS = ['text', 'args', 'title', 'caption', 'url', 'phone', 'address', 'latitude', 'longitude'] as const;

/** A turn as it may be written down. */
export interface RedactedTurn {
  input: TurnInput;
  messages: OutboundMessage[];
}

/** Redacts one turn's input and replies by the sensitivity the runner reported. */
export function redactTurn(input: TurnInput, result: Pick<TurnResult, 'messages' | 'sensitiveMessages' | 'sensitiveInput'>): RedactedTurn {
  return {
    input: result.sensitiveInput ? redactInput(input) : input,
    messages: result.messages.map((m, i) => (result.sensitiveMessages?.[i] ? redactMessage(m) : m)),
  };
}

function redactInput(input: TurnInput): TurnInput {
  const out: Record<string, unknown> = { ...input };
  for (const field of USER_FIELDS) if (out[field] !== undefined) out[field] = REDACTED;
  delete out.raw;
  return out as unknown as TurnInput;
}

function redactMessage(m: OutboundMessage): OutboundMessage {
  switch (m.kind) {
    case 'text':
    case 'options':
      return { ...m, text: REDACTED };
    case 'media':
      return { ...m, url: REDACTED, ...(m.caption === undefined ? {} : { caption: REDACTED }) };
    case 'location':
      return { ...m, latitude: 0, longitude: 0, ...(m.name === undefined ? {} : { name: REDACTED }) };
    case 'typing':
      return m;
  }
}
