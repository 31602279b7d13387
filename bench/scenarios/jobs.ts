// Jobs: how fast the outbox takes work (one job per transaction, as a lesson or a message writes
// its notices) and how fast runners drain it, on the bench's own database (SQLite file or the
// PostgreSQL schema). On PostgreSQL two runners on two connection pools compete, as two instances
// would; every job must run exactly once.
import type { DbHandle } from '../../src/kernel/db/index.js';
import { systemClock } from '../../src/kernel/clock.js';
import { enqueue, JobRunner } from '../../src/kernel/jobs/index.js';

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface JobsBenchContext {
  log: (line: string) => void;
  quick: boolean;
  openHandle: () => DbHandle;
}

export async function runJobsBench(ctx: JobsBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const count = ctx.quick ? 2_000 : 20_000;
  const handles = [ctx.openHandle()];
  if (handles[0]!.kind === 'postgres') handles.push(ctx.openHandle());
  const kind = `bench.noop.${Date.now().toString(36)}`;
  try {
    const db = handles[0]!.db;
    ctx.log(`[bench] jobs: enqueuing ${count} jobs, one per transaction`);
    let t0 = performance.now();
    for (let i = 0; i < count; i++) await db.transaction().execute((trx) => enqueue(trx, kind, { i }, { key: `${kind}:${i}` }));
    const enqueuePerS = count / ((performance.now() - t0) / 1000);
    const seen = new Map<number, number>();
    const runners = handles.map((h) => {
      const runner = new JobRunner({ db: h.db, kind: h.kind, clock: systemClock, concurrency: 8 });
      runner.register<{ i: number }>(kind, async ({ i }) => void seen.set(i, (seen.get(i) ?? 0) + 1));
      return runner;
    });
    t0 = performance.now();
    // Each runner drains until it finds nothing due; on PostgreSQL they claim side by side.
    await Promise.all(
      runners.map(async (r) => {
        while ((await r.runDue()) > 0);
      }),
    );
    const runPerS = count / ((performance.now() - t0) / 1000);
    const twice = [...seen.values()].filter((n) => n > 1).length;
    const missing = count - seen.size;
    await db.deleteFrom('jobs').where('kind', '=', kind).execute();
    return {
      metrics: {
        jobs_enqueue_per_s: round(enqueuePerS),
        jobs_run_per_s: round(runPerS),
        jobs_runners: runners.length,
        jobs_run_twice: twice,
        jobs_missing: missing,
      },
      notes: [
        `Jobs: ${count} no-op jobs, enqueued one per transaction, then drained by ${runners.length} runner(s) of 8 handlers each${twice || missing ? ` — ${twice} ran twice, ${missing} never ran` : ', each run exactly once'}.`,
      ],
    };
  } finally {
    for (const h of handles) await h.close();
  }
}
