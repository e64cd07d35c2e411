/**
 * Records every committed turn in the transcript store: what came in, what the bot answered,
 * where the conversation waited before and after, when, and on which bot version. Values a
 * flow marked sensitive never reach a transcript: every turn goes through redactTurn (the
 * one redaction records of turns apply), which writes `[sensitive]` for an input and replies
 * the runner flagged (TurnResult.sensitiveInput / sensitiveMessages).
 */
import type { ConversationKey } from '../types.js';
import { waitingStepOf } from './bot-versions.js';
import { REDACTED, redactTurn } from './redact-turn.js';
import type { Logger } from './logger.js';
import type { TurnInput, TurnResult } from './turn.js';
import type { TranscriptInput, TranscriptStore } from './version-store.js';

export { REDACTED };

/** A committed turn, as the turn executor reports it. */
export interface CommittedTurn {
  key: ConversationKey;
  input: TurnInput;
  result: TurnResult;
  /** The snapshot the turn started from. */
  previous: unknown;
  version: string;
}

// The user (id, name, locale) stays in `fields`: replies greet by name, and replay needs it.
const OWN = new Set(['kind', 'platform', 'conversation', 'raw', 'eventId', 'timestamp', 'text', 'optionId']);

/** The input as a transcript keeps it (already redacted): no raw body. */
export function transcriptInput(input: TurnInput): TranscriptInput {
  const record = input as unknown as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(record).filter(([k, v]) => !OWN.has(k) && v !== undefined));
  const out: TranscriptInput = { kind: input.kind };
  if (typeof record.text === 'string') out.text = record.text;
  if (input.kind === 'option') out.option = input.optionId;
  if (Object.keys(fields).length > 0) out.fields = fields;
  return out;
}

/** Options of {@link createTranscriptWriter}. */
export interface TranscriptWriterOptions {
  store: TranscriptStore;
  /** How long turns are kept; default 30 days. */
  retentionMs?: number;
  logger: Logger;
  now(): number;
}

/** Default transcript retention: 30 days. */
export const DEFAULT_TRANSCRIPT_RETENTION_MS = 30 * 86_400_000;

/**
 * Returns the hook the turn executor calls after each commit. A failed write is logged, not
 * thrown: the turn is committed and its replies go out either way.
 */
export function createTranscriptWriter(options: TranscriptWriterOptions): (turn: CommittedTurn) => Promise<void> {
  const retention = options.retentionMs ?? DEFAULT_TRANSCRIPT_RETENTION_MS;
  const step = (s: { flow: string; step: string } | null) => (s ? `${s.flow}.${s.step}` : null);
  return async ({ key, input, result, previous, version }) => {
    try {
      const redacted = redactTurn(input, result);
      await options.store.appendTranscript(
        {
          key,
          at: options.now(),
          version,
          input: transcriptInput(redacted.input),
          replies: redacted.messages,
          from: step(waitingStepOf(previous)),
          to: step(waitingStepOf(result.snapshot)),
        },
        retention,
      );
    } catch (err) {
      options.logger.warn({ key, err: String(err) }, 'a turn could not be written to the transcript');
    }
  };
}
