import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, type World } from '../directory/testing.js';
import { moduleText as sharedModuleText, personArchive, zipJson } from '../privacy/testing.js';
import { countPurge, runPurge } from '../privacy/service/retention.js';
import { configure, forumOf, forumWorld, openThread, replyTo, TEST_NOW } from './testing.js';

/** Forums in the register, in the archives (one’s own posts, reports, follows and reads), and purged with a departed account. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await forumWorld(t.app);
});
after(() => t.close());

const json = zipJson;
const archiveOf = (personId: string) => personArchive(t.app, personId);
const moduleText = (zip: Map<string, Buffer>) => sharedModuleText(zip, 'forum');

test('the register declares the forums', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; dataKinds: string[] }> }).items.find((i) => i.module === 'forum');
  assert.equal(entry?.title, 'Forums');
  assert.ok(
    entry?.dataKinds.some((k) => k.startsWith('signalements')),
    `reports are a kind of data: ${JSON.stringify(entry)}`,
  );
});

test('a pupil’s archive holds her reply, her report and what she follows; not her classmate’s reply; the teacher’s his thread', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
  await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
  const threadId = await openThread(t.app, teacher, forumId, 'Nos lectures de l’hiver', 'Quel livre avez-vous aimé ?');
  const lea = await loginAs(t.app, w.ce1a.id);
  const noe = await loginAs(t.app, w.ce1b.id);
  await replyTo(t.app, lea, threadId, 'J’ai aimé « Le Petit Prince ».');
  const noeReply = await replyTo(t.app, noe, threadId, 'Moi, les contes de Grimm.');
  const reported = await request(t.app, lea, 'POST', `/api/forum/posts/${noeReply}/reports`, { reason: 'Hors sujet' });
  assert.equal(reported.statusCode, 201, reported.body);
  const followed = await request(t.app, lea, 'PUT', `/api/forum/threads/${threadId}/subscription`, { subscribed: true });
  assert.equal(followed.statusCode, 200, followed.body);

  const pupil = await archiveOf(w.ce1a.id);
  assert.deepEqual(
    json(pupil, 'forum/messages.json').map((p) => [p.threadId, p.body]),
    [[threadId, '<p>J’ai aimé « Le Petit Prince ».</p>']],
    'her reply only',
  );
  assert.deepEqual(
    json(pupil, 'forum/signalements.json').map((r) => [r.postId, r.reason]),
    [[noeReply, 'Hors sujet']],
  );
  assert.deepEqual(
    json(pupil, 'forum/suivis.json').map((s) => s.threadId),
    [threadId],
  );
  const hers = moduleText(pupil);
  assert.ok(!hers.includes('Grimm') && !hers.includes('Quel livre'), 'not the others’ posts');

  const classmate = await archiveOf(w.ce1b.id);
  const his = moduleText(classmate);
  assert.ok(his.includes('Grimm') && !his.includes('Hors sujet') && !his.includes('Petit Prince'), 'his reply, not who reported it');

  const author = await archiveOf(w.ce1Teacher.id);
  assert.deepEqual(
    json(author, 'forum/discussions-ouvertes.json').map((d) => [d.id, d.title]),
    [[threadId, 'Nos lectures de l’hiver']],
  );
  assert.ok(!moduleText(author).includes('Petit Prince'), 'not his pupils’ replies');
});

test('the purge removes a departed person’s follows and reads, and keeps her posts', async () => {
  const db = t.app.db;
  const gone = await buildPerson(db, { profile: 'student', firstName: 'Hugo', lastName: 'Parti', structureId: w.schoolA.id });
  const threadId = (await db.selectFrom('forumThreads').select('id').executeTakeFirstOrThrow()).id;
  const forumId = (await db.selectFrom('forumThreads').select('forumId').executeTakeFirstOrThrow()).forumId;
  await db
    .insertInto('forumSubscriptions')
    .values([
      { id: `forum:${forumId}:${gone.id}`, personId: gone.id, forumId, threadId: null, createdAt: TEST_NOW },
      { id: `thread:${threadId}:${gone.id}`, personId: gone.id, forumId, threadId, createdAt: TEST_NOW },
    ])
    .execute();
  await db.insertInto('forumReads').values({ personId: gone.id, threadId, readAt: TEST_NOW }).execute();
  await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2023-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();
  const keptPosts = (await db.selectFrom('forumPosts').select('id').execute()).length;
  const before = await db.selectFrom('forumSubscriptions').select('personId').execute();

  const deps = { db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
  const dry = await countPurge(deps, new Date(TEST_NOW));
  assert.equal(dry.lines.find((l) => l.kind === 'forum.departed')?.items, 3, 'two follows and a read');
  const done = await runPurge(deps, new Date(TEST_NOW), null);
  assert.equal(done.lines.find((l) => l.kind === 'forum.departed')?.items, 3, 'what the dry run counted');

  const after = await db.selectFrom('forumSubscriptions').select('personId').execute();
  assert.deepEqual(
    after.map((s) => s.personId),
    before.map((s) => s.personId).filter((id) => id !== gone.id),
    'the others’ follows stay',
  );
  assert.equal((await db.selectFrom('forumReads').select('personId').where('personId', '=', gone.id).execute()).length, 0, 'her reads go');
  assert.ok((await db.selectFrom('forumReads').select('personId').execute()).length > 0, 'the others’ reads stay');
  assert.equal((await db.selectFrom('forumPosts').select('id').execute()).length, keptPosts, 'every post stays');
});
