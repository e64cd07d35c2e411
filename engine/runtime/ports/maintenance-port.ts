/** Upkeep of a store as a whole: expiry, shutdown, and the optional version and transcript stores. */
import type { TranscriptStore, VersionStore } from '../version-store.js';

/** What the server's housekeeping and shutdown need. */
export interface MaintenancePort {
  /** Deletes expired inbox marks, vault secrets, locks and adapter notes. */
  sweep(now: number): Promise<void>;
  /** Flow sources by bot version and the census of conversations (hot reload, pinning). */
  readonly versions?: VersionStore;
  /** Recorded turns (`parley transcript`, replay). */
  readonly transcripts?: TranscriptStore;
  /** Releases the store's connections and files; the store is unusable afterwards. */
  close(): Promise<void>;
}
