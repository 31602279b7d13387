/** Where a job is: waiting for its time, claimed by an instance, finished, or given up on. */
export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: string;
  /** The handler's name (`kernel.sessions.purge`, `letters.notify`). */
  kind: string;
  /** JSON text. */
  payload: string;
  status: JobStatus;
  /** Runs started so far, the current one included. */
  attempts: number;
  maxAttempts: number;
  /** When it is due (the first run, or the next retry), ISO; null: as soon as possible. */
  runAt: string | null;
  /** Idempotency key: enqueuing an existing key returns the existing job. */
  key: string | null;
  /** While running: when another instance may take it over (the holder crashed). */
  lockedUntil: string | null;
  /** While running: the claim's token, so that a run that lost its lease cannot write its outcome. */
  lockedBy: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

declare module '../db/index.js' {
  interface Database {
    jobs: JobsTable;
  }
}
