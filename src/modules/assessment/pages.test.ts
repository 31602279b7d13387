import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { assessmentWorld, createAssessment, enterMarks, setTrimesters, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);
let periods: { id: string; startsOn: string; endsOn: string }[];
let secret: string;
const SECRET_TITLE = 'Interrogation secrète';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await assessmentWorld(t.app);
  periods = (await setTrimesters(t.app, await as(w.director.id))).periods;
  const teacher = await as(w.ce1Teacher.id);
  secret = await createAssessment(t.app, teacher, {
    groupId: w.ce1.id,
    kind: 'marks',
    subjectCode: 'MATHS',
    title: SECRET_TITLE,
    assessedOn: '2026-10-02',
    publishAt: '2026-11-01T08:00:00.000Z',
  });
  await enterMarks(t.app, teacher, secret, [
    { studentId: w.ce1a.id, value: 13.37 },
    { studentId: w.ce1b.id, value: 4.21 },
  ]);
});
after(() => t.close());

const countMarks = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('assessmentMarks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const post = (s: Session, url: string, fields: Record<string, string | string[]>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};

describe('assessment pages', () => {
  test('no page, export or API shows an unpublished mark to the pupil or a parent', async () => {
    const period = periods[0]!.id;
    const family = [await as(w.ce1a.id), await as(w.ce1aParent.id)];
    const urls = [
      '/',
      '/assessment',
      `/assessment/pupils/${w.ce1a.id}`,
      `/assessment/pupils/${w.ce1a.id}?periodId=${period}`,
      `/api/assessment/pupils/${w.ce1a.id}?periodId=${period}`,
      `/assessment/reports/${w.ce1a.id}/${period}`,
      `/assessment/reports/${w.ce1a.id}/${period}/pdf`,
      `/api/assessment/reports/${w.ce1a.id}/${period}`,
      `/assessment/assessments/${secret}`,
      `/api/assessment/assessments/${secret}`,
      `/assessment/groups/${w.ce1.id}`,
      `/api/assessment/groups/${w.ce1.id}`,
      `/api/assessment/groups/${w.ce1.id}/reports.csv?periodId=${period}`,
      '/api/notifications',
    ];
    for (const s of family)
      for (const url of urls) {
        const res = await request(t.app, s, 'GET', url);
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
        for (const value of [SECRET_TITLE, '13,37', '13.37', '4,21', '4.21']) assert.ok(!res.body.includes(value), `${url} shows ${value} (${res.statusCode})`);
      }
    // The same family once the date has come: the pupil's own mark, never the classmate's.
    clock.set('2026-11-01T08:00:00Z');
    for (const personId of [w.ce1a.id, w.ce1aParent.id]) {
      const res = await request(t.app, await as(personId), 'GET', `/assessment/pupils/${w.ce1a.id}?periodId=${period}`);
      assert.match(res.body, /13,37/, 'published: their own mark');
      assert.doesNotMatch(res.body, /4,21/, 'never the classmate’s');
    }
    clock.set(TEST_NOW);
  });

  test('the marks form: over the scale is a 400 naming the pupil, the typed values come back, nothing is stored', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, { groupId: w.ce1.id, kind: 'marks', subjectCode: 'MATHS', title: 'Problèmes', assessedOn: '2026-10-02' });
    const before = await countMarks();
    const page = await request(t.app, teacher, 'GET', `/assessment/assessments/${id}`);
    assert.equal(page.statusCode, 200);
    const inputs = [...page.body.matchAll(/name="mark\.([0-9a-f-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(inputs, [w.ce1b.id, w.ce1a.id], 'one input per pupil, in roster order (Écolier before Élève)');
    const bad = await post(teacher, `/assessment/assessments/${id}/results`, { [`mark.${w.ce1a.id}`]: '12,5', [`mark.${w.ce1b.id}`]: '25' });
    assert.equal(bad.statusCode, 400, bad.body.slice(0, 200));
    assert.match(bad.body, /Écolier Noé : la note dépasse le barème \(sur 20\)/, 'names the pupil');
    assert.match(bad.body, /value="12,5"/, 'what was typed comes back');
    assert.match(bad.body, /aria-invalid="true"/, 'the field is marked invalid');
    assert.equal(await countMarks(), before, 'nothing stored');
    const format = await post(teacher, `/assessment/assessments/${id}/results`, { [`mark.${w.ce1a.id}`]: 'douze' });
    assert.equal(format.statusCode, 400, 'not a mark');
    const ok = await post(teacher, `/assessment/assessments/${id}/results`, { [`mark.${w.ce1a.id}`]: '12,5', [`mark.${w.ce1b.id}`]: 'abs' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 200));
    const sheet = (await request(t.app, teacher, 'GET', `/api/assessment/assessments/${id}`)).json();
    assert.deepEqual(
      sheet.pupils.map((p: { mark: string }) => p.mark),
      ['Abs', '12,5'],
      'saved',
    );
    const hold = await post(teacher, `/assessment/assessments/${id}/hold`, { reason: '' });
    assert.equal(hold.statusCode, 400, 'a hold needs a reason');
    assert.equal((await post(teacher, `/assessment/assessments/${id}/hold`, { reason: 'Barème à revoir' })).statusCode, 303, 'held');
    const held = await request(t.app, await as(w.director.id), 'GET', '/assessment/held');
    assert.match(held.body, /Barème à revoir/, 'the director sees the reason');
    assert.equal((await post(teacher, `/assessment/assessments/${id}/delete`, {})).statusCode, 303, 'deleted');
  });

  test('the new-assessment form: a date outside the periods comes back with its message', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const page = await request(t.app, teacher, 'GET', '/assessment/new');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Lire et comprendre des textes/, 'cycle 2 skills offered to a CE1');
    const bad = await post(teacher, '/assessment/assessments', {
      groupId: w.ce1.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Hors période',
      assessedOn: '2027-07-20',
      scale: '20',
      coefficient: '1',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /dans aucune période/, 'the message');
    assert.match(bad.body, /value="Hors période"/, 'what was typed');
    const ok = await post(teacher, '/assessment/assessments', {
      groupId: w.ce1.id,
      kind: 'skills',
      title: 'Lecture',
      assessedOn: '2026-10-02',
      skills: ['C2.FR.LIRE', 'C2.FR.ORAL'],
      publishAt: '2026-10-06T18:00',
    });
    assert.equal(ok.statusCode, 303, /error-summary.*?<\/div>/s.exec(ok.body)?.[0] ?? ok.body.slice(0, 300));
    const sheetUrl = String(ok.headers.location);
    const sheet = await request(t.app, teacher, 'GET', sheetUrl);
    assert.equal((sheet.body.match(/type="radio"/g) ?? []).length, 2 * 2 * 5, 'two pupils × two skills × (four levels + none)');
    const id = sheetUrl.split('/').pop()!;
    const saved = await post(teacher, `/assessment/assessments/${id}/results`, {
      [`level.${w.ce1a.id}.C2.FR.LIRE`]: '3',
      [`level.${w.ce1b.id}.C2.FR.LIRE`]: '9',
    });
    assert.equal(saved.statusCode, 400, 'a level that does not exist');
    assert.equal((await post(teacher, `/assessment/assessments/${id}/results`, { [`level.${w.ce1a.id}.C2.FR.LIRE`]: '3' })).statusCode, 303);
  });

  test('the period report: staff any time, families once published; HTML, PDF and comments', async () => {
    const period = periods[0]!;
    const teacher = await as(w.ce1Teacher.id);
    const parent = await as(w.ce1aParent.id);
    const url = `/assessment/reports/${w.ce1a.id}/${period.id}`;
    assert.equal((await request(t.app, parent, 'GET', url)).statusCode, 404, 'not before the period is published');
    const staff = await request(t.app, teacher, 'GET', url);
    assert.equal(staff.statusCode, 200);
    assert.match(staff.body, /pas encore publié/, 'the teacher is told');
    const comment = await post(teacher, `${url}/comments`, { subjectCode: 'MATHS', comment: 'Travail sérieux.' });
    assert.equal(comment.statusCode, 303);
    const notTaught = await post(teacher, `${url}/comments`, { subjectCode: 'EPS', comment: 'Hors matière.' });
    assert.equal(notTaught.statusCode, 403, 'a subject the teacher did not assess');
    const overall = await post(teacher, `${url}/comments`, { comment: 'Un trimestre encourageant.' });
    assert.equal(overall.statusCode, 303, 'the class teacher writes the overall comment');
    assert.equal((await post(await as(w.cm2Teacher.id), `${url}/comments`, { comment: 'x' })).statusCode, 404, 'not another class’s teacher');
    clock.set(`${period.endsOn}T23:30:00Z`);
    const family = await request(t.app, await as(w.ce1aParent.id), 'GET', url);
    assert.equal(family.statusCode, 200, 'published at the end of the period');
    assert.match(family.body, /Travail sérieux\./, 'the subject comment');
    assert.match(family.body, /Un trimestre encourageant\./, 'the overall comment');
    assert.match(family.body, /13,37/, 'the published average');
    const pdf = await request(t.app, await as(w.ce1aParent.id), 'GET', `${url}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-', 'a PDF');
    const classmate = await request(t.app, await as(w.ce1b.id), 'GET', url);
    assert.equal(classmate.statusCode, 404, 'a classmate never reads it');
    clock.set(TEST_NOW);
    void parent;
  });

  test('settings: the director chooses semesters and the policy; periods with errors come back', async () => {
    const director = await as(w.director.id);
    const page = await request(t.app, director, 'GET', '/assessment/settings');
    assert.equal(page.statusCode, 200);
    const bad = await post(director, '/assessment/settings/periods', {
      'periods.0.name': 'S1',
      'periods.0.startsOn': '2026-09-01',
      'periods.0.endsOn': '2026-08-01',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /vient avant son début/, 'the message');
    const saved = await post(director, '/assessment/settings', { periodKind: 'trimester', publicationPolicy: 'perPeriod' });
    assert.equal(saved.statusCode, 303);
    const view = await request(t.app, director, 'GET', '/assessment/settings');
    assert.match(view.body, /Publication aux familles — 1er trimestre/, 'per-period dates offered');
    const publish = await post(director, `/assessment/settings/periods/${periods[0]!.id}/publication`, { [`publishAt-${periods[0]!.id}`]: 'demain' });
    assert.equal(publish.statusCode, 400, 'not a date');
    await post(director, '/assessment/settings', { periodKind: 'trimester', publicationPolicy: 'perAssessment' });
  });
});
