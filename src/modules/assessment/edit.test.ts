import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { assessmentWorld, createAssessment, enterMarks, setTrimesters, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
let periods: { id: string; startsOn: string; endsOn: string; name: string }[];
const as = (personId: string) => loginAs(t.app, personId);
const post = (s: Session, url: string, fields: Record<string, string | string[]>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};
const stored = (id: string) => t.app.db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await assessmentWorld(t.app);
  periods = (await setTrimesters(t.app, await as(w.director.id))).periods;
});
after(() => t.close());

describe('editing an assessment in a page', () => {
  test('only the author reaches the form; the marks page links to it', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Tables de 7',
      assessedOn: '2026-10-02',
    });
    const sheet = await request(t.app, teacher, 'GET', `/assessment/assessments/${id}`);
    assert.match(sheet.body, new RegExp(`href="/assessment/assessments/${id}/edit"`), 'the link from the marks page');
    for (const personId of [w.cm2Teacher.id, w.director.id, w.ce1aParent.id, w.otherTeacher.id]) {
      const s = await as(personId);
      const page = await request(t.app, s, 'GET', `/assessment/assessments/${id}/edit`);
      assert.equal(page.statusCode, 404, `GET refused to ${personId}`);
      assert.doesNotMatch(page.body, /Tables de 7/, 'no title leaks');
      const sent = await post(s, `/assessment/assessments/${id}/edit`, { title: 'Piraté', assessedOn: '2026-10-02', subjectCode: 'MATHS' });
      assert.equal(sent.statusCode, 404, `POST refused to ${personId}`);
    }
    assert.equal((await stored(id)).title, 'Tables de 7', 'nothing changed');
    const director = await as(w.director.id);
    const directorSheet = await request(t.app, director, 'GET', `/assessment/assessments/${id}`);
    assert.doesNotMatch(directorSheet.body, /\/edit"/, 'no edit link for a reader');
  });

  test('the form comes prefilled; bad input comes back with the message naming the field and what was typed; nothing stored', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Fractions',
      assessedOn: '2026-10-02',
      scale: 20,
      coefficient: 2,
      publishAt: '2026-10-06T16:00:00.000Z',
    });
    await enterMarks(t.app, teacher, id, [{ studentId: w.ce1a.id, value: 16.5 }]);
    const page = await request(t.app, teacher, 'GET', `/assessment/assessments/${id}/edit`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="Fractions"/, 'title');
    assert.match(page.body, /value="2026-10-02"/, 'date');
    assert.match(page.body, /value="2026-10-06T18:00"/, 'publication, Paris time');
    assert.match(page.body, /value="2"/, 'coefficient');
    assert.match(page.body, new RegExp(`dans « ${periods[0]!.name} »`), 'the period the date falls in');
    const before = await stored(id);

    const outside = await post(teacher, `/assessment/assessments/${id}/edit`, {
      subjectCode: 'MATHS',
      title: 'Fractions (corrigé)',
      assessedOn: '2027-07-20',
      scale: '20',
      coefficient: '2',
      publishAt: '2026-10-06T18:00',
    });
    assert.equal(outside.statusCode, 400, 'a date outside the periods');
    assert.match(outside.body, /dans aucune période/, 'the message');
    assert.match(outside.body, /id="field-assessedOn"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-assessedOn"/, 'on the date field');
    assert.match(outside.body, /value="Fractions \(corrigé\)"/, 'the typed title comes back');

    const below = await post(teacher, `/assessment/assessments/${id}/edit`, {
      subjectCode: 'MATHS',
      title: 'Fractions',
      assessedOn: '2026-10-02',
      scale: '10',
      coefficient: '2',
      publishAt: '2026-10-06T18:00',
    });
    assert.equal(below.statusCode, 400, 'a scale below a recorded mark');
    assert.match(below.body, /id="field-scale-error">Noté sur : une note de 16,5 dépasse ce barème \(sur 10\)/, 'names the field, the mark and the scale');
    assert.match(below.body, /value="10"/, 'the typed scale comes back');

    const badCoefficient = await post(teacher, `/assessment/assessments/${id}/edit`, {
      subjectCode: 'MATHS',
      title: 'Fractions',
      assessedOn: '2026-10-02',
      scale: '20',
      coefficient: 'deux',
    });
    assert.equal(badCoefficient.statusCode, 400, 'a coefficient that is no number');
    assert.match(badCoefficient.body, /value="deux"/, 'typed coefficient kept');
    assert.deepEqual(await stored(id), before, 'nothing stored');
  });

  test('the author changes every field; the period follows the date, the marks stay', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, { groupId: w.ce1.id, kind: 'marks', subjectCode: 'MATHS', title: 'Calcul', assessedOn: '2026-10-02' });
    await enterMarks(t.app, teacher, id, [{ studentId: w.ce1b.id, value: 9 }]);
    const second = periods[1]!;
    const ok = await post(teacher, `/assessment/assessments/${id}/edit`, {
      subjectCode: 'FRANCAIS',
      title: 'Dictée',
      assessedOn: second.startsOn,
      scale: '10',
      coefficient: '0,5',
      publishAt: '2027-01-15T17:30',
      skills: ['C2.FR.LIRE'],
    });
    assert.equal(ok.statusCode, 303, /error-summary.*?<\/div>/s.exec(ok.body)?.[0] ?? ok.body.slice(0, 300));
    const row = await stored(id);
    assert.equal(row.title, 'Dictée');
    assert.equal(row.subjectCode, 'FRANCAIS');
    assert.equal(row.assessedOn, second.startsOn);
    assert.equal(row.periodId, second.id, 'the period follows the date');
    assert.equal(row.scale, 10);
    assert.equal(row.coefficientCenti, 50);
    assert.equal(row.publishAt, '2027-01-15T16:30:00.000Z', 'Paris time stored in UTC');
    const skills = await t.app.db.selectFrom('assessmentSkills').select('skillCode').where('assessmentId', '=', id).execute();
    assert.deepEqual(
      skills.map((s) => s.skillCode),
      ['C2.FR.LIRE'],
      'skills replaced',
    );
    const marks = await t.app.db.selectFrom('assessmentMarks').select('pointsCenti').where('assessmentId', '=', id).execute();
    assert.deepEqual(marks, [{ pointsCenti: 900 }], 'the mark stays');
  });

  test('a skill with pupils positioned on it cannot be taken off', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'skills',
      title: 'Lecture',
      assessedOn: '2026-10-02',
      skills: ['C2.FR.LIRE', 'C2.FR.ORAL'],
    });
    const placed = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
      levels: [{ studentId: w.ce1a.id, skillCode: 'C2.FR.LIRE', level: 3 }],
    });
    assert.equal(placed.statusCode, 200, placed.body);
    const sheet = (await request(t.app, teacher, 'GET', `/assessment/assessments/${id}/edit`)).body;
    assert.doesNotMatch(sheet, /name="scale"/, 'no scale for a skills assessment');
    const refused = await post(teacher, `/assessment/assessments/${id}/edit`, {
      subjectCode: '',
      title: 'Lecture',
      assessedOn: '2026-10-02',
      skills: ['C2.FR.ORAL'],
    });
    assert.equal(refused.statusCode, 400, 'a positioned skill taken off');
    assert.match(refused.body, /class="field__error">Compétences : « [^»]+ » a déjà des positionnements/, 'names the field and the skill');
    const dropped = await post(teacher, `/assessment/assessments/${id}/edit`, {
      subjectCode: '',
      title: 'Lecture à voix haute',
      assessedOn: '2026-10-02',
      skills: ['C2.FR.LIRE'],
    });
    assert.equal(dropped.statusCode, 303, /error-summary.*?<\/div>/s.exec(dropped.body)?.[0] ?? dropped.body.slice(0, 300));
    assert.equal((await stored(id)).title, 'Lecture à voix haute');
  });

  test('the JSON edit keeps what it does not name', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Géométrie',
      assessedOn: '2026-10-02',
      scale: 10,
      coefficient: 3,
      publishAt: '2026-10-10T06:00:00.000Z',
    });
    const res = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}`, { title: 'Géométrie plane', assessedOn: '2026-10-03' });
    assert.equal(res.statusCode, 200, res.body);
    const row = await stored(id);
    assert.deepEqual([row.title, row.scale, row.coefficientCenti, row.publishAt], ['Géométrie plane', 10, 300, '2026-10-10T06:00:00.000Z']);
    const below = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}`, { title: 'x', assessedOn: '2026-10-03', scale: 0 });
    assert.equal(below.statusCode, 400, 'scale 0 is refused by the schema');
  });
});
