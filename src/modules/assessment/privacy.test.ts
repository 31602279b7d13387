import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { moduleText as sharedModuleText, personArchive, zipJson } from '../privacy/testing.js';
import { assessmentWorld, createAssessment, enterMarks, setTrimesters, TEST_NOW } from './testing.js';

/** Assessments in the register and in the archives: a pupil’s published results, a teacher’s assessments without the results. */
let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await assessmentWorld(t.app);
});
after(() => t.close());

const json = zipJson;
const archiveOf = (personId: string) => personArchive(t.app, personId);
const moduleText = (zip: Map<string, Buffer>) => sharedModuleText(zip, 'assessment');

test('the register declares the assessments', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; dataKinds: string[] }> }).items.find((i) => i.module === 'assessment');
  assert.equal(entry?.title, 'Évaluations et livret');
  assert.ok(
    entry?.dataKinds.some((k) => k.startsWith('notes')),
    `marks are a kind of data: ${JSON.stringify(entry)}`,
  );
});

test('a pupil’s archive holds her published results and report comment, not her classmate’s nor a held one', async () => {
  const periods = (await setTrimesters(t.app, await loginAs(t.app, w.director.id))).periods;
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const base = {
    groupId: w.ce1.id,
    kind: 'marks',
    subjectCode: 'MATHS',
    assessedOn: '2026-10-02',
    scale: 20,
    coefficient: 1,
    publishAt: '2026-10-06T16:00:00.000Z',
  };
  const fractions = await createAssessment(t.app, teacher, { ...base, title: 'Contrôle fractions' });
  const held = await createAssessment(t.app, teacher, { ...base, title: 'Dictée retenue' });
  await enterMarks(t.app, teacher, fractions, [
    { studentId: w.ce1a.id, value: 14.5 },
    { studentId: w.ce1b.id, value: 9 },
  ]);
  await enterMarks(t.app, teacher, held, [{ studentId: w.ce1a.id, value: 3 }]);
  const hold = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${held}/hold`, { reason: 'Copies à revoir' });
  assert.equal(hold.statusCode, 200, hold.body);
  for (const [studentId, comment] of [
    [w.ce1a.id, 'Un trimestre appliqué.'],
    [w.ce1b.id, 'Des progrès à confirmer.'],
  ] as const) {
    const res = await request(t.app, teacher, 'PUT', '/api/assessment/reports/comments', { periodId: periods[0]!.id, studentId, comment });
    assert.equal(res.statusCode, 200, res.body);
  }

  const pupil = await archiveOf(w.ce1a.id);
  assert.deepEqual(
    json(pupil, 'assessment/notes.json').map((m) => [m.title, m.pointsCenti]),
    [['Contrôle fractions', 1450]],
    'her published mark only',
  );
  // The first trimester has ended (30 November) when the archive is built: its report is published.
  assert.deepEqual(
    json(pupil, 'assessment/appreciations.json').map((c) => c.comment),
    ['Un trimestre appliqué.'],
  );
  const hers = moduleText(pupil);
  assert.ok(!hers.includes('Des progrès à confirmer') && !hers.includes(w.ce1b.id), 'nothing of her classmate');
  assert.ok(!hers.includes('Dictée retenue'), 'a held assessment waits for its publication');
  assert.deepEqual(json(pupil, 'assessment/evaluations-creees.json'), [], 'she created none');

  const his = await archiveOf(w.ce1Teacher.id);
  assert.deepEqual(
    json(his, 'assessment/evaluations-creees.json').map((a) => [a.title, a.heldReason]),
    [
      ['Contrôle fractions', null],
      ['Dictée retenue', 'Copies à revoir'],
    ],
  );
  const text = moduleText(his);
  assert.ok(!text.includes(w.ce1a.id) && !text.includes(w.ce1b.id), 'no pupil’s result in the teacher’s archive');
});
