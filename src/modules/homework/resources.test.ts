import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, request, type TestApp } from '../../kernel/testing/index.js';
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

test('a teacher attaches a link and a catalogue resource to a lesson and to its work; its readers see them', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const saved = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
  const lessonUrl = `/api/homework/lessons/${saved.id}`;
  const lesson = (await request(t.app, teacher, 'GET', lessonUrl)).json() as { assignments: { id: string }[] };
  const linkId = await addLink(t.app, teacher, { title: 'Jeu des fractions', url: 'https://fractions.example.org/' });
  const admin = await loginAs(t.app, (await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true })).id);
  await importCatalogue(
    t.app,
    admin,
    'csv',
    catalogueCsv([{ identifier: 'hw-1', title: 'Vidéo : la moitié', url: 'https://video.example.org/', levels: 'CE1', access: 'free' }]),
  );
  const resourceId = (await request(t.app, teacher, 'GET', '/api/resources/catalogue?q=moitie')).json().items[0].id as string;

  const onLesson = await request(t.app, teacher, 'POST', `${lessonUrl}/resources`, { kind: 'link', id: linkId });
  assert.equal(onLesson.statusCode, 201, onLesson.body);
  const onWork = await request(t.app, teacher, 'POST', `${lessonUrl}/resources`, { kind: 'resource', id: resourceId, assignmentId: lesson.assignments[0]!.id });
  assert.equal(onWork.statusCode, 201, onWork.body);
  assert.equal(onWork.json().url, `/resources/${resourceId}/open`, 'a catalogue resource opens through Préau');

  const seen = (await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', lessonUrl)).json() as {
    resources: { title: string; assignmentId: string | null }[];
  };
  assert.deepEqual(seen.resources.map((r) => [r.title, r.assignmentId]).sort(), [
    ['Jeu des fractions', null],
    ['Vidéo : la moitié', lesson.assignments[0]!.id],
  ]);
  const page = await request(t.app, teacher, 'GET', `/homework/lessons/${saved.id}`);
  assert.match(page.body, /href="https:\/\/fractions.example.org\/"/);

  assert.equal((await request(t.app, teacher, 'DELETE', `${lessonUrl}/resources/${onLesson.json().id}`)).statusCode, 204);
  assert.equal((await request(t.app, teacher, 'DELETE', `${lessonUrl}/resources/${onLesson.json().id}`)).statusCode, 404, 'already gone');
});

test('only the author attaches, only what they may read, only to their lesson’s work', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const saved = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
  const lessonUrl = `/api/homework/lessons/${saved.id}`;
  const other = await loginAs(t.app, w.cm2Teacher.id);
  const privateOfOther = await addLink(t.app, other, { title: 'Privé', url: 'https://prive.example.org/' });
  const mine = await addLink(t.app, teacher, { title: 'À moi', url: 'https://moi.example.org/' });
  assert.equal((await request(t.app, other, 'POST', `${lessonUrl}/resources`, { kind: 'link', id: mine })).statusCode, 404, 'a colleague on my lesson');
  assert.equal(
    (await request(t.app, teacher, 'POST', `${lessonUrl}/resources`, { kind: 'link', id: privateOfOther })).statusCode,
    404,
    'a colleague’s private link',
  );
  const otherLesson = await publishLesson(t.app, other, await lessonBody(t.app, w.schoolA.id, w.cm2Class.id));
  const foreignWork = ((await request(t.app, other, 'GET', `/api/homework/lessons/${otherLesson.id}`)).json() as { assignments: { id: string }[] })
    .assignments[0]!.id;
  assert.equal(
    (await request(t.app, teacher, 'POST', `${lessonUrl}/resources`, { kind: 'link', id: mine, assignmentId: foreignWork })).statusCode,
    404,
    'work of another lesson',
  );
  assert.equal((await request(t.app, teacher, 'POST', `${lessonUrl}/resources`, { kind: 'video', id: mine })).statusCode, 400, 'an unknown kind');
  const rows = await t.app.db.selectFrom('homeworkResources').selectAll().where('lessonId', '=', saved.id).execute();
  assert.equal(rows.length, 0, 'nothing attached');
});
