/** The inbox: inbound events accepted (acknowledged to the platform) but not yet processed. */
import type { ConversationKey, InboundEvent } from '../../types.js';
import type { Sealed } from '../seal.js';

/** An inbound event the server accepted (acknowledged) but has not yet processed. */
export interface InboxEntry {
  /** Assigned by the store on accept (arrival order); ignored on input. */
  seq?: number;
  platform: string;
  eventId: string;
  key: ConversationKey;
  /** The event; sealed by the pipeline when it may carry a value a flow marked sensitive. */
  event: InboundEvent | Sealed;
  acceptedAt: number;
}

/**
 * Durable acceptance with dedup, and the queue of unprocessed events per conversation. An
 * entry is marked processed by the commit of its turn (CommitRequest.processed).
 */
export interface InboxPort {
  /**
   * Records an inbound event durably and gives it a store-wide sequence number (arrival
   * order). `duplicate` if (platform, eventId) was accepted within the retention window.
   */
  accept(entry: InboxEntry, retentionMs: number): Promise<'new' | 'duplicate'>;
  /** Unprocessed inbox entries of one conversation, in arrival order. */
  pendingFor(key: ConversationKey, limit: number): Promise<InboxEntry[]>;
  /** Conversations that have unprocessed inbox entries, oldest first (resume after a crash). */
  pendingKeys(limit: number): Promise<ConversationKey[]>;
}
