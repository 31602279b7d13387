import type { Selectable } from 'kysely';
import type { Clock } from '../clock.js';
import { newId, type Db, type DbKind } from '../db/index.js';
import { enqueue } from './enqueue.js';
import type { JobsTable } from './tables.js';

/** What a handler learns about the job it runs. */
export interface Job {
  id: string;
  kind: string;
  /** This run included. */
  attempts: number;
  maxAttempts: number;
  key: string | null;
  runAt: string | null;
  createdAt: string;
}

export interface JobContext {
  job: Job;
  /** The runner's time when the run started (the app's clock). */
  now: Date;
  /** Aborted when the runner stops: a long handler may give up early by throwing (it is retried). */
  signal: AbortSignal;
}

/** Does the work; must be safe to run again (a retry after a crash runs it twice). */
export type JobHandler<P = any> = (payload: P, ctx: JobContext) => Promise<void>;

/** The part of a pino/Fastify logger the runner writes to. */
export interface JobLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  db: Db;
  kind: DbKind;
  clock: Clock;
  log?: JobLog;
  /** Jobs run at the same time by this instance. */
  concurrency?: number;
  /** How often the loop started by `start()` looks for due jobs. */
  pollMs?: number;
  /** How long a claim holds; a job still `running` after it was left by a crashed instance. */
  leaseMs?: number;
  /** For the jitter of the retry delays. */
  random?: () => number;
}

const silent: JobLog = { error: () => {}, warn: () => {} };
const MAX_ERROR_LENGTH = 2000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;

