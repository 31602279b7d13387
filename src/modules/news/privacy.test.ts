import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { newId } from '../../kernel/db/index.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson } from '../directory/testing.js';
import { moduleText as sharedModuleText, personArchive, zipJson } from '../privacy/testing.js';
import { countPurge, runPurge } from '../privacy/service/retention.js';
import { buildNewsItem, newsWorld, TEST_NOW, type NewsWorld } from './testing.js';

/** News in the register, in the archives (what one wrote, what one opened), and a departed reader’s openings purged. */
let t: TestApp;
let w: NewsWorld;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await newsWorld(t.app);
});
after(() => t.close());

const json = zipJson;
const archiveOf = (personId: string) => personArchive(t.app, personId);
const moduleText = (zip: Map<string, Buffer>) => sharedModuleText(zip, 'news');

test('the register declares the news', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; dataKinds: string[] }> }).items.find((i) => i.module === 'news');
  assert.equal(entry?.title, 'Actualités');
  assert.ok(
    entry?.dataKinds.some((k) => k.includes('lecteur')),
    `read receipts are a kind of data: ${JSON.stringify(entry)}`,
  );
});

test('the author’s archive holds her item and its attachment; each reader his own opening only', async () => {
  const item = await buildNewsItem(t.app.db, {
    authorId: w.director.id,
    structureId: w.schoolA.id,
    targets: [{ kind: 'school', targetId: w.schoolA.id }],
    title: 'Fête de l’école',
    publishFrom: '2027-03-14T08:00:00Z',
  });
  const blob = await t.app.blobs.put(Readable.from([Buffer.from('programme')]), { maxBytes: 1024, fileName: 'programme.pdf' });
  await t.app.db
    .insertInto('newsAttachments')
    .values({
      id: newId(),
      newsId: item.id,
      blobKey: blob.key,
      fileName: 'programme.pdf',
      contentType: 'application/pdf',
      size: blob.size,
      createdAt: TEST_NOW,
    })
    .execute();
  for (const reader of [w.ce1aParent.id, w.ce1bParent.id]) {
    const res = await request(t.app, await loginAs(t.app, reader), 'GET', `/api/news/${item.id}`);
    assert.equal(res.statusCode, 200, res.body);
  }

  const parent = await archiveOf(w.ce1aParent.id);
  assert.deepEqual(
    json(parent, 'news/lectures.json').map((r) => [r.newsId, r.title]),
    [[item.id, 'Fête de l’école']],
  );
  assert.deepEqual(json(parent, 'news/actualites-ecrites.json'), [], 'he wrote none');
  assert.ok(!moduleText(parent).includes(w.ce1bParent.id), 'not the other family’s opening');

  const author = await archiveOf(w.director.id);
  assert.deepEqual(
    json(author, 'news/actualites-ecrites.json').map((i) => [i.id, i.title]),
    [[item.id, 'Fête de l’école']],
  );
  assert.deepEqual(
    json(author, 'news/publics.json').map((a) => [a.kind, a.targetId]),
    [['school', w.schoolA.id]],
  );
  assert.ok(author.has(`news/fichiers/${item.id}/programme.pdf`), `the attachment: ${[...author.keys()].join(', ')}`);
  const text = moduleText(author);
  assert.ok(!text.includes(w.ce1aParent.id) && !text.includes(w.ce1bParent.id) && !text.includes(blob.key), 'who read it is the readers’; no storage key');
});

test('the purge removes a departed reader’s openings and keeps the others’', async () => {
  const db = t.app.db;
  const gone = await buildPerson(db, { profile: 'relative', firstName: 'Hugo', lastName: 'Parti', structureId: w.schoolA.id });
  const newsId = (await db.selectFrom('newsItems').select('id').executeTakeFirstOrThrow()).id;
  await db.insertInto('newsReads').values({ newsId, personId: gone.id, readAt: TEST_NOW }).execute();
  await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2025-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();

  const deps = { db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
  const dry = await countPurge(deps, new Date(TEST_NOW));
  assert.equal(dry.lines.find((l) => l.kind === 'news.departed')?.items, 1, 'his opening');
  const done = await runPurge(deps, new Date(TEST_NOW), null);
  assert.equal(done.lines.find((l) => l.kind === 'news.departed')?.items, 1, 'what the dry run counted');
  const readers = (await db.selectFrom('newsReads').select('personId').execute()).map((r) => r.personId).sort();
  assert.deepEqual(readers, [w.ce1aParent.id, w.ce1bParent.id].sort(), 'the others’ openings stay');
  assert.equal((await db.selectFrom('newsItems').select('id').execute()).length, 1, 'the item stays');
});
