import type { Kysely } from 'kysely';
import { newId, type Database } from '../db/index.js';
import './tables.js';

/** A database handle or a transaction: jobs are enqueued in the caller's transaction (an outbox). */
export type Executor = Kysely<Database>;

export interface EnqueueOptions {
  /** Not before this time; as soon as possible when omitted. */
  runAt?: Date;
  /** Idempotency key, unique across all jobs: enqueuing it again returns the existing job. */
  key?: string;
  /** Runs before the job is kept as failed (dead); 5 by default. */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Records work to do later. Call it inside the transaction that makes the change, so that the
 * job exists if and only if the change was committed. The payload must survive `JSON.stringify`.
 */
export async function enqueue(db: Executor, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  const at = new Date().toISOString();
  const id = newId();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      kind,
      payload: JSON.stringify(payload ?? null),
      status: 'pending',
      attempts: 0,
      maxAttempts,
      // Null means "as soon as possible", whatever clock the runner reads.
      runAt: options.runAt ? options.runAt.toISOString() : null,
      key: options.key ?? null,
      lockedUntil: null,
      lockedBy: null,
      lastError: null,
      createdAt: at,
      updatedAt: at,
      finishedAt: null,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  // Only a key can conflict (ids are fresh UUIDs).
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('key', '=', options.key ?? '')
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}
