import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildClass, buildLink, buildPerson, type World } from '../directory/testing.js';
import { collegeCycleOfClass, socleSummary } from './socle.js';
import { catalogueOf } from './skills.js';
import { assessmentWorld, createAssessment, setTrimesters, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);
let period: { id: string; startsOn: string; endsOn: string };
let klass: { id: string };
let teacher: { id: string };
let zoe: { id: string };
let yanis: { id: string };
let zoeParent: { id: string };
let affine: string;
let secret: string;
const SECRET_TITLE = 'Rédaction secrète';

const post = (s: Session, url: string, fields: Record<string, string | string[]>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};
const countLevels = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('assessmentLevels')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await assessmentWorld(t.app);
  period = (await setTrimesters(t.app, await as(w.director.id))).periods[0]!;
  const db = t.app.db;
  teacher = await buildPerson(db, { profile: 'teacher', firstName: 'Hélène', lastName: 'Professeure', structureId: w.schoolA.id });
  zoe = await buildPerson(db, { profile: 'student', firstName: 'Zoé', lastName: 'Aubert', structureId: w.schoolA.id });
  yanis = await buildPerson(db, { profile: 'student', firstName: 'Yanis', lastName: 'Bernard', structureId: w.schoolA.id });
  zoeParent = await buildPerson(db, { profile: 'relative', firstName: 'Claire', lastName: 'Aubert', structureId: w.schoolA.id });
  await buildLink(db, zoeParent.id, zoe.id);
  klass = await buildClass(db, w.schoolA.id, {
    name: '5e A',
    level: '5e',
    schoolYear: schoolYearOf(clock.now()),
    teachers: [teacher.id],
    students: [zoe.id, yanis.id],
  });
});
after(() => t.close());

