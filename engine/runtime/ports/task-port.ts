/** Send-API tasks: a request to send, and how its delivery and callback went. */

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
  /** Callback delivery state. */
  callbackAttempts?: number;
  callbackDone?: boolean;
}

/** Tasks by id; a put replaces the whole record. */
export interface TaskPort {
  /** Stores (or replaces) a task. */
  putTask(task: TaskRecord): Promise<void>;
  /** The task, or undefined when there is none with that id. */
  getTask(id: string): Promise<TaskRecord | undefined>;
}
