import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { newId, nowIso } from '../../kernel/db/index.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { moduleText as sharedModuleText, personArchive, zipJson } from '../privacy/testing.js';
import { blogWorld, publishedPost } from './testing.js';

/** Class blogs in the register and in the archives: one’s posts and comments, the photos a pupil appears in, nothing of others. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await blogWorld(t.app);
});
after(() => t.close());

const json = zipJson;
const archiveOf = (personId: string) => personArchive(t.app, personId);
const moduleText = (zip: Map<string, Buffer>) => sharedModuleText(zip, 'blog', (k) => k.endsWith('.json'));
const files = (zip: Map<string, Buffer>) => [...zip.keys()].filter((k) => k.startsWith('blog/fichiers/')).sort();
const comment = (postId: string, authorId: string, body: string) =>
  t.app.db
    .insertInto('blogComments')
    .values({ id: newId(), postId, authorId, body, status: 'approved', moderatedBy: w.ce1Teacher.id, moderatedAt: nowIso(), createdAt: nowIso() })
    .execute();

test('the register declares the class blogs', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; dataKinds: string[] }> }).items.find((i) => i.module === 'blog');
  assert.equal(entry?.title, 'Blogs des classes');
  assert.ok(
    entry?.dataKinds.some((k) => k.startsWith('élèves désignés sur une photo')),
    `tags are a kind of data: ${JSON.stringify(entry)}`,
  );
});

test('the teacher’s archive holds his post and photos; a pupil’s the photo she appears in; each parent his own comment', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const post = await publishedPost(t.app, teacher, w.ce1.id, { title: 'Les tulipes', photos: 2, tags: [[w.ce1a.id], []] });
  assert.equal(post.response.statusCode, 303, post.response.body.slice(0, 300));
  await comment(post.id, w.ce1aParent.id, 'Bravo à toute la classe !');
  await comment(post.id, w.ce1bParent.id, 'Quelles belles couleurs.');

  const his = await archiveOf(w.ce1Teacher.id);
  assert.deepEqual(
    json(his, 'blog/billets.json').map((p) => [p.id, p.title, p.status]),
    [[post.id, 'Les tulipes', 'published']],
  );
  assert.deepEqual(
    json(his, 'blog/medias-des-billets.json').map((m) => m.id),
    post.media,
    'both photos of his post',
  );
  assert.equal(files(his).length, 2, `the photos themselves: ${files(his).join(', ')}`);
  assert.ok(!moduleText(his).includes('Bravo') && !moduleText(his).includes('blobKey'), 'the parents’ comments are theirs; no storage key');

  const pupil = await archiveOf(w.ce1a.id);
  assert.deepEqual(
    json(pupil, 'blog/photos-ou-je-figure.json').map((m) => [m.id, m.postTitle]),
    [[post.media[0], 'Les tulipes']],
    'the photo she appears in',
  );
  assert.equal(files(pupil).length, 1, `the photo itself: ${files(pupil).join(', ')}`);
  const classmate = await archiveOf(w.ce1b.id);
  assert.deepEqual(json(classmate, 'blog/photos-ou-je-figure.json'), [], 'her classmate appears in none');
  assert.deepEqual(files(classmate), [], 'and has no photo');

  const parent = await archiveOf(w.ce1aParent.id);
  assert.deepEqual(
    json(parent, 'blog/commentaires.json').map((c) => [c.postId, c.body]),
    [[post.id, 'Bravo à toute la classe !']],
  );
  assert.ok(!moduleText(parent).includes('Quelles belles couleurs'), 'not the other family’s comment');
});
