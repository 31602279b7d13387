import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { fillParams } from '../../kernel/testing/coverage.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { configure, forumOf, forumsOf, forumWorld, openThread, replyTo, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);
const clock = new TestClock(TEST_NOW);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await forumWorld(t.app);
});
after(() => t.close());

const countRows = async (table: 'forumThreads' | 'forumPosts' | 'forumReports') =>
  Number(
    (
      await t.app.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const formArgs = (fields: Record<string, string>) => {
  const f = form(fields);
  return [f.payload, { headers: f.headers }] as const;
};
const noticesOf = async (personId: string, kind: string) =>
  t.app.db.selectFrom('notifications').select(['title', 'link']).where('recipientId', '=', personId).where('kind', '=', kind).execute();

describe('forum', () => {
  test('without a session every forum route answers 401 (API) or sends to the login page', async () => {
    const routes = t.app.routeTable.filter((r) => r.options.config?.access === 'person' && /^\/(api\/)?forum/.test(r.url));
    assert.ok(routes.length >= 25, `${routes.length} forum routes`);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fillParams(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.url.startsWith('/api/')) assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.body}`);
      else assert.equal(res.statusCode, 303, `${r.method} ${r.url}: ${res.statusCode}`);
    }
  });

  test('who reads which forum: the class’s own people, the school’s staff room without pupils or parents', async () => {
    const kinds = async (personId: string) => (await forumsOf(t.app, await as(personId))).map((f) => `${f.kind}:${f.name}`).sort();
    assert.deepEqual(await kinds(w.ce1Teacher.id), [
      'class:Forum de la classe CE1',
      'school:Forum de l’école — École des Tilleuls',
      'staff:Salle des maîtres — École des Tilleuls',
    ]);
    assert.deepEqual(await kinds(w.ce1a.id), ['class:Forum de la classe CE1'], 'a pupil reads their class forum only');
    assert.deepEqual(await kinds(w.ce1aParent.id), [], 'parents read nothing until a teacher opens the forum to them');
    const director = await kinds(w.director.id);
    assert.ok(
      director.includes('class:Forum de la classe CE1') && director.includes('class:Forum de la classe CM2'),
      `the director moderates every class: ${director}`,
    );
    const agent = await request(
      t.app,
      await as((await buildPerson(t.app.db, { profile: 'municipal', firstName: 'A', lastName: 'B', structureId: w.schoolA.id })).id),
      'GET',
      '/api/forum/forums',
    );
    assert.equal(agent.statusCode, 403, 'a municipal agent has no forum');
  });

  test('a collège’s forums are the establishment’s and the « salle des professeurs »', async () => {
    const college = await buildSchool(t.app.db, { kind: 'college', name: 'Collège Victor-Hugo' });
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Paul', lastName: 'Professeur', structureId: college.id });
    const names = (await forumsOf(t.app, await as(teacher.id))).map((f) => `${f.kind}:${f.name}`).sort();
    assert.deepEqual(names, ['school:Forum de l’établissement — Collège Victor-Hugo', 'staff:Salle des professeurs — Collège Victor-Hugo'], 'secondary words');
  });

  test('pupils write only once the teacher opens it; then a pupil posts, the teacher is told, another class sees nothing', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const pupil = await as(w.ce1a.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    const threadId = await openThread(t.app, teacher, forumId, 'Exposés sur les volcans', 'Vos questions ici.');
    const before = await countRows('forumPosts');
    const refused = await request(t.app, pupil, 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Bonjour !' });
    assert.equal(refused.statusCode, 403, `closed to pupils: ${refused.body}`);
    const page = await request(t.app, pupil, 'GET', `/forum/forums/${forumId}`);
    assert.match(page.body, /pas encore ouvert ce forum à l’écriture des élèves/, 'the page says why');
    assert.equal(await countRows('forumPosts'), before, 'nothing stored');

    const byPupil = await request(t.app, pupil, 'PUT', `/api/forum/forums/${forumId}/settings`, { pupilsWrite: true, parentsRead: false });
    assert.equal(byPupil.statusCode, 403, 'a pupil does not open the forum');
    await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
    const postId = await replyTo(t.app, pupil, threadId, '<p>Peut-on parler du <strong>Piton de la Fournaise</strong> ?</p><script>alert(1)</script>');
    const thread = (await request(t.app, teacher, 'GET', `/api/forum/threads/${threadId}`)).json() as { posts: { id: string; body: string }[] };
    const stored = thread.posts.find((p) => p.id === postId)!;
    assert.match(stored.body, /<strong>Piton de la Fournaise<\/strong>/, 'rich text kept');
    assert.doesNotMatch(stored.body, /script/, 'sanitised');
    await t.app.jobs.runDue();
    assert.equal((await noticesOf(w.ce1Teacher.id, 'forum.post')).length, 1, 'the teacher follows their thread and is told');

    for (const [personId, who] of [
      [w.cm2.id, 'a pupil of another class'],
      [w.cm2Parent.id, 'another class’s parent'],
      [w.ce1aParent.id, 'a parent while the forum is closed to parents'],
      [w.otherTeacher.id, 'another school’s teacher'],
    ] as const) {
      const res = await request(t.app, await as(personId), 'GET', `/api/forum/threads/${threadId}`);
      assert.equal(res.statusCode, 404, `${who}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /volcans|Fournaise/, `${who}: nothing leaks`);
    }
  });

  test('the communication rules: once parents read the class forum, a primary pupil may no longer post (decision 0024)', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const pupil = await as(w.ce1b.id);
    const parent = await as(w.ce1aParent.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: true });
    const threadId = await openThread(t.app, teacher, forumId, 'Kermesse de juin', 'Qui peut aider à tenir un stand ?');
    const read = await request(t.app, parent, 'GET', `/api/forum/threads/${threadId}`);
    assert.equal(read.statusCode, 200, 'the parent reads it now');
    const byPupil = await request(t.app, pupil, 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Moi !' });
    assert.equal(byPupil.statusCode, 403, `a pupil cannot write to the classmates’ parents: ${byPupil.body}`);
    const byParent = await request(t.app, parent, 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Je peux venir.' });
    assert.equal(byParent.statusCode, 403, 'by default a parent may not write to the other families and the pupils');
    const page = await request(t.app, parent, 'GET', `/forum/threads/${threadId}`);
    assert.match(page.body, /règles de communication/, 'the page says why');
    await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
  });

  test('the staff room: staff and the director write, pupils and parents never read it', async () => {
    const teacher = await as(w.cm2Teacher.id);
    const staffRoom = await forumOf(t.app, teacher, 'staff');
    const threadId = await openThread(t.app, await as(w.director.id), staffRoom, 'Conseil des maîtres', 'Ordre du jour.');
    await replyTo(t.app, teacher, threadId, 'J’ajoute un point.');
    const pupil = await request(t.app, await as(w.ce1a.id), 'GET', `/api/forum/forums/${staffRoom}`);
    assert.equal(pupil.statusCode, 404, 'a pupil');
    const parent = await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/forum/threads/${threadId}`);
    assert.equal(parent.statusCode, 404, 'a parent');
    const settings = await request(t.app, await as(w.director.id), 'PUT', `/api/forum/forums/${staffRoom}/settings`, {
      pupilsWrite: true,
      parentsRead: true,
      pupilsRead: true,
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const still = await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/forum/forums/${staffRoom}`);
    assert.equal(still.statusCode, 404, 'the staff room stays staff only whatever the settings say');
  });

  test('a report reaches the moderators; hiding the reply with a reason closes it; the text is gone for others', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
    const threadId = await openThread(t.app, teacher, forumId, 'Le jardin de l’école', 'Que planter ?');
    const postId = await replyTo(t.app, await as(w.ce1b.id), threadId, 'Des tomates, et Léa est nulle.');
    const reporter = await as(w.ce1a.id);
    const bad = await request(t.app, reporter, 'POST', `/api/forum/posts/${postId}/reports`, { reason: '   ' });
    assert.equal(bad.statusCode, 400, 'a reason is needed');
    assert.equal((bad.json() as { error: { details: { field: string }[] } }).error.details[0]!.field, 'reason', 'the field is named');
    const stranger = await request(t.app, await as(w.cm2.id), 'POST', `/api/forum/posts/${postId}/reports`, { reason: 'x' });
    assert.equal(stranger.statusCode, 404, 'a pupil of another class cannot report');
    const reports = await countRows('forumReports');
    const ok = await request(t.app, reporter, 'POST', `/api/forum/posts/${postId}/reports`, { reason: 'Il se moque de moi.' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(await countRows('forumReports'), reports + 1, 'one report stored');
    await t.app.jobs.runDue();
    const notices = await noticesOf(w.ce1Teacher.id, 'forum.report');
    assert.equal(notices.length, 1, 'the class’s teacher is told');
    assert.equal((await noticesOf(w.director.id, 'forum.report')).length, 1, 'the director too');
    const list = (await request(t.app, teacher, 'GET', `/api/forum/forums/${forumId}/reports`)).json() as { items: { postId: string }[] };
    assert.ok(
      list.items.some((r) => r.postId === postId),
      'the report is listed for the moderators',
    );
    const byPupil = await request(t.app, reporter, 'GET', `/api/forum/forums/${forumId}/reports`);
    assert.equal(byPupil.statusCode, 403, 'a pupil does not see reports');

    const noReason = await request(t.app, teacher, 'POST', `/api/forum/posts/${postId}/moderation`, { action: 'hide' });
    assert.equal(noReason.statusCode, 400, 'hiding needs a reason');
    const hide = await request(t.app, teacher, 'POST', `/api/forum/posts/${postId}/moderation`, { action: 'hide', reason: 'Propos blessant.' });
    assert.equal(hide.statusCode, 200, hide.body);
    const seen = (await request(t.app, reporter, 'GET', `/api/forum/threads/${threadId}`)).json() as { posts: { id: string; body: string; hidden: boolean }[] };
    const hidden = seen.posts.find((p) => p.id === postId)!;
    assert.equal(hidden.hidden, true, 'marked hidden');
    assert.equal(hidden.body, '', 'the text is not sent to other readers');
    const author = (await request(t.app, await as(w.ce1b.id), 'GET', `/api/forum/threads/${threadId}`)).json() as {
      posts: { id: string; hideReason: string | null }[];
    };
    assert.equal(author.posts.find((p) => p.id === postId)!.hideReason, 'Propos blessant.', 'the author sees why');
    const after = (await request(t.app, teacher, 'GET', `/api/forum/forums/${forumId}/reports`)).json() as { items: { postId: string }[] };
    assert.ok(!after.items.some((r) => r.postId === postId), 'the report is closed');
    const log = await t.app.db.selectFrom('forumModerations').selectAll().where('postId', '=', postId).execute();
    assert.equal(log.length, 1, 'the act is kept');
  });

  test('lock: no reply any more; hide a thread: only moderators see it', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const pupil = await as(w.ce1a.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
    const threadId = await openThread(t.app, teacher, forumId, 'Piscine', 'Le bonnet est obligatoire.');
    const byPupil = await request(t.app, pupil, 'POST', `/api/forum/threads/${threadId}/moderation`, { action: 'lock', reason: 'x' });
    assert.equal(byPupil.statusCode, 403, 'a pupil does not moderate');
    const other = await request(t.app, await as(w.cm2Teacher.id), 'POST', `/api/forum/threads/${threadId}/moderation`, { action: 'lock', reason: 'x' });
    assert.equal(other.statusCode, 404, 'a teacher of another class does not see it');
    assert.equal(
      (await request(t.app, teacher, 'POST', `/api/forum/threads/${threadId}/moderation`, { action: 'lock', reason: 'Tout est dit.' })).statusCode,
      200,
      'locked',
    );
    const late = await request(t.app, pupil, 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Et les lunettes ?' });
    assert.equal(late.statusCode, 403, 'no reply in a locked thread');
    assert.equal(
      (await request(t.app, teacher, 'POST', `/api/forum/threads/${threadId}/moderation`, { action: 'hide', reason: 'Doublon.' })).statusCode,
      200,
      'hidden',
    );
    assert.equal((await request(t.app, pupil, 'GET', `/api/forum/threads/${threadId}`)).statusCode, 404, 'a hidden thread is gone for pupils');
    const list = (await request(t.app, pupil, 'GET', `/api/forum/forums/${forumId}`)).json() as { threads: { id: string }[] };
    assert.ok(!list.threads.some((x) => x.id === threadId), 'and from their list');
    const mod = (await request(t.app, teacher, 'GET', `/api/forum/forums/${forumId}`)).json() as { threads: { id: string; hidden: boolean }[] };
    assert.ok(
      mod.threads.some((x) => x.id === threadId && x.hidden),
      'the moderator still sees it, marked',
    );
  });

  test('unread markers and subscriptions', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const pupil = await as(w.ce1a.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
    assert.equal((await request(t.app, pupil, 'PUT', `/api/forum/forums/${forumId}/subscription`, { subscribed: true })).statusCode, 200, 'subscribed');
    const threadId = await openThread(t.app, teacher, forumId, 'Cahiers à couvrir', 'Avant lundi.');
    await t.app.jobs.runDue();
    assert.ok(
      (await noticesOf(w.ce1a.id, 'forum.post')).some((n) => n.title.includes('Cahiers à couvrir')),
      'the follower of the forum is told of the new thread',
    );
    const listed = (await request(t.app, pupil, 'GET', `/api/forum/forums/${forumId}`)).json() as { threads: { id: string; unread: boolean }[] };
    assert.equal(listed.threads.find((x) => x.id === threadId)!.unread, true, 'unread before opening');
    await request(t.app, pupil, 'GET', `/api/forum/threads/${threadId}`);
    const again = (await request(t.app, pupil, 'GET', `/api/forum/forums/${forumId}`)).json() as { threads: { id: string; unread: boolean }[] };
    assert.equal(again.threads.find((x) => x.id === threadId)!.unread, false, 'read after opening');
    clock.advance(60_000);
    await replyTo(t.app, teacher, threadId, 'Avec du plastique transparent.');
    const third = (await request(t.app, pupil, 'GET', `/api/forum/forums/${forumId}`)).json() as { threads: { id: string; unread: boolean }[] };
    assert.equal(third.threads.find((x) => x.id === threadId)!.unread, true, 'a new reply makes it unread again');
  });

  test('forms without JavaScript: an empty thread comes back with its messages and what was typed; a valid one redirects', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    const before = await countRows('forumThreads');
    const bad = await request(
      t.app,
      teacher,
      'POST',
      `/forum/forums/${forumId}/threads`,
      ...formArgs({ _csrf: teacher.csrf, title: 'Un titre gardé', body: '   ' }),
    );
    assert.equal(bad.statusCode, 400, 'shown again');
    assert.match(bad.body, /Écrivez un message/, 'the message');
    assert.match(bad.body, /Un titre gardé/, 'what was typed');
    assert.equal(await countRows('forumThreads'), before, 'nothing stored');
    const good = await request(
      t.app,
      teacher,
      'POST',
      `/forum/forums/${forumId}/threads`,
      ...formArgs({ _csrf: teacher.csrf, title: 'Photos de classe', body: 'Le photographe vient jeudi.' }),
    );
    assert.equal(good.statusCode, 303, good.body);
    const page = await request(t.app, teacher, 'GET', String(good.headers.location));
    assert.equal(page.statusCode, 200, 'the thread page');
    assert.match(page.body, /Le photographe vient jeudi/, 'the post');
  });

  test('a past school year is read-only', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    const threadId = await openThread(t.app, teacher, forumId, 'Fin d’année', 'Bonnes vacances !');
    clock.set('2025-10-01T09:00:00Z');
    try {
      const t2 = { app: t.app };
      const next = await as(w.ce1Teacher.id);
      const read = await request(t2.app, next, 'GET', `/api/forum/threads/${threadId}`);
      assert.equal(read.statusCode, 200, 'the teacher still reads last year’s forum');
      const write = await request(t2.app, next, 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Encore un mot.' });
      assert.equal(write.statusCode, 403, 'but writes nothing');
      const pupil = await request(t2.app, await as(w.ce1a.id), 'GET', `/api/forum/threads/${threadId}`);
      assert.equal(pupil.statusCode, 404, 'pupils no longer see it');
    } finally {
      clock.set(TEST_NOW);
    }
  });
});

