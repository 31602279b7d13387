import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { enqueue } from '../../kernel/jobs/index.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { SWEEP_JOB } from './jobs.js';
import { assessmentWorld, createAssessment, enterMarks, setTrimesters, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
let periods: { id: string; startsOn: string; endsOn: string; name: string }[];
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);

const noticesOf = (id: string) =>
  t.app.db
    .selectFrom('notifications')
    .select(['recipientId', 'title', 'body', 'link', 'visibleAt'])
    .where('source', 'like', `assessment.published:${id}:%`)
    .orderBy('recipientId')
    .execute();
const mailsOf = (id: string) =>
  t.app.db.selectFrom('jobs').select(['key', 'runAt']).where('kind', '=', 'assessment.mail').where('key', 'like', `assessment.mail:${id}:%`).execute();
/** Runs due jobs, and a sweep of every school, as the server would at this moment. */
const runJobs = async () => {
  await enqueue(t.app.db, SWEEP_JOB, {}, { key: `test-sweep:${clock.now().toISOString()}` });
  await t.app.jobs.runDue();
};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await assessmentWorld(t.app);
  periods = (await setTrimesters(t.app, await as(w.director.id))).periods;
});
after(() => t.close());

describe('families are told once when an assessment’s results become visible', () => {
  test('per assessment: nothing before its date, one notice per family member after, none twice', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Soustractions',
      assessedOn: '2026-10-02',
      publishAt: '2026-10-06T16:00:00.000Z',
    });
    await enterMarks(t.app, teacher, id, [{ studentId: w.ce1a.id, value: 14.75 }]);
    await runJobs();
    assert.deepEqual(await noticesOf(id), [], 'nothing now');
    clock.set('2026-10-06T15:59:00Z');
    await runJobs();
    assert.deepEqual(await noticesOf(id), [], 'nothing a minute before the date');

    clock.set('2026-10-06T16:00:00Z');
    await t.app.jobs.runDue();
    const notices = await noticesOf(id);
    assert.deepEqual(
      notices.map((n) => n.recipientId).sort(),
      [w.ce1a.id, w.ce1aParent.id].sort(),
      'the pupil with a mark and their parent; not the classmate without one',
    );
    for (const n of notices) {
      assert.match(n.title, /Soustractions \(Mathématiques\)/, 'names the assessment');
      assert.ok(!`${n.title} ${n.body}`.includes('14'), `no mark in the notice: ${n.title}`);
      assert.equal(n.link, `/assessment/pupils/${w.ce1a.id}`, 'opens the pupil’s marks');
    }
    assert.match(notices.find((n) => n.recipientId === w.ce1aParent.id)!.title, /^Nouvelle note d(e |’)/, 'the parent’s says whose');
    const withEmail = await t.app.db.selectFrom('people').select('id').where('id', 'in', [w.ce1a.id, w.ce1aParent.id]).where('email', 'is not', null).execute();
    assert.equal((await mailsOf(id)).length, withEmail.length, 'an e-mail for each one with an address');

    await runJobs();
    await runJobs();
    assert.equal((await noticesOf(id)).length, 2, 'no duplicate on a rerun');
    const parent = await request(t.app, await as(w.ce1aParent.id), 'GET', '/api/notifications');
    assert.match(parent.body, /Soustractions/, 'in the parent’s notifications');
    const classmate = await request(t.app, await as(w.ce1bParent.id), 'GET', '/api/notifications');
    assert.doesNotMatch(classmate.body, /Soustractions/, 'never another family’s');
    clock.set(TEST_NOW);
  });

  test('in quiet hours the notice and e-mail wait for the morning', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Mesures',
      assessedOn: '2026-10-02',
      publishAt: '2026-10-06T20:00:00.000Z',
    });
    await enterMarks(t.app, teacher, id, [{ studentId: w.ce1b.id, value: 8 }]);
    clock.set('2026-10-06T20:00:00Z');
    await runJobs();
    const notices = await noticesOf(id);
    assert.equal(notices.length, 2, 'written at the date');
    for (const n of notices) assert.ok(n.visibleAt >= '2026-10-07T05:00:00.000Z', `shown after the night: ${n.visibleAt}`);
    for (const m of await mailsOf(id)) assert.ok((m.runAt ?? '') >= '2026-10-07T05:00:00.000Z', `sent after the night: ${m.runAt}`);
    clock.set(TEST_NOW);
  });

  test('a held-back assessment notifies nobody until it is released', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'marks',
      subjectCode: 'MATHS',
      title: 'Problèmes retenus',
      assessedOn: '2026-10-02',
      publishAt: '2026-10-05T09:00:00.000Z',
    });
    await enterMarks(t.app, teacher, id, [{ studentId: w.ce1a.id, value: 11 }]);
    assert.equal((await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/hold`, { reason: 'Copie à revoir' })).statusCode, 200);
    clock.set('2026-10-05T10:00:00Z');
    await runJobs();
    assert.deepEqual(await noticesOf(id), [], 'held: nothing at its date');
    clock.set('2026-10-08T10:00:00Z');
    await runJobs();
    assert.deepEqual(await noticesOf(id), [], 'held: nothing days later');
    assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'DELETE', `/api/assessment/assessments/${id}/hold`)).statusCode, 200);
    await t.app.jobs.runDue();
    assert.equal((await noticesOf(id)).length, 2, 'told once released');
    clock.set(TEST_NOW);
  });

  test('per period: nothing until the team’s date for the period, then once', async () => {
    const director = await as(w.director.id);
    const teacher = await as(w.ce1Teacher.id);
    const policy = await request(t.app, director, 'PUT', '/api/assessment/settings', { periodKind: 'trimester', publicationPolicy: 'perPeriod' });
    assert.equal(policy.statusCode, 200, policy.body);
    const id = await createAssessment(t.app, teacher, {
      groupId: w.ce1.id,
      kind: 'skills',
      title: 'Lecture silencieuse',
      assessedOn: '2026-10-02',
      skills: ['C2.FR.LIRE'],
      publishAt: '2026-10-05T09:00:00.000Z',
    });
    const levels = await request(t.app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, {
      levels: [{ studentId: w.ce1b.id, skillCode: 'C2.FR.LIRE', level: 3 }],
    });
    assert.equal(levels.statusCode, 200, levels.body);
    clock.set('2026-10-06T10:00:00Z');
    await runJobs();
    assert.deepEqual(await noticesOf(id), [], 'the teacher’s date does not count under this policy');
    const first = periods[0]!;
    const set = await request(t.app, await as(w.director.id), 'PUT', `/api/assessment/periods/${first.id}/publication`, {
      publishAt: '2026-12-04T17:00:00.000Z',
    });
    assert.equal(set.statusCode, 200, set.body);
    clock.set('2026-12-04T16:59:00Z');
    await runJobs();
    assert.deepEqual(await noticesOf(id), [], 'not before the period’s date');
    clock.set('2026-12-04T17:00:00Z');
    await t.app.jobs.runDue();
    const notices = await noticesOf(id);
    assert.deepEqual(notices.map((n) => n.recipientId).sort(), [w.ce1b.id, w.ce1bParent.id].sort(), 'the positioned pupil and their parent');
    assert.match(notices[0]!.title, /compétences/, 'a skills notice');
    await runJobs();
    assert.equal((await noticesOf(id)).length, 2, 'once');
    clock.set(TEST_NOW);
    await request(t.app, await as(w.director.id), 'PUT', '/api/assessment/settings', { periodKind: 'trimester', publicationPolicy: 'perAssessment' });
  });
});
