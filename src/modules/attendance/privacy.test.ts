import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { newId } from '../../kernel/db/index.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { personArchive, zipJson } from '../privacy/testing.js';
import { parisNow } from './dates.js';
import { attendanceWorld, callRoll, TEST_NOW } from './testing.js';

/** Absences in the register and in the archives: the pupil’s own, what a guardian sent, the roll calls a teacher made. */
let t: TestApp;
let w: World;
const clock = new TestClock(TEST_NOW);
const today = parisNow(clock.now()).date;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await attendanceWorld(t.app);
});
after(() => t.close());

const json = zipJson;
const archiveOf = (personId: string) => personArchive(t.app, personId);

test('the register declares the absences and lateness', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; people: string[] }> }).items.find((i) => i.module === 'attendance');
  assert.equal(entry?.title, 'Absences et retards');
  assert.ok(entry?.people.includes('élèves'), `pupils are concerned: ${JSON.stringify(entry)}`);
});

test('a pupil’s archive holds her own absences; her guardian’s what he sent; the teacher’s his roll call, without the marks', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const roll = await callRoll(t.app, teacher, w.ce1.id, {
    date: today,
    halfDay: 'am',
    marks: [
      { studentId: w.ce1a.id, status: 'absent' },
      { studentId: w.ce1b.id, status: 'late', lateMinutes: 12 },
    ],
  });
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const sent = await request(t.app, parent, 'POST', '/api/attendance/justifications', {
    studentId: w.ce1a.id,
    from: today,
    to: today,
    reason: 'illness',
    comment: 'Fièvre de Léa',
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const blob = await t.app.blobs.put(Readable.from([Buffer.from('certificat')]), { maxBytes: 1024, fileName: 'certificat.pdf' });
  await t.app.db
    .updateTable('attendanceJustifications')
    .set({ blobKey: blob.key, fileName: 'certificat.pdf', contentType: 'application/pdf', size: blob.size })
    .where('id', '=', (sent.json() as { id: string }).id)
    .execute();
  // Another family's justification: in no one else's archive.
  await t.app.db
    .insertInto('attendanceJustifications')
    .values({
      id: newId(),
      structureId: w.schoolB.id,
      studentId: w.otherStudent.id,
      submittedBy: w.otherParent.id,
      fromDate: today,
      toDate: today,
      reason: 'family',
      comment: 'Mariage de la tante',
      blobKey: null,
      fileName: null,
      contentType: null,
      size: null,
      status: 'pending',
      reviewedBy: null,
      reviewedAt: null,
      reviewComment: null,
      createdAt: clock.now().toISOString(),
    })
    .execute();

  const pupil = await archiveOf(w.ce1a.id);
  assert.deepEqual(
    json(pupil, 'attendance/absences-et-retards.json').map((m) => [m.date, m.halfDay, m.status]),
    [[today, 'am', 'absent']],
    'her absence, not her classmate’s lateness',
  );
  assert.deepEqual(
    json(pupil, 'attendance/justificatifs.json').map((j) => [j.comment, j.fileName]),
    [['Fièvre de Léa', 'certificat.pdf']],
  );
  assert.ok(!JSON.stringify(json(pupil, 'attendance/justificatifs.json')).includes(blob.key), 'no storage key');
  assert.ok(
    [...pupil.keys()].some((k) => k.startsWith('attendance/fichiers/justificatifs/') && k.endsWith('certificat.pdf')),
    'the document sent for her',
  );
  assert.deepEqual(json(pupil, 'attendance/appels-faits.json'), [], 'she called no roll');

  const guardian = await archiveOf(w.ce1aParent.id);
  assert.deepEqual(
    json(guardian, 'attendance/justificatifs.json').map((j) => [j.studentId, j.submittedBy, j.comment]),
    [[w.ce1a.id, w.ce1aParent.id, 'Fièvre de Léa']],
    'what he sent, not the other family’s',
  );
  assert.deepEqual(json(guardian, 'attendance/absences-et-retards.json'), [], 'a guardian has no absence of his own');

  const his = await archiveOf(w.ce1Teacher.id);
  assert.deepEqual(
    json(his, 'attendance/appels-faits.json').map((r) => [r.id, r.groupId, r.date]),
    [[roll.id, w.ce1.id, today]],
  );
  const text = [...his.entries()]
    .filter(([k]) => k.startsWith('attendance/'))
    .map(([, v]) => v.toString('utf8'))
    .join('\n');
  assert.ok(!text.includes(w.ce1a.id) && !text.includes(w.ce1b.id), 'no pupil’s mark in the teacher’s archive');

  const other = await archiveOf(w.otherParent.id);
  const theirs = [...other.entries()]
    .filter(([k]) => k.startsWith('attendance/'))
    .map(([, v]) => v.toString('utf8'))
    .join('\n');
  assert.ok(theirs.includes('Mariage de la tante') && !theirs.includes('Fièvre de Léa'), 'the other family has only its own');
});
