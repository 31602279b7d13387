import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { forumOf, forumWorld, openThread, replyTo, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
let teacher: Session;
let director: Session;
let threadId: string;
let replyId: string;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await forumWorld(t.app);
  teacher = await loginAs(t.app, w.cm2Teacher.id);
  director = await loginAs(t.app, w.director.id);
  const staffRoom = await forumOf(t.app, teacher, 'staff');
  threadId = await openThread(t.app, director, staffRoom, 'Conseil des maîtres', 'Ordre du jour.');
  replyId = await replyTo(t.app, teacher, threadId, 'J’ajoute un point : la kermese.');
});
after(() => t.close());

const bodyOf = async (id: string) => (await t.app.db.selectFrom('forumPosts').select(['body', 'editedAt']).where('id', '=', id).executeTakeFirstOrThrow()).body;
const jobs = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('the author corrects their post; readers see it marked as corrected; nobody is told again', async () => {
  const before = await jobs();
  clock.advance(60_000);
  const res = await request(t.app, teacher, 'PATCH', `/api/forum/posts/${replyId}`, { body: 'J’ajoute un point : la kermesse.' });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(await bodyOf(replyId), /kermesse\./, 'the new text');
  assert.equal(await jobs(), before, 'no notice queued');
  const thread = (await request(t.app, director, 'GET', `/api/forum/threads/${threadId}`)).json() as { posts: { id: string; editedAt: string | null }[] };
  assert.ok(thread.posts.find((p) => p.id === replyId)?.editedAt, 'the reader sees when it was corrected');
  const page = await request(t.app, director, 'GET', `/forum/threads/${threadId}`, undefined, { headers: { accept: 'text/html' } });
  assert.match(page.body, /modifié le/, 'the page says so');
  assert.doesNotMatch(page.body, new RegExp(`/forum/posts/${replyId}/edit`), 'only its author is offered to correct it');
});

test('someone else, even a moderator, cannot correct a post; an empty text is refused and nothing changes', async () => {
  const was = await bodyOf(replyId);
  for (const [who, session] of [
    ['the director (a moderator)', director],
    ['another teacher of the school', await loginAs(t.app, w.ce1Teacher.id)],
    ['a parent', await loginAs(t.app, w.ce1aParent.id)],
    ['another school’s teacher', await loginAs(t.app, w.otherTeacher.id)],
  ] as const) {
    const res = await request(t.app, session, 'PATCH', `/api/forum/posts/${replyId}`, { body: 'Intrus' });
    assert.ok([403, 404].includes(res.statusCode), `${who}: ${res.statusCode}`);
  }
  const empty = await request(t.app, teacher, 'PATCH', `/api/forum/posts/${replyId}`, { body: '   ' });
  assert.equal(empty.statusCode, 400, empty.body);
  assert.equal(empty.json().error.details[0].field, 'body', 'names the field');
  assert.equal(await bodyOf(replyId), was, 'unchanged');
});

test('the page form shows the text as typed, comes back on an error, and saves', async () => {
  const html = { headers: { accept: 'text/html' } };
  const page = await request(t.app, teacher, 'GET', `/forum/posts/${replyId}/edit`, undefined, html);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /J’ajoute un point : la kermesse\./, 'the text, without markup');
  assert.doesNotMatch(page.body, /&lt;p&gt;/, 'no HTML tags in the box');
  const bad = form({ _csrf: teacher.csrf, body: '' });
  const again = await request(t.app, teacher, 'POST', `/forum/posts/${replyId}/edit`, bad.payload, { headers: { ...bad.headers, accept: 'text/html' } });
  assert.equal(again.statusCode, 400, 'the form comes back');
  const good = form({ _csrf: teacher.csrf, body: 'J’ajoute deux points : la kermesse et la chorale.' });
  const saved = await request(t.app, teacher, 'POST', `/forum/posts/${replyId}/edit`, good.payload, { headers: good.headers });
  assert.equal(saved.statusCode, 303, saved.body);
  assert.match(await bodyOf(replyId), /chorale/, 'saved');
});

test('a locked thread is no longer corrected', async () => {
  const lock = await request(t.app, director, 'POST', `/api/forum/threads/${threadId}/moderation`, { action: 'lock', reason: 'Conseil terminé.' });
  assert.equal(lock.statusCode, 200, lock.body);
  const res = await request(t.app, teacher, 'PATCH', `/api/forum/posts/${replyId}`, { body: 'Après coup' });
  assert.equal(res.statusCode, 403, `locked: ${res.body}`);
});