describe('forum notices', () => {
  test('a reply at night is told at the end of the quiet hours; e-mail only to those who asked for it', async () => {
    const teacher = await as(w.cm2Teacher.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CM2');
    await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
    const threadId = await openThread(t.app, teacher, forumId, 'Rallye lecture', 'Quel livre avez-vous choisi ?');
    await t.app.db.updateTable('people').set({ email: 'camille@example.org' }).where('id', '=', w.cm2Teacher.id).execute();
    await t.app.db.insertInto('messagingPreferences').values({ personId: w.cm2Teacher.id, emailMode: 'immediate', updatedAt: TEST_NOW }).execute();
    await t.app.jobs.runDue();
    // 22:30 in Paris: inside the default quiet hours (20:00–07:00).
    clock.set('2025-03-17T21:30:00Z');
    try {
      const pupil = await as(w.cm2.id);
      await replyTo(t.app, pupil, threadId, 'Le Petit Prince !');
      await t.app.jobs.runDue();
      const early = (await noticesOf(w.cm2Teacher.id, 'forum.post')).filter((n) => n.title.includes('Rallye lecture'));
      assert.equal(early.length, 0, 'nothing during the quiet hours');
      clock.set('2025-03-18T06:05:00Z');
      await t.app.jobs.runDue();
      const told = (await noticesOf(w.cm2Teacher.id, 'forum.post')).filter((n) => n.title.includes('Rallye lecture'));
      assert.equal(told.length, 1, 'told in the morning');
      const mails = await t.app.db
        .selectFrom('mailQueue')
        .innerJoin('notifications', 'notifications.id', 'mailQueue.notificationId')
        .select('mailQueue.personId')
        .where('notifications.kind', '=', 'forum.post')
        .execute();
      const to = mails.map((m) => m.personId);
      assert.ok(to.includes(w.cm2Teacher.id), 'an e-mail for the teacher who asked for e-mail notices');
      assert.ok(!to.includes(w.director.id), 'none for who did not ask');
    } finally {
      clock.set(TEST_NOW);
    }
  });
});

describe('forum pages and the school forum', () => {
  test('a title too long comes back named on the form; the home page counts unread discussions', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    const long = await request(
      t.app,
      teacher,
      'POST',
      `/forum/forums/${forumId}/threads`,
      ...formArgs({ _csrf: teacher.csrf, title: 'x'.repeat(201), body: 'Texte gardé' }),
    );
    assert.equal(long.statusCode, 400, 'shown again');
    assert.match(long.body, /Donnez un titre \(200 caractères au plus\)/, 'the title is named');
    assert.match(long.body, /Texte gardé/, 'the body is kept');
    await openThread(t.app, teacher, forumId, 'Nouvelle discussion pour l’accueil', 'Bonjour.');
    const home = await request(t.app, await as(w.ce1b.id), 'GET', '/');
    assert.match(home.body, /discussions? non lues? — Forum de la classe CE1/, 'the home block');
  });

  test('posts are paginated, 30 a page, with links that work without JavaScript', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    const threadId = await openThread(t.app, teacher, forumId, 'Longue discussion', 'Premier message.');
    for (let i = 1; i <= 31; i++) {
      clock.advance(1000);
      await replyTo(t.app, teacher, threadId, `Réponse numéro ${i}.`);
    }
    const first = await request(t.app, teacher, 'GET', `/forum/threads/${threadId}`);
    assert.match(first.body, /Page 1 sur 2/, 'two pages');
    assert.doesNotMatch(first.body, /Réponse numéro 31\./, 'the last reply is on page 2');
    const second = await request(t.app, teacher, 'GET', `/forum/threads/${threadId}?offset=30&limit=30`);
    assert.match(second.body, /Réponse numéro 31\./, 'page 2');
    const bad = await request(t.app, teacher, 'GET', `/api/forum/threads/${threadId}?limit=1e999`);
    assert.equal(bad.statusCode, 400, 'a bad limit is a 400');
  });

  test('the school forum opened to pupils and parents: they read; a teacher who does not teach every class may not post there', async () => {
    const director = await as(w.director.id);
    const schoolForum = await forumOf(t.app, director, 'school');
    const byTeacher = await request(t.app, await as(w.ce1Teacher.id), 'PUT', `/api/forum/forums/${schoolForum}/settings`, {
      pupilsWrite: false,
      parentsRead: true,
      pupilsRead: true,
    });
    assert.equal(byTeacher.statusCode, 403, 'the director alone configures the school forum');
    await configure(t.app, director, schoolForum, { pupilsWrite: false, parentsRead: true, pupilsRead: true });
    const threadId = await openThread(t.app, director, schoolForum, 'Fête de l’école', 'Le samedi 21 juin.');
    assert.equal((await request(t.app, await as(w.cm2Parent.id), 'GET', `/api/forum/threads/${threadId}`)).statusCode, 200, 'a parent reads it');
    assert.equal(
      (await request(t.app, await as(w.otherParent.id), 'GET', `/api/forum/threads/${threadId}`)).statusCode,
      404,
      'another school’s parent does not',
    );
    const teacherReply = await request(t.app, await as(w.ce1Teacher.id), 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Je tiendrai un stand.' });
    assert.equal(teacherReply.statusCode, 403, 'the CE1 teacher may not write to the CM2 families and pupils by the rules');
    assert.equal(
      (await request(t.app, await as(w.admin.id), 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Inscriptions au secrétariat.' })).statusCode,
      201,
      'the office staff reach everyone',
    );
    await configure(t.app, director, schoolForum, { pupilsWrite: false, parentsRead: false, pupilsRead: false });
  });
});

describe('forum and the school’s rules', () => {
  test('a school that lets parents write to the class’s families and pupils lets them post in a class forum opened to them', async () => {
    const director = await as(w.director.id);
    const teacher = await as(w.ce1Teacher.id);
    const parent = await as(w.ce1aParent.id);
    const settings = (await request(t.app, director, 'GET', `/api/messaging/structures/${w.schoolA.id}/settings`)).json() as {
      rules: { fromAudience: string; toAudience: string; scope: string }[];
    };
    const forumId = await forumOf(t.app, teacher, 'class', 'CE1');
    await configure(t.app, teacher, forumId, { pupilsWrite: false, parentsRead: true });
    const threadId = await openThread(t.app, teacher, forumId, 'Covoiturage pour la sortie', 'Qui a de la place ?');
    const before = await request(t.app, parent, 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Deux places.' });
    assert.equal(before.statusCode, 403, 'not with the default rules');
    const widened = [
      ...settings.rules,
      { fromAudience: 'relative', toAudience: 'relative', scope: 'linked' },
      { fromAudience: 'relative', toAudience: 'student', scope: 'linked' },
    ];
    const put = await request(t.app, director, 'PUT', `/api/messaging/structures/${w.schoolA.id}/rules`, { rules: widened });
    assert.equal(put.statusCode, 204, put.body);
    try {
      const after = await request(t.app, parent, 'POST', `/api/forum/threads/${threadId}/replies`, { body: 'Deux places.' });
      assert.equal(after.statusCode, 201, `the rules now allow it: ${after.body}`);
    } finally {
      await request(t.app, director, 'PUT', `/api/messaging/structures/${w.schoolA.id}/rules`, { rules: settings.rules });
      await configure(t.app, teacher, forumId, { pupilsWrite: true, parentsRead: false });
    }
  });
});
