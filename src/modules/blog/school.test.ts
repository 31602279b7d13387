import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, type World } from '../directory/testing.js';
import { blogWorld, postForm, testPhoto } from './testing.js';

let t: TestApp;
let w: World;
let director: Session;
let schoolBlog = '';

before(async () => {
  t = await buildTestApp(buildApp);
  w = await blogWorld(t.app);
  director = await loginAs(t.app, w.director.id);
  schoolBlog = `/blog/schools/${w.schoolA.id}`;
});
after(() => t.close());

type Post = { id: string; status: string; groupId: string | null; structureId: string; media: { id: string }[] };
const titles = async (session: Session, url: string) =>
  ((await request(t.app, session, 'GET', url)).json() as { items: { title: string }[] }).items.map((p) => p.title);

test('the school’s blog is opened by its director, from the blog index; nobody else opens it', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  assert.equal((await request(t.app, teacher, 'GET', schoolBlog)).statusCode, 404, 'not opened yet');
  const index = await request(t.app, director, 'GET', '/blog');
  assert.match(index.body, new RegExp(`action="/blog/schools/${w.schoolA.id}/open"`), 'the director is offered to open it');
  const other = await loginAs(t.app, w.otherTeacher.id);
  const intruder = form({ _csrf: other.csrf });
  assert.equal(
    (await request(t.app, other, 'POST', `${schoolBlog}/open`, intruder.payload, { headers: intruder.headers })).statusCode,
    404,
    'another school’s teacher',
  );
  const byTeacher = form({ _csrf: teacher.csrf });
  assert.equal((await request(t.app, teacher, 'POST', `${schoolBlog}/open`, byTeacher.payload, { headers: byTeacher.headers })).statusCode, 404, 'a teacher');
  const open = form({ _csrf: director.csrf });
  const opened = await request(t.app, director, 'POST', `${schoolBlog}/open`, open.payload, { headers: open.headers });
  assert.equal(opened.statusCode, 303, opened.body);
  const settings = form({ _csrf: director.csrf, parentsComment: 'on' });
  assert.equal((await request(t.app, director, 'POST', `${schoolBlog}/settings`, settings.payload, { headers: settings.headers })).statusCode, 303, 'settings');
  const parent = await loginAs(t.app, w.ce1aParent.id);
  assert.match((await request(t.app, parent, 'GET', '/blog')).body, new RegExp(`href="${schoolBlog}"`), 'a parent of the school finds it on the index');
});

test('a teacher of the school writes; pupils, parents and staff of the school read; another school’s people do not', async () => {
  const teacher = await loginAs(t.app, w.cm2Teacher.id);
  const created = await request(t.app, teacher, 'POST', `/api/blog/schools/${w.schoolA.id}/posts`, {
    title: 'Kermesse de juin',
    body: 'Les stands sont prêts.',
  });
  assert.equal(created.statusCode, 201, created.body);
  const post = created.json() as Post;
  assert.equal(post.groupId, null, 'no class');
  assert.equal(post.structureId, w.schoolA.id, 'the school');
  const published = await request(t.app, teacher, 'PUT', `/api/blog/posts/${post.id}`, {
    title: 'Kermesse de juin',
    body: 'Les stands sont prêts.',
    audience: 'families',
    action: 'publish',
  });
  assert.equal(published.statusCode, 200, published.body);
  const list = `/api/blog/schools/${w.schoolA.id}/posts`;
  const staff = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Sylvie', lastName: 'Secrétariat', structureId: w.schoolA.id });
  for (const person of [w.cm2, w.ce1bParent, staff, w.ce1Teacher])
    assert.deepEqual(await titles(await loginAs(t.app, person.id), list), ['Kermesse de juin'], `read by ${person.firstName}`);
  for (const person of [w.otherParent, w.otherTeacher, w.otherStudent])
    assert.equal((await request(t.app, await loginAs(t.app, person.id), 'GET', list)).statusCode, 404, `refused to ${person.firstName}`);
  const page = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', `/blog/posts/${post.id}`);
  assert.match(page.body, /Retour au blog de l’école/, 'the post page leads back to the school’s blog');
  const comment = form({ _csrf: (await loginAs(t.app, w.ce1aParent.id)).csrf, body: 'Merci !' });
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const sent = await request(t.app, parent, 'POST', `/blog/posts/${post.id}/comments`, form({ _csrf: parent.csrf, body: 'Merci !' }).payload, {
    headers: comment.headers,
  });
  assert.equal(sent.statusCode, 303, 'a parent comments, moderated');
  const row = await t.app.db.selectFrom('blogComments').select('status').where('postId', '=', post.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending', 'waits for moderation');
});

test('photo consent holds on the school’s blog: a pupil of another class without consent keeps the post from families', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const created = await postForm(t.app, teacher, `${schoolBlog}/posts`, { title: 'Carnaval', body: 'Les costumes', action: 'draft' }, [
    { name: 'carnaval.jpg', content: await testPhoto({ width: 200, height: 150 }), type: 'image/jpeg' },
  ]);
  assert.equal(created.statusCode, 303, created.body);
  const id = /\/blog\/posts\/([0-9a-f-]+)\/edit/.exec(String(created.headers.location))![1]!;
  const media = await t.app.db.selectFrom('blogMedia').select('id').where('postId', '=', id).executeTakeFirstOrThrow();
  const refused = await postForm(t.app, teacher, `/blog/posts/${id}/edit`, {
    title: 'Carnaval',
    body: 'Les costumes',
    action: 'publish',
    audience: 'families',
    media: media.id,
    [`tags.${media.id}`]: w.ce1b.id,
  });
  assert.equal(refused.statusCode, 400, 'a pupil of the school without consent');
  assert.match(refused.body, /autorisation photo/, 'says why');
  const outsider = await postForm(t.app, teacher, `/blog/posts/${id}/edit`, {
    title: 'Carnaval',
    body: 'Les costumes',
    action: 'publish',
    audience: 'families',
    media: media.id,
    [`tags.${media.id}`]: w.otherStudent.id,
  });
  assert.equal(outsider.statusCode, 400, 'a pupil of another school cannot be tagged');
  const ok = await postForm(t.app, teacher, `/blog/posts/${id}/edit`, {
    title: 'Carnaval',
    body: 'Les costumes',
    action: 'publish',
    audience: 'families',
    media: media.id,
    [`tags.${media.id}`]: w.cm2.id,
  });
  assert.equal(ok.statusCode, 303, 'a consenting pupil of another class of the school');
  await t.app.db.updateTable('people').set({ photoConsent: 0 }).where('id', '=', w.cm2.id).execute();
  const parentTitles = await titles(await loginAs(t.app, w.cm2Parent.id), `/api/blog/schools/${w.schoolA.id}/posts`);
  assert.ok(!parentTitles.includes('Carnaval'), 'families no longer see it once consent is withdrawn');
});
