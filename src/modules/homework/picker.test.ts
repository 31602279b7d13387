import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, type World } from '../directory/testing.js';
import { addLink, catalogueCsv, importCatalogue } from '../resources/testing.js';
import { homeworkWorld, lessonBody, loginAs, publishLesson, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await homeworkWorld(t.app);
});
after(() => t.close());

const post = (session: Session, url: string, fields: Record<string, string>) => {
  const { payload, headers } = form({ ...fields, _csrf: session.csrf });
  return request(t.app, session, 'POST', url, payload, { headers });
};

test('from the lesson form, the teacher searches links and the catalogue without JavaScript and attaches, then removes', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const saved = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
  const edit = await request(t.app, teacher, 'GET', `/homework/lessons/${saved.id}/edit`);
  assert.match(edit.body, new RegExp(`href="/homework/lessons/${saved.id}/resources"`), 'the form links to the picker');
  await addLink(t.app, teacher, { title: 'Jeu des fractions', url: 'https://fractions.example.org/' });
  await addLink(t.app, teacher, { title: 'Carte des fleuves', url: 'https://fleuves.example.org/' });
  const admin = await loginAs(t.app, (await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true })).id);
  await importCatalogue(
    t.app,
    admin,
    'csv',
    catalogueCsv([{ identifier: 'pk-1', title: 'Vidéo : les fractions égales', url: 'https://video.example.org/', levels: 'CE1', access: 'free' }]),
  );

  const picker = `/homework/lessons/${saved.id}/resources`;
  const found = await request(t.app, teacher, 'GET', `${picker}?q=FRACTION`);
  assert.equal(found.statusCode, 200);
  assert.match(found.body, /Jeu des fractions/);
  assert.match(found.body, /Vidéo : les fractions égales/, 'accents and case folded in the catalogue');
  assert.doesNotMatch(found.body, /Carte des fleuves/, 'links filtered by the words');
  const ids = [...found.body.matchAll(/name="refId" value="([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(ids.length, 2);
  const attach = await post(teacher, `${picker}/attach`, { kind: 'link', refId: ids[0]!, assignmentId: '', q: 'fraction' });
  assert.equal(attach.statusCode, 303);
  assert.equal(attach.headers.location, `${picker}?q=fraction`);
  const lesson = (await request(t.app, teacher, 'GET', `/api/homework/lessons/${saved.id}`)).json() as {
    assignments: { id: string }[];
    resources: { id: string; title: string; assignmentId: string | null }[];
  };
  assert.deepEqual(
    lesson.resources.map((r) => [r.title, r.assignmentId]),
    [['Jeu des fractions', null]],
  );
  const onWork = await post(teacher, `${picker}/attach`, { kind: 'resource', refId: ids[1]!, assignmentId: lesson.assignments[0]!.id });
  assert.equal(onWork.statusCode, 303);
  const pupil = (await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', `/api/homework/lessons/${saved.id}`)).json() as {
    resources: { title: string; assignmentId: string | null }[];
  };
  assert.equal(pupil.resources.length, 2, 'the lesson’s readers see both');

  const removed = await post(teacher, `${picker}/${lesson.resources[0]!.id}/remove`, {});
  assert.equal(removed.statusCode, 303);
  const after = await request(t.app, teacher, 'GET', picker);
  assert.match(after.body, /Vidéo : les fractions égales/);
  assert.match(after.body, /\(travail 1\)/);
});

test('the picker is the lesson author’s: others get 403/404 and attach nothing', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const saved = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
  const linkId = await addLink(t.app, await loginAs(t.app, w.cm2Teacher.id), { title: 'Lien d’un collègue', url: 'https://collegue.example.org/' });
  for (const person of [w.cm2Teacher, w.ce1a, w.otherTeacher]) {
    const session = await loginAs(t.app, person.id);
    const page = await request(t.app, session, 'GET', `/homework/lessons/${saved.id}/resources?q=lien`);
    assert.ok([403, 404].includes(page.statusCode), `${person.firstName}: ${page.statusCode}`);
    assert.doesNotMatch(page.body, /Lien d’un collègue/);
    const attach = await post(session, `/homework/lessons/${saved.id}/resources/attach`, { kind: 'link', refId: linkId });
    assert.ok([403, 404].includes(attach.statusCode), `${person.firstName}: ${attach.statusCode}`);
  }
  const privateLink = await post(teacher, `/homework/lessons/${saved.id}/resources/attach`, { kind: 'link', refId: linkId });
  assert.equal(privateLink.statusCode, 404, 'a colleague’s private link cannot be attached');
  const rows = await t.app.db.selectFrom('homeworkResources').selectAll().where('lessonId', '=', saved.id).execute();
  assert.equal(rows.length, 0, 'nothing attached');
});
