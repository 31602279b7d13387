import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { referencedBlobKeys } from './repository/media.js';
import { blogWorld, postForm, publishedPost, testPhoto } from './testing.js';

// Pupils' posts wait for the teacher; parents' comments wait for moderation; nothing is removed without a trace.
let t: TestApp;
let w: World;
let teacher: Session;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await blogWorld(t.app);
  teacher = await loginAs(t.app, w.ce1Teacher.id);
});
after(() => t.close());

const send = (s: Session, url: string, fields: Record<string, string>) => {
  const body = form({ _csrf: s.csrf, ...fields });
  return request(t.app, s, 'POST', url, body.payload, { headers: body.headers });
};

test('a pupil writes only once the teacher allows it, and the post waits for the teacher', async () => {
  const pupil = await loginAs(t.app, w.ce1a.id);
  const parent = await loginAs(t.app, w.ce1aParent.id);
  assert.equal((await request(t.app, pupil, 'GET', `/blog/classes/${w.ce1.id}/posts/new`)).statusCode, 404, 'not allowed yet');
  assert.equal((await send(parent, `/blog/classes/${w.ce1.id}/settings`, { pupilsWrite: 'on' })).statusCode, 404, 'a parent changes no setting');
  assert.equal((await send(teacher, `/blog/classes/${w.ce1.id}/settings`, { pupilsWrite: 'on' })).statusCode, 303, 'the teacher allows it');

  const created = await postForm(
    t.app,
    pupil,
    `/blog/classes/${w.ce1.id}/posts`,
    { title: 'Mon exposé sur les abeilles', body: 'Les abeilles font du miel.', action: 'submit' },
    [{ name: 'dessin.png', content: await testPhoto({ width: 200, height: 200 }), type: 'image/png' }],
  );
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const post = await t.app.db.selectFrom('blogPosts').selectAll().where('title', '=', 'Mon exposé sur les abeilles').executeTakeFirstOrThrow();
  assert.equal(post.status, 'pending', 'waits for validation');
  const classmate = await loginAs(t.app, w.ce1b.id);
  assert.equal((await request(t.app, classmate, 'GET', `/blog/posts/${post.id}`)).statusCode, 404, 'classmates wait too');
  assert.equal((await request(t.app, parent, 'GET', `/blog/posts/${post.id}`)).statusCode, 404, 'and parents');
  await t.app.jobs.runDue();
  const notices = await t.app.db.selectFrom('notifications').select('title').where('recipientId', '=', w.ce1Teacher.id).execute();
  assert.ok(
    notices.some((n) => n.title.includes('abeilles')),
    'the teacher is told',
  );

  // A pupil cannot publish on their own: "publish" from a pupil is a submission.
  const media = await t.app.db.selectFrom('blogMedia').select('id').where('postId', '=', post.id).execute();
  const again = await postForm(t.app, pupil, `/blog/posts/${post.id}/edit`, {
    title: 'Mon exposé sur les abeilles',
    action: 'publish',
    audience: 'families',
    media: media.map((m) => m.id),
  });
  assert.equal(again.statusCode, 303, again.body.slice(0, 300));
  assert.equal(
    (await t.app.db.selectFrom('blogPosts').select('status').where('id', '=', post.id).executeTakeFirstOrThrow()).status,
    'pending',
    'still waiting',
  );

  const validated = await postForm(t.app, teacher, `/blog/posts/${post.id}/edit`, {
    title: 'Mon exposé sur les abeilles',
    body: 'Les abeilles font du miel.',
    action: 'publish',
    audience: 'families',
    media: media.map((m) => m.id),
  });
  assert.equal(validated.statusCode, 303, validated.body.slice(0, 300));
  assert.equal((await request(t.app, parent, 'GET', `/blog/posts/${post.id}`)).statusCode, 200, 'published: the parent reads it');
  assert.equal((await request(t.app, pupil, 'GET', `/blog/posts/${post.id}/edit`)).statusCode, 404, 'the pupil no longer edits it');
});

