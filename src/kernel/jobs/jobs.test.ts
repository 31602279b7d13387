import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../clock.js';
import { migrateToLatest, type DbHandle } from '../db/index.js';
import { kernelMigrations } from '../db/migrations.js';
import '../db/tables.js';
import { testDatabase } from '../testing/index.js';
import { secondHandle } from '../testing/second-handle.js';
import { backoffMs, enqueue, jobsMigrations, JobRunner, purgeFinishedJobs, type JobRunnerOptions } from './index.js';

const START = '2027-03-15T10:00:00.000Z';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let handle: DbHandle & { dataDir: string };
let clock: TestClock;

before(async () => {
  handle = await testDatabase();
  await migrateToLatest(handle.db, { ...kernelMigrations, ...jobsMigrations }, handle.schema);
});
after(() => handle.close());
beforeEach(async () => {
  await handle.db.deleteFrom('jobs').execute();
  clock = new TestClock(START);
});

const runner = (options: Partial<JobRunnerOptions> = {}) => new JobRunner({ db: handle.db, kind: handle.kind, clock, ...options });
const jobRow = (id: string) => handle.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const countJobs = async () =>
  Number(
    (
      await handle.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const at = (ms: number) => new Date(Date.parse(START) + ms).toISOString();

test('a job enqueued in a transaction that rolls back does not exist; a committed one does', async () => {
  await assert.rejects(
    handle.db.transaction().execute(async (trx) => {
      await enqueue(trx, 'test.noop', { letterId: 'l1' });
      throw new Error('the change failed');
    }),
    /the change failed/,
  );
  assert.equal(await countJobs(), 0);

  const { id, created } = await handle.db.transaction().execute((trx) => enqueue(trx, 'test.noop', { letterId: 'l2', tags: ['a', 'b'] }));
  assert.equal(created, true);
  const row = await jobRow(id);
  assert.equal(row.status, 'pending');
  assert.deepEqual(JSON.parse(row.payload), { letterId: 'l2', tags: ['a', 'b'] });
  assert.equal(row.maxAttempts, 5);
});

test('an idempotency key enqueues once: asking again returns the existing job, inside a transaction too', async () => {
  const first = await enqueue(handle.db, 'test.noop', { n: 1 }, { key: 'test.noop:42' });
  const again = await handle.db.transaction().execute((trx) => enqueue(trx, 'test.noop', { n: 2 }, { key: 'test.noop:42' }));
  assert.deepEqual(again, { id: first.id, created: false });
  assert.equal(await countJobs(), 1);
  assert.deepEqual(JSON.parse((await jobRow(first.id)).payload), { n: 1 });

  // Still the same job once it has run.
  const r = runner();
  r.register('test.noop', async () => {});
  assert.equal(await r.runDue(), 1);
  assert.deepEqual(await enqueue(handle.db, 'test.noop', { n: 3 }, { key: 'test.noop:42' }), { id: first.id, created: false });
});

test('a job waits for its time, on the app clock', async () => {
  const r = runner();
  const ran: string[] = [];
  r.register('test.later', async (payload: { name: string }) => void ran.push(payload.name));
  await enqueue(handle.db, 'test.later', { name: 'later' }, { runAt: new Date(at(10 * MINUTE)) });
  assert.equal(await r.runDue(), 0);
  clock.advance(10 * MINUTE);
  assert.equal(await r.runDue(), 1);
  assert.deepEqual(ran, ['later']);
});

test('a failing job is retried with growing delays, then kept as dead with its last error', async () => {
  const r = runner();
  let calls = 0;
  r.register('test.fails', async (_payload, { job }) => {
    calls++;
    throw new Error(`smtp refused (attempt ${job.attempts})`);
  });
  const { id } = await enqueue(handle.db, 'test.fails', {}, { maxAttempts: 3 });

  assert.equal(await r.runDue(), 1, 'the failure does not escape runDue');
  let row = await jobRow(id);
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 1);
  assert.match(row.lastError ?? '', /smtp refused \(attempt 1\)/);
  assert.ok(row.runAt! >= at(15 * SECOND) && row.runAt! <= at(30 * SECOND), `first retry at ${row.runAt}`);
  assert.equal(await r.runDue(), 0, 'not before its retry time');

  clock.set(row.runAt!);
  assert.equal(await r.runDue(), 1);
  row = await jobRow(id);
  assert.equal(row.attempts, 2);
  const second = Date.parse(row.runAt!) - clock.now().getTime();
  assert.ok(second >= 30 * SECOND && second <= 60 * SECOND, `second delay ${second} ms`);

  clock.set(row.runAt!);
  assert.equal(await r.runDue(), 1);
  row = await jobRow(id);
  assert.equal(row.status, 'dead');
  assert.equal(row.attempts, 3);
  assert.match(row.lastError ?? '', /smtp refused \(attempt 3\)/);
  assert.equal(row.finishedAt, clock.now().toISOString());

  clock.advance(24 * 60 * MINUTE);
  assert.equal(await r.runDue(), 0, 'a dead job is not run again');
  assert.equal(calls, 3);
});

test('a job that succeeds on a retry is done and its error cleared', async () => {
  const r = runner();
  let calls = 0;
  r.register('test.flaky', async () => {
    if (++calls === 1) throw new Error('timeout');
  });
  const { id } = await enqueue(handle.db, 'test.flaky', {});
  await r.runDue();
  clock.advance(30 * SECOND);
  assert.equal(await r.runDue(), 1);
  const row = await jobRow(id);
  assert.equal(row.status, 'done');
  assert.equal(row.attempts, 2);
  assert.equal(row.lastError, null);
});

test('retry delays double, are capped, and are spread by jitter', () => {
  assert.equal(
    backoffMs(1, () => 0),
    15 * SECOND,
  );
  assert.equal(
    backoffMs(1, () => 1),
    30 * SECOND,
  );
  assert.equal(
    backoffMs(4, () => 1),
    4 * MINUTE,
  );
  assert.equal(
    backoffMs(30, () => 1),
    6 * 60 * MINUTE,
  );
});

test('a kind this instance has no handler for is left to an instance that has one', async () => {
  // An instance still on the previous version, next to one that knows the new kind.
  const older = runner();
  older.register('test.other', async () => {});
  const { id } = await enqueue(handle.db, 'test.new-kind', {});
  assert.equal(await older.runDue(), 0);
  assert.equal((await jobRow(id)).status, 'pending');
  assert.equal((await jobRow(id)).attempts, 0);
  const newer = runner();
  let ran = 0;
  newer.register('test.new-kind', async () => void ran++);
  assert.equal(await newer.runDue(), 1);
  assert.equal(ran, 1);
  assert.equal((await jobRow(id)).status, 'done');
});

test('a job left running by a crashed instance is claimed again once its lease has expired', async () => {
  const r = runner({ leaseMs: 5 * MINUTE });
  let calls = 0;
  r.register('test.crash', async () => void calls++);
  const { id } = await enqueue(handle.db, 'test.crash', {});
  // What an instance that died in the middle of the run leaves behind.
  await handle.db
    .updateTable('jobs')
    .set({ status: 'running', attempts: 1, lockedBy: 'gone', lockedUntil: at(5 * MINUTE) })
    .where('id', '=', id)
    .execute();

  assert.equal(await r.runDue(), 0, 'the lease still holds');
  clock.advance(5 * MINUTE);
  assert.equal(await r.runDue(), 1);
  const row = await jobRow(id);
  assert.equal(row.status, 'done');
  assert.equal(row.attempts, 2);
  assert.equal(row.lockedBy, null);
  assert.equal(calls, 1);
});

test('a run that lost its lease cannot overwrite the outcome of the instance that took over', async () => {
  const slow = runner({ leaseMs: 5 * MINUTE });
  const fast = runner({ leaseMs: 5 * MINUTE });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  slow.register('test.slow', async () => {
    await released;
    throw new Error('late failure');
  });
  fast.register('test.slow', async () => {});
  const { id } = await enqueue(handle.db, 'test.slow', {});

  const slowRun = slow.runDue();
  while ((await jobRow(id)).status !== 'running') await new Promise((resolve) => setTimeout(resolve, 5));
  clock.advance(6 * MINUTE);
  assert.equal(await fast.runDue(), 1);
  release();
  await slowRun;
  const row = await jobRow(id);
  assert.equal(row.status, 'done');
  assert.equal(row.lastError, null);
});

test('a job whose last attempt was abandoned by a crash is dead, not run beyond its attempts', async () => {
  const r = runner();
  let calls = 0;
  r.register('test.crash', async () => void calls++);
  const { id } = await enqueue(handle.db, 'test.crash', {}, { maxAttempts: 2 });
  await handle.db
    .updateTable('jobs')
    .set({ status: 'running', attempts: 2, lockedBy: 'gone', lockedUntil: at(0) })
    .where('id', '=', id)
    .execute();
  assert.equal(await r.runDue(), 1);
  const row = await jobRow(id);
  assert.equal(row.status, 'dead');
  assert.match(row.lastError ?? '', /lease expired/);
  assert.equal(calls, 0);
});

test('a throwing handler never reaches whoever enqueued the job', async () => {
  const r = runner();
  r.register('test.boom', async () => {
    throw new TypeError('cannot read properties of undefined');
  });
  await handle.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: 'test.change', value: 'kept' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await enqueue(trx, 'test.boom', {});
  });
  await assert.doesNotReject(r.runDue());
  const setting = await handle.db.selectFrom('settings').select('value').where('key', '=', 'test.change').executeTakeFirst();
  assert.equal(setting?.value, 'kept', 'the committed change stays');
  const [job] = await handle.db.selectFrom('jobs').selectAll().execute();
  assert.equal(job?.status, 'pending');
  assert.match(job?.lastError ?? '', /TypeError: cannot read properties of undefined/);
});

