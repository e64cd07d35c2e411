/**
 * Two store ports of the authoring loop, each implemented by the memory, SQLite and Redis
 * stores (one contract suite, test/runtime/store-contract/versions.ts):
 * - flow sources by bot version, so any process can compile the version a conversation is
 *   pinned to, also after a restart, and a census of the conversations and their versions;
 * - transcripts: every turn of every conversation, with its time and bot version.
 */
import type { ConversationKey, OutboundMessage } from '../types.js';
import type { SourceText } from '../flow/load-bot.js';

/** A stored flow set. */
export interface StoredFlowVersion {
  version: string;
  /** When this version was first stored (ms). */
  storedAt: number;
}

/** A conversation as the census sees it. */
export interface ConversationDigest {
  key: ConversationKey;
  flowVersion: string;
  snapshot: unknown;
}

/** Flow sources by bot version, and a census of the conversations. */
export interface VersionStore {
  /** Stores a version's sources; storing the same version again keeps the first. */
  putFlowSources(version: string, sources: readonly SourceText[], at: number): Promise<void>;
  /** A version's sources, or undefined when it was never stored (or was dropped). */
  getFlowSources(version: string): Promise<SourceText[] | undefined>;
  /** Every stored version, oldest first. */
  flowVersions(): Promise<StoredFlowVersion[]>;
  /** Drops a version's sources. */
  deleteFlowSources(version: string): Promise<void>;
  /**
   * One page of conversations; start with `cursor` undefined and pass back the returned one
   * until it is undefined. A conversation is seen once per full pass (more than once on
   * Redis only if it is rewritten meanwhile, which a census tolerates).
   */
  scanConversations(cursor: string | undefined, limit: number): Promise<{ items: ConversationDigest[]; cursor?: string }>;
}

/** What drove a recorded turn (the inbound event, redacted where the flow said so). */
export interface TranscriptInput {
  kind: string;
  text?: string;
  option?: string;
  /** The rest of the event's own fields (command name/args, location, …), without the raw body. */
  fields?: Record<string, unknown>;
}

/** One recorded turn. */
export interface TranscriptEntry {
  key: ConversationKey;
  /** When the turn committed (ms). */
  at: number;
  /** The bot version that ran the turn. */
  version: string;
  input: TranscriptInput;
  replies: OutboundMessage[];
  /** Where the conversation waited before and after the turn (`flow.step`), null = idle. */
  from: string | null;
  to: string | null;
}

/** Recorded turns by conversation. */
export interface TranscriptStore {
  /**
   * Appends a turn, and forgets this conversation's turns older than `retentionMs` before it
   * (so an active conversation's transcript stays within the retention).
   */
  appendTranscript(entry: TranscriptEntry, retentionMs: number): Promise<void>;
  /** A conversation's turns, oldest first (at most `limit`, the newest ones); [] when none. */
  readTranscript(key: ConversationKey, limit: number): Promise<TranscriptEntry[]>;
  /** Conversations with a turn recorded at or after `since`, newest activity first. */
  transcriptKeys(since: number, limit: number): Promise<ConversationKey[]>;
  /** Forgets the transcripts of conversations whose last turn was before `before`. */
  sweepTranscripts(before: number): Promise<void>;
}
