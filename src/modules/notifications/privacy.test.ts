import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { exportOf, readZip, TEST_NOW, zipJson } from '../privacy/testing.js';
import { countPurge, runPurge } from '../privacy/service/retention.js';
import { notifyOne } from './testing.js';

/** Notifications in the register, in their recipient’s archive only, and purged with a departed account. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const json = zipJson;

test('the register declares the notifications', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; recipients: string[] }> }).items.find((i) => i.module === 'notifications');
  assert.equal(entry?.title, 'Notifications');
  assert.deepEqual(entry?.recipients, ['la personne elle-même']);
});

test('a parent’s archive holds the notifications he received, read or not, and none of another family’s', async () => {
  const read = await notifyOne(t.app, w.ce1aParent.id, 'Nouveau mot dans le cahier de liaison', { body: 'Sortie au musée' });
  await t.app.db.updateTable('notifications').set({ readAt: TEST_NOW }).where('id', '=', read).execute();
  await notifyOne(t.app, w.ce1aParent.id, 'Nouveau message de Mme Martin');
  await notifyOne(t.app, w.ce1aParent.id, 'Travail à faire pour lundi', { visibleAt: '2099-09-01T06:00:00Z' });
  await notifyOne(t.app, w.otherParent.id, 'Réunion de l’autre école');

  const session = await loginAs(t.app, w.ce1aParent.id);
  const zip = await readZip((await request(t.app, session, 'GET', await exportOf(t.app, session))).rawPayload);
  const rows = json(zip, 'notifications/notifications.json');
  assert.deepEqual(
    rows.map((n) => [n.title, n.readAt !== null]).sort(),
    [
      ['Nouveau message de Mme Martin', false],
      ['Nouveau mot dans le cahier de liaison', true],
    ],
    'his two notifications shown so far',
  );
  const text = zip.get('notifications/notifications.json')?.toString('utf8') ?? '';
  assert.ok(!text.includes('Réunion de l’autre école'), 'not the other family’s');
  assert.ok(!text.includes('Travail à faire pour lundi'), 'one announced for later waits until it is shown');
});

test('the purge removes a departed person’s notifications and keeps the others’', async () => {
  const db = t.app.db;
  const gone = await buildPerson(db, { profile: 'relative', firstName: 'Hugo', lastName: 'Parti', structureId: w.schoolA.id });
  await notifyOne(t.app, gone.id, 'Un ancien avis');
  await notifyOne(t.app, gone.id, 'Un autre avis');
  await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2023-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();
  const others = (await db.selectFrom('notifications').select('id').where('recipientId', '!=', gone.id).execute()).map((n) => n.id).sort();

  const deps = { db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
  const dry = await countPurge(deps, new Date(TEST_NOW));
  assert.equal(dry.lines.find((l) => l.kind === 'notifications.departed')?.items, 2, 'his two notifications');
  const done = await runPurge(deps, new Date(TEST_NOW), null);
  assert.equal(done.lines.find((l) => l.kind === 'notifications.departed')?.items, 2, 'what the dry run counted');
  const left = (await db.selectFrom('notifications').select(['id', 'recipientId']).execute()).filter((n) => others.includes(n.id));
  assert.equal(left.length, others.length, 'the others’ notifications stay');
  assert.equal((await db.selectFrom('notifications').select('id').where('recipientId', '=', gone.id).execute()).length, 0, 'his are gone');
});