test('the polling loop runs due jobs, and stop() waits for the running handler', async () => {
  const r = runner({ pollMs: 10 });
  let finished = false;
  r.register('test.polled', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    finished = true;
  });
  const { id } = await enqueue(handle.db, 'test.polled', {});
  r.start();
  while ((await jobRow(id)).status === 'pending') await new Promise((resolve) => setTimeout(resolve, 5));
  await r.stop();
  assert.equal(finished, true);
  assert.equal((await jobRow(id)).status, 'done');
  await enqueue(handle.db, 'test.polled', {});
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(await countJobs(), 2);
  assert.equal((await handle.db.selectFrom('jobs').select('id').where('status', '=', 'pending').execute()).length, 1, 'a stopped runner claims nothing');
});

test('each scheduled slot is enqueued and run once, however many instances ask', async () => {
  const other = handle.kind === 'postgres' ? secondHandle(handle) : null;
  try {
    const ticks: string[] = [];
    const runners = [runner(), runner({ db: other?.db ?? handle.db })];
    for (const r of runners) {
      r.register('test.tick', async (payload: { slot: string }) => void ticks.push(payload.slot));
      r.schedule('test.tick', { everyMinutes: 60 });
    }
    clock.set('2027-03-15T10:20:00.000Z');
    await Promise.all(runners.map((r) => r.runDue()));
    await Promise.all(runners.map((r) => r.runDue()));
    assert.deepEqual(ticks, ['2027-03-15T10:00:00.000Z']);

    clock.advance(30 * MINUTE);
    await Promise.all(runners.map((r) => r.runDue()));
    assert.deepEqual(ticks, ['2027-03-15T10:00:00.000Z'], 'same slot at 10:50');

    clock.advance(10 * MINUTE);
    await Promise.all(runners.map((r) => r.runDue()));
    assert.deepEqual(ticks, ['2027-03-15T10:00:00.000Z', '2027-03-15T11:00:00.000Z']);
    const keys = await handle.db.selectFrom('jobs').select('key').where('kind', '=', 'test.tick').orderBy('key').execute();
    assert.deepEqual(
      keys.map((k) => k.key),
      ['test.tick@2027-03-15T10:00:00.000Z', 'test.tick@2027-03-15T11:00:00.000Z'],
    );
  } finally {
    await other?.close();
  }
});

