import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { TestClock } from '../../kernel/clock.js';
import { schoolYearOf } from '../directory/index.js';
import { buildClass, buildPerson, type World } from '../directory/testing.js';
import { addDays, todayInParis } from './dates.js';
import { subjectsOf } from './repository/subjects.js';
import { homeworkWorld, lessonBody, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);
const clock = new TestClock(TEST_NOW);
const today = todayInParis(clock.now());

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await homeworkWorld(t.app);
});
after(() => t.close());

const BOUNDARY = 'preauFormBoundary';
function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

async function postLessonForm(session: Session, url: string, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const { payload, headers } = multipart(fields, file);
  return request(t.app, session, 'POST', `${url}?_csrf=${encodeURIComponent(session.csrf)}`, payload, { headers });
}

async function postForm(session: Session, url: string, fields: Record<string, string>) {
  const { payload, headers } = form({ ...fields, _csrf: session.csrf });
  return request(t.app, session, 'POST', url, payload, { headers });
}

describe('homework pages', () => {
  let lessonId = '';

  test('a teacher fills in the form with a PDF; errors re-render the form; the lesson page shows it', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const newPage = await request(t.app, teacher, 'GET', `/homework/lessons/new?groupId=${w.ce1.id}`);
    assert.equal(newPage.statusCode, 200);
    assert.match(newPage.body, /enctype="multipart\/form-data"/);
    const subject = (await subjectsOf(t.app.db, w.schoolA.id)).find((s) => s.code === 'FRANCAIS')!;
    const fields = {
      groupId: w.ce1.id,
      subjectId: subject.id,
      lessonDate: today,
      content: 'Dictée du jour',
      'assignments.0.instructions': 'Relire la dictée',
      'assignments.0.dueOn': addDays(today, -2),
      'assignments.1.instructions': '',
      'assignments.1.dueOn': '',
      action: 'publish',
    };
    const bad = await postLessonForm(teacher, '/homework/lessons', fields);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /ne peut pas précéder/);
    assert.match(bad.body, /Dictée du jour/);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const ok = await postLessonForm(
      teacher,
      '/homework/lessons',
      { ...fields, 'assignments.0.dueOn': addDays(today, 2) },
      { name: 'dictée.pdf', type: 'application/pdf', data: pdf },
    );
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
    lessonId = String(ok.headers.location).split('/').pop()!;
    const page = await request(t.app, teacher, 'GET', `/homework/lessons/${lessonId}`);
    assert.match(page.body, /Relire la dictée/);
    assert.match(page.body, /dictée\.pdf/);
    const week = await request(t.app, teacher, 'GET', `/homework/groups/${w.ce1.id}`);
    assert.equal(week.statusCode, 200);
    assert.match(week.body, /1\u00a0devoir pour le/);
    const edit = await request(t.app, teacher, 'GET', `/homework/lessons/${lessonId}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /Relire la dictée/);
  });

  test('wrong people: another class, another school, a non-author get 404 with no content', async () => {
    for (const personId of [w.cm2.id, w.cm2Parent.id, w.otherTeacher.id, w.otherStudent.id]) {
      const s = await as(personId);
      const res = await request(t.app, s, 'GET', `/homework/lessons/${lessonId}`);
      assert.equal(res.statusCode, 404, personId);
      assert.doesNotMatch(res.body, /Dictée/);
      const group = await request(t.app, s, 'GET', `/homework/groups/${w.ce1.id}`);
      assert.equal(group.statusCode, 404);
      assert.doesNotMatch(group.body, /Dictée/);
    }
    const cm2Teacher = await as(w.cm2Teacher.id);
    assert.equal((await request(t.app, cm2Teacher, 'GET', `/homework/lessons/${lessonId}/edit`)).statusCode, 404);
    assert.equal((await postForm(cm2Teacher, `/homework/lessons/${lessonId}/delete`, {})).statusCode, 404);
    assert.equal((await request(t.app, await as(w.ce1a.id), 'GET', '/homework/lessons/new')).statusCode, 403);
    assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'GET', '/homework/settings')).statusCode, 403);
    const cm2Agenda = await request(t.app, await as(w.cm2.id), 'GET', '/homework/agenda');
    assert.doesNotMatch(cm2Agenda.body, /Relire la dictée/);
    const wrongChild = await request(t.app, await as(w.cm2Parent.id), 'GET', `/homework/agenda?child=${w.ce1a.id}`);
    assert.equal(wrongChild.statusCode, 404);
    assert.doesNotMatch(wrongChild.body, /Relire/);
  });

  test('the pupil ticks the work in the agenda; the parent sees the tick; notifications list it', async () => {
    await t.app.jobs.runDue();
    const pupil = await as(w.ce1a.id);
    const agenda = await request(t.app, pupil, 'GET', '/homework/agenda');
    assert.equal(agenda.statusCode, 200);
    assert.match(agenda.body, /Relire la dictée/);
    const id = /action="\/homework\/assignments\/([0-9a-f-]+)\/done"/.exec(agenda.body)![1]!;
    const tick = await postForm(pupil, `/homework/assignments/${id}/done`, { done: '1', studentId: w.ce1a.id });
    assert.equal(tick.statusCode, 303);
    const parent = await request(t.app, await as(w.ce1aParent.id), 'GET', '/homework/agenda');
    assert.match(parent.body, /Relire la dictée/);
    assert.match(parent.body, /Marquer comme à faire/);
    const notes = await request(t.app, pupil, 'GET', '/notifications');
    assert.match(notes.body, /Français : travail à faire pour le/);
    assert.equal((await postForm(pupil, '/notifications/read-all', {})).statusCode, 303);
    assert.match((await request(t.app, pupil, 'GET', '/notifications')).body, /Aucune notification non lue/);
    const history = await request(t.app, pupil, 'GET', '/homework/history');
    assert.match(history.body, /Dictée du jour/);
  });

  test('calendar address from the agenda page, shown once; director settings page', async () => {
    const pupil = await as(w.ce1a.id);
    const created = await postForm(pupil, '/homework/calendar', {});
    assert.equal(created.statusCode, 200);
    const url = /value="(http[^"]+\.ics)"/.exec(created.body)![1]!;
    assert.equal((await request(t.app, null, 'GET', new URL(url).pathname)).statusCode, 200);
    assert.equal((await postForm(pupil, '/homework/calendar/revoke', {})).statusCode, 303);
    assert.equal((await request(t.app, null, 'GET', new URL(url).pathname)).statusCode, 404);
    const director = await as(w.director.id);
    const index = await request(t.app, director, 'GET', '/homework');
    assert.match(index.body, /Classes de l’établissement/);
    const settings = await request(t.app, director, 'GET', '/homework/settings');
    assert.equal(settings.statusCode, 200);
    assert.equal((await postForm(director, '/homework/settings', { openToStudents: 'on' })).statusCode, 303);
    assert.match((await request(t.app, await as(w.ce1aParent.id), 'GET', '/homework/agenda')).body, /pas encore ouvert/);
    await postForm(director, '/homework/settings', { openToStudents: 'on', openToRelatives: 'on' });
  });

  test('the author deletes the lesson', async () => {
    const teacher = await as(w.ce1Teacher.id);
    assert.equal((await postForm(teacher, `/homework/lessons/${lessonId}/delete`, {})).statusCode, 303);
    assert.equal((await request(t.app, teacher, 'GET', `/homework/lessons/${lessonId}`)).statusCode, 404);
  });
});

describe('homework forms shown again', () => {
  let lessonIdForCopy = '';
  before(async () => {
    const res = await request(t.app, await as(w.ce1Teacher.id), 'POST', '/api/homework/lessons', await lessonBody(t.app, w.schoolA.id, w.ce1.id));
    lessonIdForCopy = res.json().id;
  });
  test('a form that breaks its schema comes back with the typed values, status 400', async () => {
    const director = await as(w.director.id);
    const { payload, headers } = form({ _csrf: director.csrf, openToStudents: 'x'.repeat(50) });
    const settings = await request(t.app, director, 'POST', '/homework/settings', payload, { headers });
    assert.equal(settings.statusCode, 400);
    assert.match(settings.body, /class="error-summary"/);
    assert.match(settings.body, /id="field-openToStudents"[^>]*checked/);
    const teacher = await as(w.ce1Teacher.id);
    const fields = {
      groupId: w.ce1.id,
      lessonDate: today,
      content: 'Texte gardé',
      startTime: '09:00:00:00:00',
      'assignments.0.instructions': 'Consigne gardée',
    };
    const bad = await postLessonForm(teacher, '/homework/lessons', fields);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Texte gardé/);
    assert.match(bad.body, /Consigne gardée/);
    assert.match(bad.body, /id="field-startTime-error"/);
    const copy = await postForm(teacher, `/homework/lessons/${lessonIdForCopy}/copy`, { groupId: 'pas-un-id' });
    assert.equal(copy.statusCode, 400);
    assert.match(copy.body, /class="error-summary"/);
  });
});

describe('the lesson page and the index say something to everyone', () => {
  test('without another group, no empty « Copier » card; deleting has its own place after the copy card', async () => {
    const teacher = await as(w.cm2Teacher.id);
    const res = await request(t.app, teacher, 'POST', '/api/homework/lessons', await lessonBody(t.app, w.schoolA.id, w.cm2Class.id));
    const lessonId = res.json().id;
    const alone = (await request(t.app, teacher, 'GET', `/homework/lessons/${lessonId}`)).body;
    assert.doesNotMatch(alone, /Copier vers une autre classe/);
    assert.match(alone, /<section aria-labelledby="delete-title"[^>]*>.*Supprimer la séance/s);
    await buildClass(t.app.db, w.schoolA.id, { name: 'Chorale', schoolYear: schoolYearOf(clock.now()), teachers: [w.cm2Teacher.id] });
    const page = (await request(t.app, teacher, 'GET', `/homework/lessons/${lessonId}`)).body;
    const copyCard = /<section aria-labelledby="manage-title"[^>]*>(.*?)<\/section>/s.exec(page)?.[1] ?? '';
    assert.match(copyCard, /Chorale/);
    assert.doesNotMatch(copyCard, /Supprimer la séance/);
    assert.ok(page.indexOf('id="delete-title"') > page.indexOf('id="manage-title"'), 'the delete zone comes after the copy card');
  });

  test('the instance administrator’s cahier de textes page explains who fills it and where to manage the structures', async () => {
    const admin = await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true });
    const page = await request(t.app, await as(admin.id), 'GET', '/homework');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /rempli par les enseignants/);
    assert.match(page.body, /href="\/admin\/structures"/);
    const director = (await request(t.app, await as(w.director.id), 'GET', '/homework')).body;
    assert.doesNotMatch(director, /href="\/admin\/structures"/);
  });
});
