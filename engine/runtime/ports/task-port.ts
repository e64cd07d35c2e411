/** Send-API tasks: a request to send, and how its delivery went. */

/** A send-API task. */
export interface TaskRecord {
  id: string;
  status: 'queued' | 'sent' | 'failed';
  platform: string;
  to: string;
  request: unknown;
  callbackUrl?: string;
  messageIds?: string[];
  /** Outbox items delivered so far. */
  delivered?: number;
  error?: string;
  createdAt: number;
  updatedAt: number;
  /** How many outbox items make the task "sent"; unknown until a started flow's turn is reported. */
  items?: number;
  /** When the request also starts a flow: the messages it sent itself, before the flow's replies. */
  directItems?: number;
  /** Outbox items already counted, so an item sent again after a crash is counted once. */
  deliveredItemIds?: string[];
  /** The result callback is stored (CallbackPort); set once the task is final and has a callback URL. */
  callbackQueued?: boolean;
}

/** Tasks by id; a put replaces the whole record. */
export interface TaskPort {
  /** Stores (or replaces) a task. */
  putTask(task: TaskRecord): Promise<void>;
  /** The task, or undefined when there is none with that id. */
  getTask(id: string): Promise<TaskRecord | undefined>;
}