describe('socle commun on collège assessments', () => {
  test('the catalogue: collège classes get the socle’s eight components, primary classes their programme', async () => {
    assert.equal(collegeCycleOfClass({ level: '6e', name: '6A' }), 3, '6e is cycle 3');
    assert.equal(collegeCycleOfClass({ level: null, name: '3ème B' }), 4, '3e is cycle 4');
    assert.equal(collegeCycleOfClass({ level: 'CM2', name: 'CM2' }), null, 'not a collège class');
    assert.deepEqual(
      catalogueOf({ level: '4e', name: '4B' }).flatMap((d) => d.skills.map((s) => s.code)),
      ['SOCLE.D1.1', 'SOCLE.D1.2', 'SOCLE.D1.3', 'SOCLE.D1.4', 'SOCLE.D2', 'SOCLE.D3', 'SOCLE.D4', 'SOCLE.D5'],
    );
    assert.equal(catalogueOf({ level: 'CE1', name: 'CE1' })[0]?.code, 'C2.FR', 'a CE1 keeps the cycle 2 programme');
    assert.deepEqual(catalogueOf({ level: '2nde', name: '2nde 3' }), [], 'nothing at lycée');
    const summary = socleSummary([
      { skillCode: 'SOCLE.D2', level: 2 },
      { skillCode: 'SOCLE.D2', level: 3 },
      { skillCode: 'SOCLE.D3', level: 1 },
      { skillCode: 'C2.FR.LIRE', level: 4 },
    ]);
    assert.deepEqual(summary.get('SOCLE.D2'), { level: 3, count: 2 }, '2.5 rounds up to « atteints »');
    assert.deepEqual(summary.get('SOCLE.D3'), { level: 1, count: 1 });
    assert.equal(summary.has('C2.FR.LIRE'), false, 'programme skills are not the socle');

    const api = await request(t.app, await as(teacher.id), 'GET', '/api/assessment/socle');
    assert.equal(api.statusCode, 200);
    assert.equal(api.json()[0].skills[0].short, 'D1.1 Langue française', 'short names for headers');
    assert.equal((await request(t.app, await as(zoeParent.id), 'GET', '/api/assessment/socle')).statusCode, 403, 'not for families');
  });

  test('a teacher picks components on the form, enters a mark and a level per pupil on one page', async () => {
    const s = await as(teacher.id);
    const page = await request(t.app, s, 'GET', `/assessment/new?groupId=${klass.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Composantes du socle commun/, 'the socle is offered');
    assert.match(page.body, /value="SOCLE\.D1\.3"/, 'D1.3 can be ticked');
    assert.doesNotMatch(page.body, /C3\.MATHS/, 'not the primary programme');

    const noSubject = await post(s, '/assessment/assessments', {
      groupId: klass.id,
      kind: 'skills',
      title: 'Oral',
      assessedOn: '2026-10-02',
      skills: 'SOCLE.D1.1',
    });
    assert.equal(noSubject.statusCode, 400, 'a collège skills assessment names its subject');
    assert.match(noSubject.body, /value="Oral"/, 'what was typed comes back');

    const created = await post(s, '/assessment/assessments', {
      groupId: klass.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Fonctions affines',
      assessedOn: '2026-10-02',
      scale: '20',
      coefficient: '2',
      publishAt: '2026-10-06T12:00',
      skills: ['SOCLE.D1.3', 'SOCLE.D2'],
    });
    assert.equal(created.statusCode, 303, /error-summary.*?<\/div>/s.exec(created.body)?.[0] ?? created.body.slice(0, 300));
    affine = String(created.headers.location).split('/').pop()!;
    const sheet = await request(t.app, s, 'GET', `/assessment/assessments/${affine}`);
    assert.equal((sheet.body.match(/name="mark\./g) ?? []).length, 2, 'a mark per pupil');
    assert.equal((sheet.body.match(/type="radio"/g) ?? []).length, 2 * 2 * 5, 'two pupils × two components × (four levels + none)');
    assert.match(sheet.body, /<th scope="col">D1\.3 Langages mathématiques, scientifiques, informatiques<\/th>/, 'short header');

    const before = await countLevels();
    const bad = await post(s, `/assessment/assessments/${affine}/results`, {
      [`mark.${zoe.id}`]: '14',
      [`level.${zoe.id}.SOCLE.D1.3`]: '2',
      [`level.${zoe.id}.SOCLE.D5`]: '3',
    });
    assert.equal(bad.statusCode, 400, 'a component the assessment does not carry');
    assert.match(bad.body, /value="14"/, 'the typed mark comes back');
    assert.equal(await countLevels(), before, 'nothing stored');
    const ok = await post(s, `/assessment/assessments/${affine}/results`, {
      [`mark.${zoe.id}`]: '14',
      [`mark.${yanis.id}`]: '6,5',
      [`level.${zoe.id}.SOCLE.D1.3`]: '2',
      [`level.${zoe.id}.SOCLE.D2`]: '4',
      [`level.${yanis.id}.SOCLE.D1.3`]: '1',
      [`level.${yanis.id}.SOCLE.D2`]: '',
    });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 200));
    const json = (await request(t.app, s, 'GET', `/api/assessment/assessments/${affine}`)).json();
    assert.deepEqual(
      json.pupils.map((p: { mark: string; levels: Record<string, number> }) => [p.mark, p.levels]),
      [
        ['14', { 'SOCLE.D1.3': 2, 'SOCLE.D2': 4 }],
        ['6,5', { 'SOCLE.D1.3': 1 }],
      ],
      'Aubert then Bernard, marks and levels saved',
    );
  });

  test('the JSON API: components on creation and edit, levels beside marks, a positioned component stays', async () => {
    const s = await as(teacher.id);
    const id = await createAssessment(t.app, s, {
      groupId: klass.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Statistiques',
      assessedOn: '2026-10-03',
      publishAt: '2026-10-06T08:00:00.000Z',
      skills: ['SOCLE.D1.3'],
    });
    const results = await request(t.app, s, 'PUT', `/api/assessment/assessments/${id}/results`, {
      marks: [{ studentId: zoe.id, value: 17 }],
      levels: [{ studentId: zoe.id, skillCode: 'SOCLE.D1.3', level: 3 }],
    });
    assert.equal(results.statusCode, 200, results.body);
    const unknown = await request(t.app, s, 'PUT', `/api/assessment/assessments/${id}`, {
      title: 'Statistiques',
      assessedOn: '2026-10-03',
      skills: ['SOCLE.D9'],
    });
    assert.equal(unknown.statusCode, 400, 'an unknown component');
    assert.equal(unknown.json().error.details[0].field, 'skills.0', 'names the field');
    const primaryItem = await request(t.app, s, 'POST', '/api/assessment/assessments', {
      groupId: klass.id,
      kind: 'skills',
      subjectCode: 'MATHS',
      title: 'Calcul',
      assessedOn: '2026-10-03',
      skills: ['SOCLE.D4', 'C3.MATHS.CALCUL'],
    });
    assert.equal(primaryItem.statusCode, 400, 'a primary programme item is not a collège class’s skill');
    assert.equal(primaryItem.json().error.details[0].field, 'skills.1', 'names the field');
    const titles = (await request(t.app, s, 'GET', `/api/assessment/groups/${klass.id}`)).body;
    assert.doesNotMatch(titles, /"Calcul"/, 'nothing stored');
    const removed = await request(t.app, s, 'PUT', `/api/assessment/assessments/${id}`, {
      title: 'Statistiques',
      assessedOn: '2026-10-03',
      skills: ['SOCLE.D4'],
    });
    assert.equal(removed.statusCode, 400, 'D1.3 carries a level');
    assert.equal(removed.json().error.code, 'assessment.skill_in_use');
    const added = await request(t.app, s, 'PUT', `/api/assessment/assessments/${id}`, {
      title: 'Statistiques',
      assessedOn: '2026-10-03',
      skills: ['SOCLE.D1.3', 'SOCLE.D4'],
    });
    assert.equal(added.statusCode, 200, added.body);
    const edit = await request(t.app, s, 'GET', `/assessment/assessments/${id}/edit`);
    assert.match(edit.body, /value="SOCLE\.D4" checked/, 'the edit form shows the chosen components');
    const fields = { title: 'Statistiques', assessedOn: '2026-10-03', subjectCode: 'MATHS', scale: '20', coefficient: '1' };
    const dropped = await post(s, `/assessment/assessments/${id}/edit`, { ...fields, skills: ['SOCLE.D4'] });
    assert.equal(dropped.statusCode, 400, 'the form refuses to take off a positioned component');
    assert.match(dropped.body, /D1\.3 — Comprendre/, 'and names it');
    const kept = await post(s, `/assessment/assessments/${id}/edit`, { ...fields, skills: ['SOCLE.D1.3', 'SOCLE.D4', 'SOCLE.D5'] });
    assert.equal(kept.statusCode, 303, kept.body.slice(0, 300));
    const sheet = (await request(t.app, s, 'GET', `/api/assessment/assessments/${id}`)).json();
    assert.deepEqual(
      sheet.skills.map((k: { code: string }) => k.code),
      ['SOCLE.D1.3', 'SOCLE.D4', 'SOCLE.D5'],
      'saved from the form',
    );
    // D4 and D5 were added for the form's sake only: back to D1.3 and D4 for the tests that follow.
    assert.equal((await post(s, `/assessment/assessments/${id}/edit`, { ...fields, skills: ['SOCLE.D1.3', 'SOCLE.D4'] })).statusCode, 303);
  });

  test('an unpublished level is never shown to the pupil or a parent, on any route; published ones reach the report', async () => {
    const s = await as(teacher.id);
    secret = await createAssessment(t.app, s, {
      groupId: klass.id,
      kind: 'marks',
      subjectCode: 'FRANCAIS',
      title: SECRET_TITLE,
      assessedOn: '2026-10-02',
      publishAt: '2026-10-06T08:00:00.000Z',
      skills: ['SOCLE.D1.1', 'SOCLE.D5'],
    });
    const saved = await request(t.app, s, 'PUT', `/api/assessment/assessments/${secret}/results`, {
      marks: [{ studentId: zoe.id, value: 7.77 }],
      levels: [
        { studentId: zoe.id, skillCode: 'SOCLE.D1.1', level: 1 },
        { studentId: zoe.id, skillCode: 'SOCLE.D5', level: 4 },
      ],
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await request(t.app, s, 'PUT', `/api/assessment/assessments/${secret}/hold`, { reason: 'Copies à reprendre' })).statusCode, 200);
    const p = period.id;
    const urls = [
      '/',
      '/assessment',
      `/assessment/pupils/${zoe.id}`,
      `/assessment/pupils/${zoe.id}?periodId=${p}`,
      `/api/assessment/pupils/${zoe.id}?periodId=${p}`,
      `/assessment/reports/${zoe.id}/${p}`,
      `/assessment/reports/${zoe.id}/${p}/pdf`,
      `/api/assessment/reports/${zoe.id}/${p}`,
      `/assessment/assessments/${secret}`,
      `/api/assessment/assessments/${secret}`,
      `/assessment/assessments/${affine}`,
      `/api/assessment/assessments/${affine}`,
      `/assessment/groups/${klass.id}`,
      `/api/assessment/groups/${klass.id}`,
      `/api/assessment/groups/${klass.id}/reports.csv?periodId=${p}`,
      '/api/notifications',
    ];
    const secrets = [SECRET_TITLE, '7,77', '7.77', 'D1.1', 'SOCLE.D5', 'Représentations du monde'];
    const sweep = async (shown: string[]) => {
      for (const personId of [zoe.id, zoeParent.id]) {
        const family = await as(personId);
        for (const url of urls) {
          const res = await request(t.app, family, 'GET', url);
          assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
          for (const value of [...secrets, ...shown]) assert.ok(!res.body.includes(value), `${url} shows ${value} (${res.statusCode})`);
        }
      }
    };
    // Nothing is published yet: not even the components of the assessments to come.
    await sweep(['Fonctions affines', 'Statistiques', 'D1.3', 'SOCLE.D2', 'Méthodes et outils']);

    // The date has come for two of them: the pupil sees their own levels there; the held one stays hidden.
    clock.set('2026-10-06T09:00:00Z');
    await sweep(['Fonctions affines', '6,5']);
    clock.set('2026-10-06T10:00:00Z');
    await sweep(['6,5']);
    const marks = (await request(t.app, await as(zoeParent.id), 'GET', `/api/assessment/pupils/${zoe.id}?periodId=${p}`)).json();
    const affineSeen = marks.subjects.flatMap((x: { assessments: { id: string }[] }) => x.assessments).find((a: { id: string }) => a.id === affine);
    assert.deepEqual(
      affineSeen.levels.map((l: { code: string; level: number | null }) => [l.code, l.level]),
      [
        ['SOCLE.D1.3', 2],
        ['SOCLE.D2', 4],
      ],
      'published: the parent reads their child’s levels',
    );
    const marksPage = await request(t.app, await as(zoe.id), 'GET', `/assessment/pupils/${zoe.id}?periodId=${p}`);
    assert.match(marksPage.body, /Fonctions affines<\/strong> \([^)]*\) : 14 \/ 20/, 'the pupil’s own mark');
    assert.match(marksPage.body, /D2 — Les méthodes et outils pour apprendre : Objectifs dépassés/, 'and the level beside it');

    // The period has ended: its report is published, with the socle's positioning from published assessments only.
    clock.set(`${period.endsOn}T23:30:00Z`);
    await sweep(['6,5']);
    const parent = await as(zoeParent.id);
    const report = (await request(t.app, parent, 'GET', `/api/assessment/reports/${zoe.id}/${p}`)).json();
    assert.deepEqual(
      report.socle.map((d: { code: string; components: { code: string; level: number; count: number }[] }) => [
        d.code,
        d.components.map((c) => [c.code, c.level, c.count]),
      ]),
      [
        ['SOCLE.D1', [['SOCLE.D1.3', 3, 2]]],
        ['SOCLE.D2', [['SOCLE.D2', 4, 1]]],
      ],
      'D1.3: « partiellement » then « atteints » reads « atteints »; D2 « dépassés »',
    );
    const html = await request(t.app, parent, 'GET', `/assessment/reports/${zoe.id}/${p}`);
    assert.match(html.body, /Socle commun : positionnement de la période/, 'the section');
    assert.match(
      html.body,
      /D1\.3 — Comprendre[^<]*: <strong>Objectifs atteints<\/strong> <span class="muted">\(2 évaluations\)/,
      'the component and its level',
    );
    assert.equal((await request(t.app, parent, 'GET', `/assessment/reports/${zoe.id}/${p}/pdf`)).statusCode, 200, 'the PDF');

    // Staff see everything, the held one included; the class CSV has a column per component.
    const staffSession = await as(teacher.id);
    const staffRes = await request(t.app, staffSession, 'GET', `/api/assessment/reports/${zoe.id}/${p}`);
    assert.equal(staffRes.statusCode, 200, staffRes.body);
    const staff = staffRes.json();
    assert.ok(
      staff.socle.some((d: { code: string }) => d.code === 'SOCLE.D5'),
      'the teacher sees the held assessment’s components',
    );
    const csv = await request(t.app, staffSession, 'GET', `/api/assessment/groups/${klass.id}/reports.csv?periodId=${p}`);
    assert.equal(csv.statusCode, 200);
    const [header, first, second] = csv.body.replace(/^\ufeff/, '').split('\r\n');
    assert.match(
      header!,
      /;Socle D1\.1 Langue française;Socle D1\.3 Langages mathématiques, scientifiques, informatiques;Socle D2 Méthodes et outils;Socle D5/,
      'columns in catalogue order',
    );
    assert.match(first!, /^Aubert Zoé;.*;Objectifs non atteints;Objectifs atteints;Objectifs dépassés;Objectifs dépassés;/, 'Zoé’s positioning');
    assert.match(second!, /^Bernard Yanis;.*;;Objectifs non atteints;;;/, 'Yanis: D1.3 only');
    clock.set(TEST_NOW);
  });

  test('a teacher of several classes picks one first, without script, and gets its subjects and components', async () => {
    const other = await buildClass(t.app.db, w.schoolA.id, { name: '3e C', level: '3e', schoolYear: schoolYearOf(clock.now()), teachers: [teacher.id] });
    const s = await as(teacher.id);
    const first = await request(t.app, s, 'GET', '/assessment/new');
    assert.match(first.body, /<form method="get" action="\/assessment\/new"/, 'a group picker');
    assert.doesNotMatch(first.body, /value="SOCLE\.D1\.1"/, 'no components before a class is chosen');
    const picked = await request(t.app, s, 'GET', `/assessment/new?groupId=${other.id}&kind=marks`);
    assert.match(picked.body, /value="SOCLE\.D1\.1"/, 'the 3e’s components');
    assert.doesNotMatch(picked.body, /id="pick-groupId"/, 'the picker has done its job');
  });
});
