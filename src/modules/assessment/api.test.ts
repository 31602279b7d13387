import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { fillParams } from '../../kernel/testing/coverage.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { assessmentWorld, createAssessment, enterMarks, setTrimesters, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);
let teacher: Session;
let director: Session;
let periods: { id: string; startsOn: string; endsOn: string }[];

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await assessmentWorld(t.app);
  teacher = await as(w.ce1Teacher.id);
  director = await as(w.director.id);
  periods = (await setTrimesters(t.app, director)).periods;
});
after(() => t.close());

/** Moves the clock; sessions are signed in again, as people would after a day. */
async function at(iso: string) {
  clock.set(iso);
  teacher = await as(w.ce1Teacher.id);
  director = await as(w.director.id);
}

const countMarks = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('assessmentMarks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const countAssessments = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('assessments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const body = (over: Record<string, unknown> = {}) => ({
  groupId: w.ce1.id,
  kind: 'marks',
  subjectCode: 'MATHS',
  title: 'Contrôle fractions',
  assessedOn: '2026-10-02',
  scale: 20,
  coefficient: 2,
  publishAt: '2026-10-06T16:00:00.000Z',
  ...over,
});

describe('assessment API', () => {
  test('without a session every assessment route answers 401 (API) or sends to the login page', async () => {
    const routes = t.app.routeTable.filter((r) => r.options.config?.access === 'person' && /^\/(api\/)?assessment/.test(r.url));
    assert.ok(routes.length >= 30, `${routes.length} assessment routes`);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fillParams(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.url.startsWith('/api/')) assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.body}`);
      else {
        assert.equal(res.statusCode, 303, `${r.method} ${r.url}: ${res.statusCode}`);
        assert.match(String(res.headers.location), /^\/login\?next=/, 'sent to the login page');
      }
    }
  });

  test('periods: the director sets them; overlapping or out-of-year periods are a 400 naming the field and change nothing', async () => {
    const before = (await request(t.app, director, 'GET', '/api/assessment/settings')).json();
    const overlap = await request(t.app, director, 'PUT', '/api/assessment/periods', {
      periods: [
        { name: 'A', startsOn: '2026-09-01', endsOn: '2026-12-31' },
        { name: 'B', startsOn: '2026-12-15', endsOn: '2027-06-30' },
      ],
    });
    assert.equal(overlap.statusCode, 400, overlap.body);
    assert.equal(overlap.json().error.details[0].field, 'periods.1.startsOn', 'names the field');
    const outside = await request(t.app, director, 'PUT', '/api/assessment/periods', {
      periods: [{ name: 'A', startsOn: '2025-09-01', endsOn: '2026-06-30' }],
    });
    assert.equal(outside.statusCode, 400, outside.body);
    const after = (await request(t.app, director, 'GET', '/api/assessment/settings')).json();
    assert.deepEqual(after.periods, before.periods, 'nothing changed');
    assert.equal(after.periods.length, 3, 'three trimesters');
    const byTeacher = await request(t.app, teacher, 'PUT', '/api/assessment/periods', {
      periods: [{ name: 'A', startsOn: '2026-09-01', endsOn: '2027-06-30' }],
    });
    assert.equal(byTeacher.statusCode, 403, 'a teacher does not set periods');
    const policyByTeacher = await request(t.app, teacher, 'PUT', '/api/assessment/settings', { periodKind: 'semester', publicationPolicy: 'periodEnd' });
    assert.equal(policyByTeacher.statusCode, 403, 'a teacher does not choose the policy');
  });

  test('creating: a date outside the periods, a subject not taught, another teacher’s group are refused, nothing stored', async () => {
    const n = await countAssessments();
    const outside = await request(t.app, teacher, 'POST', '/api/assessment/assessments', body({ assessedOn: '2027-07-20' }));
    assert.equal(outside.statusCode, 400, outside.body);
    assert.equal(outside.json().error.details[0].field, 'assessedOn', 'names the date');
    const subject = await request(t.app, teacher, 'POST', '/api/assessment/assessments', body({ subjectCode: 'PHILO' }));
    assert.equal(subject.statusCode, 400, subject.body);
    assert.equal(subject.json().error.details[0].field, 'subjectCode', 'names the subject');
    const other = await request(t.app, await as(w.cm2Teacher.id), 'POST', '/api/assessment/assessments', body());
    assert.equal(other.statusCode, 403, 'the CM2 teacher does not assess the CE1');
    const pupil = await request(t.app, await as(w.ce1a.id), 'POST', '/api/assessment/assessments', body());
    assert.equal(pupil.statusCode, 403, 'a pupil does not assess');
    const scale = await request(t.app, teacher, 'POST', '/api/assessment/assessments', body({ scale: 0 }));
    assert.equal(scale.statusCode, 400, 'a scale of 0');
    assert.equal(await countAssessments(), n, 'nothing stored');
  });

  test('marks: over the scale or a pupil outside the group is a 400 naming them, and nothing is stored', async () => {
    const id = await createAssessment(t.app, teacher, body());
    const over = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
      marks: [
        { studentId: w.ce1a.id, value: 15 },
        { studentId: w.ce1b.id, value: 21 },
      ],
    });
    assert.equal(over.statusCode, 400, over.body);
    assert.equal(over.json().error.details[0].field, 'marks.1.value', 'names the field');
    assert.match(over.json().error.message, /Écolier Noé/, 'names the pupil');
    const outsider = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
      marks: [
        { studentId: w.ce1a.id, value: 15 },
        { studentId: w.cm2.id, value: 12 },
      ],
    });
    assert.equal(outsider.statusCode, 400, outsider.body);
    assert.equal(outsider.json().error.details[0].field, 'marks.1.studentId', 'names the field');
    assert.doesNotMatch(outsider.body, /Grande/, 'the outsider’s name is not given');
    const quarter = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, { marks: [{ studentId: w.ce1a.id, value: 12.345 }] });
    assert.equal(quarter.statusCode, 400, 'three decimals');
    assert.equal(await countMarks(), 0, 'nothing stored');
    const byColleague = await request(t.app, await as(w.cm2Teacher.id), 'PUT', `/api/assessment/assessments/${id}/results`, {
      marks: [{ studentId: w.ce1a.id, value: 1 }],
    });
    assert.equal(byColleague.statusCode, 404, 'another teacher');
    await enterMarks(t.app, teacher, id, [
      { studentId: w.ce1a.id, value: 15.5 },
      { studentId: w.ce1b.id, value: null, special: 'absent' },
    ]);
    const sheet = (await request(t.app, teacher, 'GET', `/api/assessment/assessments/${id}`)).json();
    assert.deepEqual(
      sheet.pupils.map((p: { name: string; mark: string }) => [p.name, p.mark]),
      [
        ['Écolier Noé', 'Abs'],
        ['Élève Léa', '15,5'],
      ],
      'sorted as displayed, French collation',
    );
    assert.equal(sheet.stats.mean, 15.5, 'the absent pupil does not count');
    assert.equal(sheet.assessment.published, false, 'not published before its date');
    await t.app.db.deleteFrom('assessments').where('id', '=', id).execute();
  });

  test('the same marks saved several times at once (a double submit) all succeed and the last values stay', async () => {
    const id = await createAssessment(t.app, teacher, body({ title: 'Saisie en double' }));
    const saves = await Promise.all(
      [11, 12, 13, 14, 15, 16].map((value) =>
        request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
          marks: [
            { studentId: w.ce1a.id, value },
            { studentId: w.ce1b.id, value: null, special: 'exempt' },
          ],
        }),
      ),
    );
    assert.deepEqual(
      saves.map((r) => r.statusCode),
      [200, 200, 200, 200, 200, 200],
      saves.map((r) => r.body).join('\n'),
    );
    const rows = await t.app.db.selectFrom('assessmentMarks').select(['studentId', 'pointsCenti', 'special']).where('assessmentId', '=', id).execute();
    assert.equal(rows.length, 2, 'one mark per pupil');
    assert.ok([1100, 1200, 1300, 1400, 1500, 1600].includes(Number(rows.find((r) => r.studentId === w.ce1a.id)?.pointsCenti)), 'one of the saved values');
    await t.app.db.deleteFrom('assessments').where('id', '=', id).execute();
  });

  test('publication per assessment: families see nothing before the date, then only their own child’s mark; a hold hides it again', async () => {
    await at(TEST_NOW);
    const id = await createAssessment(t.app, teacher, body({ title: 'Dictée publiée', subjectCode: 'FRANCAIS' }));
    await enterMarks(t.app, teacher, id, [
      { studentId: w.ce1a.id, value: 13 },
      { studentId: w.ce1b.id, value: 8 },
    ]);
    let parent = await as(w.ce1aParent.id);
    let pupil = await as(w.ce1a.id);
    const lookups = async (s: Session) => [
      await request(t.app, s, 'GET', `/api/assessment/pupils/${w.ce1a.id}`),
      await request(t.app, s, 'GET', `/assessment/pupils/${w.ce1a.id}`),
    ];
    for (const s of [parent, pupil])
      for (const res of await lookups(s)) {
        assert.equal(res.statusCode, 200, res.body);
        assert.doesNotMatch(res.body, /Dictée publiée/, `hidden before its date: ${res.body.slice(0, 80)}`);
      }
    await at('2026-10-06T16:00:01Z');
    parent = await as(w.ce1aParent.id);
    pupil = await as(w.ce1a.id);
    const seen = (await request(t.app, parent, 'GET', `/api/assessment/pupils/${w.ce1a.id}`)).json();
    const french = seen.subjects.find((s: { label: string }) => s.label === 'Français');
    assert.equal(french.assessments[0].mark, '13', 'the parent sees their child’s mark');
    const page = await request(t.app, pupil, 'GET', `/assessment/pupils/${w.ce1a.id}`);
    assert.match(page.body, /Dictée publiée/, 'the pupil sees it');
    assert.doesNotMatch(page.body, /\b8 \/ 20/, 'never a classmate’s mark');
    const classmate = await request(t.app, pupil, 'GET', `/api/assessment/pupils/${w.ce1b.id}`);
    assert.equal(classmate.statusCode, 404, 'a pupil never reads a classmate');
    assert.equal((await request(t.app, pupil, 'GET', `/api/assessment/assessments/${id}`)).statusCode, 404, 'nor the sheet of the class');

    const held = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/hold`, { reason: 'Copies à revoir avec l’équipe' });
    assert.equal(held.statusCode, 200, held.body);
    const hidden = await request(t.app, parent, 'GET', `/api/assessment/pupils/${w.ce1a.id}`);
    assert.doesNotMatch(hidden.body, /Dictée publiée/, 'held: hidden again');
    const list = (await request(t.app, director, 'GET', '/api/assessment/held')).json();
    assert.deepEqual(
      list.map((h: { title: string; reason: string }) => [h.title, h.reason]),
      [['Dictée publiée', 'Copies à revoir avec l’équipe']],
      'the director sees what is held and why',
    );
    assert.equal((await request(t.app, teacher, 'GET', '/api/assessment/held')).statusCode, 403, 'a teacher has no held list');
    await request(t.app, teacher, 'DELETE', `/api/assessment/assessments/${id}/hold`);
    assert.match((await request(t.app, parent, 'GET', `/api/assessment/pupils/${w.ce1a.id}`)).body, /Dictée publiée/, 'released');
    await at(TEST_NOW);
    await t.app.db.deleteFrom('assessments').where('id', '=', id).execute();
  });

  test('publication per period and at the end of the period', async () => {
    const id = await createAssessment(t.app, teacher, body({ title: 'Évaluation de période', publishAt: '2026-10-01T00:00:00.000Z' }));
    await enterMarks(t.app, teacher, id, [{ studentId: w.ce1a.id, value: 17 }]);
    const visible = async () =>
      (await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/assessment/pupils/${w.ce1a.id}?periodId=${periods[0]!.id}`)).body.includes(
        'Évaluation de période',
      );
    assert.equal(await visible(), true, 'per assessment: its date has passed');
    await request(t.app, director, 'PUT', '/api/assessment/settings', { periodKind: 'trimester', publicationPolicy: 'perPeriod' });
    assert.equal(await visible(), false, 'per period: held until the team’s date');
    const set = await request(t.app, director, 'PUT', `/api/assessment/periods/${periods[0]!.id}/publication`, { publishAt: '2026-10-05T09:00:00Z' });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(await visible(), false, 'the date has not come');
    await at('2026-10-05T09:00:00Z');
    assert.equal(await visible(), true, 'the date has come');
    await request(t.app, director, 'PUT', '/api/assessment/settings', { periodKind: 'trimester', publicationPolicy: 'periodEnd' });
    assert.equal(await visible(), false, 'end of period: not before it ends');
    await at(`${periods[0]!.endsOn}T23:30:00Z`);
    assert.equal(await visible(), true, 'the period has ended (Paris time)');
    await request(t.app, director, 'PUT', '/api/assessment/settings', { periodKind: 'trimester', publicationPolicy: 'perAssessment' });
    await at(TEST_NOW);
    await t.app.db.deleteFrom('assessments').where('id', '=', id).execute();
  });

  test('a group’s table: weighted averages per subject, class average, lowest and highest; teachers and managers only', async () => {
    const a = await createAssessment(t.app, teacher, body({ title: 'Calcul', scale: 20, coefficient: 1 }));
    const b = await createAssessment(t.app, teacher, body({ title: 'Géométrie', scale: 10, coefficient: 2 }));
    await enterMarks(t.app, teacher, a, [
      { studentId: w.ce1a.id, value: 10 },
      { studentId: w.ce1b.id, value: 20 },
    ]);
    await enterMarks(t.app, teacher, b, [
      { studentId: w.ce1a.id, value: 8 },
      { studentId: w.ce1b.id, value: null, special: 'exempt' },
    ]);
    const table = (await request(t.app, teacher, 'GET', `/api/assessment/groups/${w.ce1.id}?periodId=${periods[0]!.id}`)).json();
    const maths = table.subjects.findIndex((s: { code: string }) => s.code === 'MATHS');
    const lea = table.rows.find((r: { id: string }) => r.id === w.ce1a.id);
    const noe = table.rows.find((r: { id: string }) => r.id === w.ce1b.id);
    assert.equal(lea.averages[maths], 14, '(10 + 16×2) / 3');
    assert.equal(noe.averages[maths], 20, 'exempt does not count');
    assert.deepEqual(table.subjectStats[maths], { mean: 17, min: 14, max: 20 }, 'class average, min, max');
    for (const who of [w.ce1aParent.id, w.ce1a.id, w.cm2Teacher.id, w.otherTeacher.id]) {
      const res = await request(t.app, await as(who), 'GET', `/api/assessment/groups/${w.ce1.id}`);
      assert.equal(res.statusCode, 404, `refused to ${who}`);
      assert.doesNotMatch(res.body, /Géométrie/, 'no data in the body');
    }
    assert.equal((await request(t.app, director, 'GET', `/api/assessment/groups/${w.ce1.id}`)).statusCode, 200, 'the director reads it');
    const csv = await request(t.app, teacher, 'GET', `/api/assessment/groups/${w.ce1.id}/reports.csv?periodId=${periods[0]!.id}`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /Élève Léa;14;14;/, 'one line per pupil with averages');
    const csvParent = await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/assessment/groups/${w.ce1.id}/reports.csv?periodId=${periods[0]!.id}`);
    assert.equal(csvParent.statusCode, 404, 'families do not export a class');
    await t.app.db.deleteFrom('assessments').where('id', 'in', [a, b]).execute();
  });

  test('skills: a class positioned on a skill in one request; families see the level once published', async () => {
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'skills',
      title: 'Lecture à voix haute',
      assessedOn: '2026-10-02',
      publishAt: '2026-10-06T16:00:00.000Z',
      skills: ['C2.FR.LIRE'],
    });
    const bad = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
      levels: [{ studentId: w.ce1a.id, skillCode: 'C2.FR.LIRE', level: 5 }],
    });
    assert.equal(bad.statusCode, 400, 'a fifth level');
    const notAssessed = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
      levels: [{ studentId: w.ce1a.id, skillCode: 'C2.MATHS.CALCUL', level: 3 }],
    });
    assert.equal(notAssessed.statusCode, 400, 'a skill the assessment does not look at');
    const ok = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
      levels: [
        { studentId: w.ce1a.id, skillCode: 'C2.FR.LIRE', level: 4 },
        { studentId: w.ce1b.id, skillCode: 'C2.FR.LIRE', level: 2 },
      ],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const parent = await as(w.ce1aParent.id);
    assert.doesNotMatch((await request(t.app, parent, 'GET', `/assessment/pupils/${w.ce1a.id}`)).body, /Lecture à voix haute/, 'not yet');
    await at('2026-10-07T08:00:00Z');
    const page = (await request(t.app, await as(w.ce1aParent.id), 'GET', `/assessment/pupils/${w.ce1a.id}`)).body;
    assert.match(page, /Lecture à voix haute/, 'published');
    assert.match(page, /Objectifs dépassés/, 'their child’s level');
    assert.doesNotMatch(page, /partiellement atteints/, 'not the classmate’s');
    const domains = (await request(t.app, teacher, 'GET', '/api/assessment/skills?cycle=2')).json();
    assert.ok(
      domains.some((d: { skills: { code: string }[] }) => d.skills.some((s) => s.code === 'C2.FR.LIRE')),
      'the built-in list of cycle 2',
    );
    assert.equal((await request(t.app, await as(w.ce1aParent.id), 'GET', '/api/assessment/skills?cycle=2')).statusCode, 403, 'families do not list skills');
    await at(TEST_NOW);
    await t.app.db.deleteFrom('assessments').where('id', '=', id).execute();
  });
});
