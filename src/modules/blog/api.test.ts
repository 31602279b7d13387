import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { blogWorld, testPhoto, testVideo } from './testing.js';

let t: TestApp;
let w: World;
let teacher: Session;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await blogWorld(t.app);
  teacher = await loginAs(t.app, w.ce1Teacher.id);
});
after(() => t.close());

type Post = { id: string; status: string; media: { id: string; kind: string }[] };

test('the JSON API writes, tags and publishes a post under the same consent rule', async () => {
  assert.equal((await request(t.app, null, 'POST', `/api/blog/classes/${w.ce1.id}/posts`, { title: 'x' })).statusCode, 401, 'needs a session');
  const pupil = await loginAs(t.app, w.ce1a.id);
  assert.equal((await request(t.app, pupil, 'POST', `/api/blog/classes/${w.ce1.id}/posts`, { title: 'x' })).statusCode, 404, 'pupils may not write yet');
  const empty = await request(t.app, teacher, 'POST', `/api/blog/classes/${w.ce1.id}/posts`, { title: 'Vide', body: '' });
  assert.equal(empty.statusCode, 400, 'an empty post');
  assert.equal((empty.json() as { error: { details: { field: string }[] } }).error.details[0]!.field, 'body', 'names the field');

  const created = await request(t.app, teacher, 'POST', `/api/blog/classes/${w.ce1.id}/posts`, { title: 'Chorale', body: 'Nous avons chanté.' });
  assert.equal(created.statusCode, 201, created.body);
  const post = created.json() as Post;
  const before = await t.app.db.selectFrom('blogMedia').select('id').execute();
  const bad = multipart({}, [{ name: 'texte.txt', content: 'bonjour', type: 'text/plain' }]);
  const refused = await request(t.app, teacher, 'POST', `/api/blog/posts/${post.id}/media`, bad.payload, { headers: bad.headers });
  assert.equal(refused.statusCode, 400, 'not a photo');
  assert.equal((await t.app.db.selectFrom('blogMedia').select('id').execute()).length, before.length, 'nothing recorded');

  const files = multipart({}, [
    { name: 'chorale.jpg', content: await testPhoto({ width: 300, height: 200 }), type: 'image/jpeg' },
    { name: 'chant.mp4', content: testVideo(), type: 'video/mp4' },
  ]);
  const uploaded = await request(t.app, teacher, 'POST', `/api/blog/posts/${post.id}/media`, files.payload, { headers: files.headers });
  assert.equal(uploaded.statusCode, 201, uploaded.body);
  const withMedia = uploaded.json() as Post;
  assert.deepEqual(
    withMedia.media.map((m) => m.kind),
    ['image', 'video'],
    'a photo and a video',
  );
  const photo = withMedia.media[0]!.id;

  const noConsent = await request(t.app, teacher, 'PUT', `/api/blog/posts/${post.id}`, {
    title: 'Chorale',
    body: 'Nous avons chanté.',
    audience: 'families',
    action: 'publish',
    media: [{ id: photo, tags: [w.ce1b.id] }],
  });
  assert.equal(noConsent.statusCode, 400, 'refused for families');
  const error = (noConsent.json() as { error: { details: { field: string; message: string }[] } }).error;
  assert.equal(error.details[0]!.field, `media.${photo}`, 'names the photo');
  assert.match(error.details[0]!.message, /chorale\.jpg.*Noé Écolier/, 'and the pupil');

  const published = await request(t.app, teacher, 'PUT', `/api/blog/posts/${post.id}`, {
    title: 'Chorale',
    body: 'Nous avons chanté.',
    audience: 'families',
    action: 'publish',
    media: [{ id: photo, tags: [w.ce1a.id] }],
  });
  assert.equal(published.statusCode, 200, published.body);
  assert.equal((published.json() as Post).status, 'published', 'published');

  const parent = await loginAs(t.app, w.ce1aParent.id);
  assert.equal((await request(t.app, parent, 'POST', `/api/blog/posts/${post.id}/comments`, { body: 'Bravo' })).statusCode, 404, 'comments closed');
  assert.equal(
    (await request(t.app, teacher, 'PUT', `/api/blog/classes/${w.ce1.id}/settings`, { pupilsWrite: false, parentsComment: true })).statusCode,
    200,
    'the teacher opens comments',
  );
  const comment = await request(t.app, parent, 'POST', `/api/blog/posts/${post.id}/comments`, { body: 'Bravo' });
  assert.equal(comment.statusCode, 201, comment.body);
  const commentId = (comment.json() as { id: string }).id;
  assert.equal((await request(t.app, teacher, 'PUT', `/api/blog/comments/${commentId}`, { decision: 'approve' })).statusCode, 200, 'moderated');

  assert.equal((await request(t.app, parent, 'DELETE', `/api/blog/posts/${post.id}`)).statusCode, 404, 'a parent deletes nothing');
  assert.equal((await request(t.app, teacher, 'DELETE', `/api/blog/posts/${post.id}`)).statusCode, 204, 'the teacher removes it');
  assert.equal((await request(t.app, parent, 'GET', `/api/blog/posts/${post.id}`)).statusCode, 404, 'gone for readers');
});
