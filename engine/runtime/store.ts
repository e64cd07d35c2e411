/**
 * The durable store behind conversations, composed of one port per concern (ports/*.ts).
 * Several implementations (memory for tests, SQLite by default, Redis for several processes;
 * see stores/store-registry.ts) pass one contract suite, split the same way
 * (test/runtime/store-contract/). A part of Parley that needs one concern takes that port,
 * not the whole store (actions get the vault port only, the outbox sender the outbox port,
 * the callback sender the callback port).
 */
import type { CallbackPort } from './ports/callback-port.js';
import type { ConversationPort } from './ports/conversation-port.js';
import type { DeadLetterPort } from './ports/dead-letter-port.js';
import type { InboxPort } from './ports/inbox-port.js';
import type { MaintenancePort } from './ports/maintenance-port.js';
import type { NotePort } from './ports/note-port.js';
import type { OutboxPort } from './ports/outbox-port.js';
import type { TaskPort } from './ports/task-port.js';
import type { TimerPort } from './ports/timer-port.js';
import type { VaultPort } from './ports/vault-port.js';

export type { CallbackPort, CallbackRecord, NewCallback } from './ports/callback-port.js';
export type { CommitRequest, CommitResult, ConversationPort, ConversationRecord } from './ports/conversation-port.js';
export type { DeadLetter, DeadLetterPort } from './ports/dead-letter-port.js';
export { DEAD_LETTERS_KEPT, DEAD_LETTER_EVENT_ID_MAX, DEAD_LETTER_REASON_MAX } from './ports/dead-letter-port.js';
export type { InboxEntry, InboxPort } from './ports/inbox-port.js';
export type { MaintenancePort } from './ports/maintenance-port.js';
export type { NotePort } from './ports/note-port.js';
export type { OutboxBacklog, OutboxItem, OutboxLane, OutboxPort } from './ports/outbox-port.js';
export type { TaskPort, TaskRecord } from './ports/task-port.js';
export type { TimerPort, TimerRecord } from './ports/timer-port.js';
export type { VaultPort, VaultRecord } from './ports/vault-port.js';

/** Everything the pipeline needs from storage: every port. All methods are safe under concurrency. */
export interface ConversationStore
  extends ConversationPort,
    InboxPort,
    OutboxPort,
    TimerPort,
    VaultPort,
    TaskPort,
    CallbackPort,
    DeadLetterPort,
    NotePort,
    MaintenancePort {}