/**
 * Delay before the next run after `attempts` failed runs: 30 s, 1 min, 2 min… capped at 6 h, each
 * drawn between half and all of it so that jobs failing together do not retry together.
 */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.stack || `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

type Row = Selectable<JobsTable>;

/**
 * The kernel's job runner (docs/decisions/0010-jobs.md): claims due jobs from the `jobs` table so
 * that each is run by one instance only, retries failures with backoff, keeps the ones that keep
 * failing as `dead`, and enqueues recurring work once per time slot.
 */
export class JobRunner {
  private readonly db: Db;
  private readonly engine: DbKind;
  private readonly clock: Clock;
  private readonly log: JobLog;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly random: () => number;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules = new Map<string, { everyMs: number; lastSlot: string | null }>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private started = false;
  private stopped = false;

  constructor(options: JobRunnerOptions) {
    this.db = options.db;
    this.engine = options.kind;
    this.clock = options.clock;
    this.log = options.log ?? silent;
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.random = options.random ?? Math.random;
  }

  /** The handler of one kind of job; a kind has one handler. */
  register<P = any>(kind: string, handler: JobHandler<P>): void {
    if (this.handlers.has(kind)) throw new Error(`Job kind ${kind} is registered twice`);
    this.handlers.set(kind, handler as JobHandler);
  }

  /**
   * Recurring work: a job of kind `name` for every slot of `everyMinutes` (slots counted from the
   * epoch, in UTC), enqueued with the key `name@slotStart` so that one job exists per slot however
   * many instances run. Register its handler under the same name.
   */
  schedule(name: string, options: { everyMinutes: number }): void {
    if (!(options.everyMinutes > 0) || !Number.isFinite(options.everyMinutes)) throw new Error(`Schedule ${name}: everyMinutes must be positive`);
    if (this.schedules.has(name)) throw new Error(`Schedule ${name} is declared twice`);
    this.schedules.set(name, { everyMs: options.everyMinutes * 60_000, lastSlot: null });
  }

  /** Starts polling for due jobs (the server does; tests call `runDue()` instead). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.poll();
  }

  /** Stops polling and waits for the handlers that are running (whose signal is aborted). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  /** Enqueues the current slot of every schedule, then claims and runs every due job; returns how many ran. */
  async runDue(): Promise<number> {
    await this.enqueueSlots();
    let count = 0;
    for (;;) {
      const batch = await this.claim(this.concurrency);
      if (batch.length === 0) return count;
      await Promise.all(batch.map((row) => this.execute(row)));
      count += batch.length;
    }
  }

  private poll(): void {
    if (this.stopped || this.polling) return;
    this.polling = this.fill()
      .catch((error: unknown) => this.log.error({ err: error }, 'jobs: polling failed'))
      .finally(() => {
        this.polling = null;
        if (!this.stopped) this.timer = setTimeout(() => this.poll(), this.pollMs);
      });
  }

  /** A job finished and made room: look again now rather than at the next tick. */
  private wake(): void {
    if (this.stopped || this.polling) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.poll();
  }

  private async fill(): Promise<void> {
    await this.enqueueSlots();
    const room = this.concurrency - this.running.size;
    if (room <= 0) return;
    for (const row of await this.claim(room)) {
      const run = this.execute(row).finally(() => {
        this.running.delete(run);
        this.wake();
      });
      this.running.add(run);
    }
  }

  private async enqueueSlots(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const [name, schedule] of this.schedules) {
      const slotStart = new Date(Math.floor(now / schedule.everyMs) * schedule.everyMs);
      const slot = slotStart.toISOString();
      if (schedule.lastSlot === slot) continue;
      try {
        await enqueue(this.db, name, { slot }, { key: `${name}@${slot}`, runAt: slotStart });
        schedule.lastSlot = slot;
      } catch (error) {
        this.log.error({ err: error, schedule: name }, 'jobs: could not enqueue a scheduled slot');
      }
    }
  }

  /**
   * Takes up to `limit` due jobs in one statement: pending ones whose time has come, and running
   * ones whose lease has expired. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets instances claim side
   * by side without waiting on each other or taking the same row; SQLite runs one writer at a time,
   * so the single statement is atomic there. The CTE is materialized so its LIMIT is applied once.
   */
  private async claim(limit: number): Promise<Row[]> {
    // Only the kinds this instance can run: one still on the previous version during an upgrade
    // leaves a new kind's jobs to the instances that know it.
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    const now = this.clock.now();
    const at = now.toISOString();
    const token = newId();
    return this.db
      .with(
        (w) => w('due').materialized(),
        (db) =>
          db
            .selectFrom('jobs')
            .select('id')
            .where('kind', 'in', kinds)
            .where((eb) =>
              eb.or([
                eb.and([eb('status', '=', 'pending'), eb.or([eb('runAt', 'is', null), eb('runAt', '<=', at)])]),
                eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<=', at)]),
              ]),
            )
            .orderBy('runAt', (ob) => ob.asc().nullsFirst())
            .limit(limit)
            .$if(this.engine === 'postgres', (qb) => qb.forUpdate().skipLocked()),
      )
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        lockedUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
        lockedBy: token,
        updatedAt: at,
      }))
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .returningAll()
      .execute();
  }

  private async execute(row: Row): Promise<void> {
    if (row.attempts > row.maxAttempts) {
      return this.settle(row, 'dead', `lease expired: the instance running attempt ${row.attempts - 1} of ${row.maxAttempts} stopped`);
    }
    const handler = this.handlers.get(row.kind);
    if (!handler) return this.settle(row, 'dead', `no handler is registered for job kind "${row.kind}"`);
    const job: Job = {
      id: row.id,
      kind: row.kind,
      attempts: row.attempts,
      maxAttempts: row.maxAttempts,
      key: row.key,
      runAt: row.runAt,
      createdAt: row.createdAt,
    };
    // A long run keeps its claim: without this another instance would take it over after the lease.
    const heartbeat = setInterval(() => void this.extendLease(row), Math.max(1000, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    try {
      await handler(JSON.parse(row.payload), { job, now: this.clock.now(), signal: this.abort.signal });
    } catch (error) {
      clearInterval(heartbeat);
      this.log.warn({ err: error, jobId: row.id, kind: row.kind, attempts: row.attempts }, 'jobs: handler failed');
      return this.settle(row, row.attempts >= row.maxAttempts ? 'dead' : 'pending', errorText(error));
    }
    clearInterval(heartbeat);
    return this.settle(row, 'done', null);
  }

  private async extendLease(row: Row): Promise<void> {
    try {
      await this.db
        .updateTable('jobs')
        .set({ lockedUntil: new Date(this.clock.now().getTime() + this.leaseMs).toISOString() })
        .where('id', '=', row.id)
        .where('lockedBy', '=', row.lockedBy)
        .execute();
    } catch (error) {
      this.log.error({ err: error, jobId: row.id }, 'jobs: could not extend a lease');
    }
  }

  /** Writes the outcome, unless the claim was lost (the lease expired and another instance took the job). */
  private async settle(row: Row, status: 'done' | 'pending' | 'dead', lastError: string | null): Promise<void> {
    const now = this.clock.now();
    const at = now.toISOString();
    try {
      await this.db
        .updateTable('jobs')
        .set({
          status,
          lastError,
          lockedUntil: null,
          lockedBy: null,
          updatedAt: at,
          finishedAt: status === 'pending' ? null : at,
          ...(status === 'pending' ? { runAt: new Date(now.getTime() + backoffMs(row.attempts, this.random)).toISOString() } : {}),
        })
        .where('id', '=', row.id)
        .where('lockedBy', '=', row.lockedBy)
        .execute();
      if (status === 'dead') this.log.error({ jobId: row.id, kind: row.kind, attempts: row.attempts, lastError }, 'jobs: job failed for good');
    } catch (error) {
      this.log.error({ err: error, jobId: row.id }, 'jobs: could not record the outcome of a job');
    }
  }
}