test('parents comment when allowed; comments wait for moderation', async () => {
  const { id, response } = await publishedPost(t.app, teacher, w.ce1.id, { title: 'Fête de l’école' });
  assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const other = await loginAs(t.app, w.ce1bParent.id);
  assert.equal((await send(parent, `/blog/posts/${id}/comments`, { body: 'Bravo !' })).statusCode, 404, 'not allowed yet');
  await send(teacher, `/blog/classes/${w.ce1.id}/settings`, { parentsComment: 'on', pupilsWrite: 'on' });
  const empty = await send(parent, `/blog/posts/${id}/comments`, { body: '   ' });
  assert.equal(empty.statusCode, 400, 'an empty comment');
  assert.match(empty.body, /Écrivez un commentaire/, 'explained on the page');
  const long = await send(parent, `/blog/posts/${id}/comments`, { body: 'x'.repeat(2001) });
  assert.equal(long.statusCode, 400, 'too long');
  assert.equal((await send(parent, `/blog/posts/${id}/comments`, { body: 'Merci pour les photos !' })).statusCode, 303, 'sent');
  assert.match((await request(t.app, parent, 'GET', `/blog/posts/${id}`)).body, /Merci pour les photos/, 'its author sees it, waiting');
  assert.doesNotMatch((await request(t.app, other, 'GET', `/blog/posts/${id}`)).body, /Merci pour les photos/, 'other parents do not yet');
  const row = await t.app.db.selectFrom('blogComments').select('id').where('body', '=', 'Merci pour les photos !').executeTakeFirstOrThrow();
  assert.equal((await send(parent, `/blog/comments/${row.id}/moderate`, { decision: 'approve' })).statusCode, 404, 'a parent moderates nothing');
  assert.equal((await send(teacher, `/blog/comments/${row.id}/moderate`, { decision: 'approve' })).statusCode, 303, 'the teacher approves');
  assert.match((await request(t.app, other, 'GET', `/blog/posts/${id}`)).body, /Merci pour les photos/, 'now every reader sees it');
  const pupil = await loginAs(t.app, w.ce1a.id);
  assert.equal((await send(pupil, `/blog/posts/${id}/comments`, { body: 'Moi aussi' })).statusCode, 404, 'comments are for parents');
});

test('removing a post keeps it with who and when', async () => {
  const { id } = await publishedPost(t.app, teacher, w.ce1.id, { title: 'À retirer' });
  const pupil = await loginAs(t.app, w.ce1a.id);
  assert.equal((await send(pupil, `/blog/posts/${id}/delete`, {})).statusCode, 404, 'a pupil removes no teacher’s post');
  assert.equal((await send(teacher, `/blog/posts/${id}/delete`, {})).statusCode, 303, 'the teacher removes it');
  const row = await t.app.db.selectFrom('blogPosts').select(['deletedAt', 'deletedBy']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.deletedBy, w.ce1Teacher.id, 'who removed it is kept');
  assert.ok(row.deletedAt, 'and when');
  assert.equal((await request(t.app, teacher, 'GET', `/blog/posts/${id}`)).statusCode, 404, 'no longer shown');
  const logged = await t.app.db.selectFrom('auditLog').select('action').where('subjectId', '=', id).execute();
  assert.deepEqual(
    logged.map((l) => l.action),
    ['blog.post.delete'],
    'and audited',
  );
});

test('the blog index lists one’s classes only', async () => {
  const parent = await loginAs(t.app, w.cm2Parent.id);
  const page = await request(t.app, parent, 'GET', '/blog');
  assert.equal(page.statusCode, 200, 'the parent’s blogs');
  assert.match(page.body, /Blog de la classe CM2/, 'their child’s class');
  assert.doesNotMatch(page.body, /Blog de la classe CE1/, 'not another class');
});

test('a photo taken off a post keeps its row with who and when, and its blobs are no longer referenced', async () => {
  const { id, media } = await publishedPost(t.app, teacher, w.ce1.id, { title: 'Deux photos', photos: 2 });
  const rows = await t.app.db.selectFrom('blogMedia').select(['id', 'blobKey', 'thumbKey']).where('postId', '=', id).orderBy('position').execute();
  const keys = rows.flatMap((r) => [r.blobKey, r.thumbKey!]);
  assert.deepEqual((await referencedBlobKeys(t.app.db, keys)).sort(), [...keys].sort(), 'every variant is referenced');
  const res = await postForm(t.app, teacher, `/blog/posts/${id}/edit`, {
    title: 'Deux photos',
    body: 'Texte',
    action: 'publish',
    audience: 'families',
    media,
    remove: media[1]!,
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const removed = await t.app.db.selectFrom('blogMedia').select(['removedAt', 'removedBy']).where('id', '=', media[1]!).executeTakeFirstOrThrow();
  assert.equal(removed.removedBy, w.ce1Teacher.id, 'who took it off is kept');
  assert.deepEqual((await referencedBlobKeys(t.app.db, keys)).sort(), [rows[0]!.blobKey, rows[0]!.thumbKey!].sort(), 'the removed photo’s blobs may be swept');
  const parent = await loginAs(t.app, w.ce1aParent.id);
  assert.equal((await request(t.app, parent, 'GET', `/blog/media/${media[1]}`)).statusCode, 404, 'no longer served');
});
