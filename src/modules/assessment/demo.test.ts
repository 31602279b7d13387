import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildClass, buildPerson } from '../directory/testing.js';
import { seedAssessmentDemo, seedCollegeAssessmentDemo } from './demo.js';
import { assessmentWorld } from './testing.js';

test('the demo seeds trimesters and a term of skills assessments, once', async () => {
  const t = await buildTestApp(buildApp, {}, { clock: new TestClock('2026-12-10T10:00:00Z') });
  try {
    const w = await assessmentWorld(t.app);
    await seedAssessmentDemo(t.app, w.schoolA.id, w.cm2Class.id, w.cm2Teacher.id);
    const periods = await t.app.db.selectFrom('assessmentPeriods').selectAll().where('structureId', '=', w.schoolA.id).execute();
    assert.equal(periods.length, 3, 'three trimesters');
    const assessments = await t.app.db.selectFrom('assessments').selectAll().where('groupId', '=', w.cm2Class.id).execute();
    assert.equal(assessments.length, 6, 'a term of assessments');
    assert.ok(
      assessments.every((a) => a.kind === 'skills' && a.subjectCode.startsWith('C3.')),
      'cycle 3 skills for a CM2',
    );
    const levels = await t.app.db.selectFrom('assessmentLevels').selectAll().execute();
    assert.equal(levels.length, 6, 'the CM2 pupil positioned on each');
  } finally {
    await t.close();
  }
});

test('the demo collège: marked assessments with socle components positioned beside each mark, once', async () => {
  const t = await buildTestApp(buildApp, {}, { clock: new TestClock('2026-12-10T10:00:00Z') });
  try {
    const w = await assessmentWorld(t.app);
    const db = t.app.db;
    const teacher = await buildPerson(db, { profile: 'teacher', structureId: w.schoolB.id });
    const pupils = [
      await buildPerson(db, { profile: 'student', structureId: w.schoolB.id }),
      await buildPerson(db, { profile: 'student', structureId: w.schoolB.id }),
    ];
    const klass = await buildClass(db, w.schoolB.id, {
      name: '4B',
      level: '4e',
      schoolYear: schoolYearOf(t.app.clock.now()),
      teachers: [teacher.id],
      students: pupils.map((p) => p.id),
    });
    await seedCollegeAssessmentDemo(t.app, teacher.login);
    await seedCollegeAssessmentDemo(t.app, teacher.login);
    const assessments = await db.selectFrom('assessments').selectAll().where('groupId', '=', klass.id).execute();
    assert.equal(assessments.length, 3, 'three assessments, not six');
    assert.ok(
      assessments.every((a) => a.kind === 'marks' && a.scale === 20),
      'marked out of 20',
    );
    const ids = assessments.map((a) => a.id);
    const marks = await db.selectFrom('assessmentMarks').selectAll().where('assessmentId', 'in', ids).execute();
    const levels = await db.selectFrom('assessmentLevels').selectAll().where('assessmentId', 'in', ids).execute();
    assert.equal(marks.length, 3 * 2, 'a mark per pupil');
    assert.equal(levels.length, 3 * 2 * 2, 'two components per pupil beside each mark');
    assert.ok(
      levels.every((l) => l.skillCode.startsWith('SOCLE.')),
      'socle components',
    );
  } finally {
    await t.close();
  }
});