test('200 jobs are each run exactly once, by two instances competing on PostgreSQL (one on SQLite)', async () => {
  const other = handle.kind === 'postgres' ? secondHandle(handle) : null;
  try {
    const runs = new Map<string, number>();
    const byRunner = [0, 0];
    const runners = [runner({ concurrency: 4 }), ...(other ? [runner({ db: other.db, concurrency: 4 })] : [])];
    runners.forEach((r, index) =>
      r.register('test.count', async (_payload, { job }) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        byRunner[index]!++;
        await new Promise((resolve) => setImmediate(resolve));
      }),
    );
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add((await enqueue(handle.db, 'test.count', { i })).id);

    const counts = await Promise.all(runners.map((r) => r.runDue()));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      200,
    );
    assert.equal(runs.size, 200);
    assert.ok(
      [...runs.values()].every((n) => n === 1),
      'no job ran twice',
    );
    assert.deepEqual(new Set(runs.keys()), ids);
    const rows = await handle.db.selectFrom('jobs').select(['status', 'attempts']).execute();
    assert.ok(
      rows.every((r) => r.status === 'done' && r.attempts === 1),
      'every job done at its first attempt',
    );
    if (other) assert.ok(byRunner[0]! > 0 && byRunner[1]! > 0, `both instances worked: ${byRunner.join(' / ')}`);
  } finally {
    await other?.close();
  }
});

test('finished jobs are purged after their time; failed ones stay', async () => {
  const r = runner();
  r.register('test.noop', async () => {});
  r.register('test.failing', async () => {
    throw new Error('always');
  });
  const done = await enqueue(handle.db, 'test.noop', {});
  const dead = await enqueue(handle.db, 'test.failing', {}, { maxAttempts: 1 });
  await r.runDue();
  assert.equal(await purgeFinishedJobs(handle.db, new Date(at(0))), 0, 'finished now, not before');
  assert.equal(await purgeFinishedJobs(handle.db, new Date(at(SECOND))), 1);
  assert.equal(await handle.db.selectFrom('jobs').select('id').where('id', '=', done.id).executeTakeFirst(), undefined);
  assert.equal((await jobRow(dead.id)).status, 'dead');
});
