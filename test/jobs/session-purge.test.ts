import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { TestClock } from '../../src/kernel/clock.js';
import { buildTestApp, type TestApp } from '../../src/kernel/testing/index.js';

// The kernel's scheduled work, through the app's runner as `preau serve` runs it.
let t: TestApp;
const clock = new TestClock('2027-03-15T10:05:00Z');
const MINUTE = 60_000;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
});
after(() => t.close());

async function sessionAt(times: { lastSeenAt: Date; expiresAt: Date }): Promise<string> {
  const { session } = await createSession(t.app.db, crypto.randomUUID(), null, { idleMinutes: 1, absoluteMinutes: 1 });
  await t.app.db
    .updateTable('sessions')
    .set({ lastSeenAt: times.lastSeenAt.toISOString(), expiresAt: times.expiresAt.toISOString() })
    .where('id', '=', session.id)
    .execute();
  return session.id;
}

test('expired and idle sessions are purged by the hourly job, once per hour', async () => {
  const now = clock.now().getTime();
  const idle = t.config.sessionIdleMinutes * MINUTE;
  const live = await sessionAt({ lastSeenAt: new Date(now - MINUTE), expiresAt: new Date(now + 60 * MINUTE) });
  await sessionAt({ lastSeenAt: new Date(now - MINUTE), expiresAt: new Date(now - MINUTE) }); // past its lifetime
  await sessionAt({ lastSeenAt: new Date(now - idle - MINUTE), expiresAt: new Date(now + 60 * MINUTE) }); // idle too long
  const ids = async () => (await t.app.db.selectFrom('sessions').select('id').execute()).map((s) => s.id).sort();

  assert.ok((await t.app.jobs.runDue()) >= 1, 'the purge ran');
  assert.deepEqual(await ids(), [live]);
  const purges = await t.app.db.selectFrom('jobs').select(['key', 'status']).where('kind', '=', 'kernel.sessions.purge').execute();
  assert.deepEqual(purges, [{ key: 'kernel.sessions.purge@2027-03-15T10:00:00.000Z', status: 'done' }]);

  // Expired later in the same hour: it waits for the next slot.
  clock.advance(50 * MINUTE);
  const later = await sessionAt({ lastSeenAt: new Date(now), expiresAt: new Date(now + 30 * MINUTE) });
  await t.app.jobs.runDue();
  assert.deepEqual(await ids(), [live, later].sort());
  clock.advance(5 * MINUTE);
  await t.app.jobs.runDue();
  assert.deepEqual(await ids(), [live]);
  const count = await t.app.db.selectFrom('jobs').select('id').where('kind', '=', 'kernel.sessions.purge').execute();
  assert.equal(count.length, 2);
});
