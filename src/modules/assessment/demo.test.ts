import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp } from '../../kernel/testing/index.js';
import { seedAssessmentDemo } from './demo.js';
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
