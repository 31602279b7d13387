import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { newId } from '../../kernel/db/index.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { exportOf, readZip } from '../privacy/testing.js';
import { countPurge, runPurge } from '../privacy/service/retention.js';

/** Push subscriptions in the register, in the person's archive without their keys, and purged once stale. */
const NOW = '2027-03-15T10:00:00Z';
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(NOW) });
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const subscribe = (personId: string, device: string, createdAt: string, lastSentAt: string | null = null) =>
  t.app.db
    .insertInto('pushSubscriptions')
    .values({ id: newId(), personId, endpoint: `http://127.0.0.1:9/push/${device}`, p256dh: `key-${device}`, auth: `secret-${device}`, createdAt, lastSentAt })
    .execute();

test('a parent’s archive lists her devices, not their keys; the register declares them', async () => {
  await subscribe(w.ce1aParent.id, 'phone-of-lea-mother', '2027-03-01T08:00:00Z');
  await subscribe(w.ce1bParent.id, 'phone-of-noe-father', '2027-03-01T08:00:00Z');
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const zip = await readZip((await request(t.app, parent, 'GET', await exportOf(t.app, parent))).rawPayload);
  const raw = zip.get('offline/abonnements.json')?.toString('utf8') ?? '';
  const rows = JSON.parse(raw || '[]') as Array<Record<string, unknown>>;
  assert.deepEqual(
    rows.map((r) => r.endpoint),
    ['http://127.0.0.1:9/push/phone-of-lea-mother'],
    'her device only',
  );
  assert.ok(!raw.includes('key-') && !raw.includes('secret-'), `no key in the archive: ${raw}`);

  const register = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  const modules = (register.json() as { items: Array<{ module: string }> }).items.map((i) => i.module);
  assert.ok(modules.includes('offline'), `declared: ${modules.join(', ')}`);
});

test('the purge removes devices silent for six months and a departed person’s, and keeps the others', async () => {
  const db = t.app.db;
  const gone = await buildPerson(db, { profile: 'relative', firstName: 'Paul', lastName: 'Parti', structureId: w.schoolA.id });
  await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2025-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();
  await subscribe(gone.id, 'departed', '2027-03-01T08:00:00Z', '2027-03-10T08:00:00Z');
  await subscribe(w.ce1Teacher.id, 'old-tablet', '2026-01-05T08:00:00Z', '2026-08-20T08:00:00Z');
  await subscribe(w.ce1Teacher.id, 'never-used', '2026-02-05T08:00:00Z');
  await subscribe(w.ce1Teacher.id, 'new-phone', '2026-02-05T08:00:00Z', '2027-03-14T08:00:00Z');

  const deps = { db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
  assert.equal((await countPurge(deps, new Date(NOW))).lines.find((l) => l.kind === 'offline.push')?.items, 3, 'three would go');
  await runPurge(deps, new Date(NOW), null);
  const left = (await db.selectFrom('pushSubscriptions').select('endpoint').orderBy('endpoint').execute()).map((r) => r.endpoint.split('/').pop());
  assert.deepEqual(left, ['new-phone', 'phone-of-lea-mother', 'phone-of-noe-father']);
});
