import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) {
    assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
  }
}

/** The teacher teaches the group, the pupil is in it, the relative is a pupil's parent. */
const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
const group = (current: boolean) => (name: PolicyActorName) => ({ structureId: SCHOOL_A, current, relations: relationOf(name) });
const assessment = (current: boolean) => (name: PolicyActorName) => ({ ...group(current)(name), teacherId: id('teacher') });
/** The pupil `student`, seen by each actor: their parent is `relative`, their teacher `teacher`. */
const pupil = (name: PolicyActorName) => ({
  studentId: id('student'),
  structureId: SCHOOL_A,
  childOfActor: name === 'relative',
  teachesPupil: name === 'teacher',
});
const managers: PolicyActorName[] = ['director', 'localAdmin', 'instanceAdmin'];
const school = () => ({ structureId: SCHOOL_A });

test('pages, settings and the held list', () => {
  check('assessment.index.open', 'any', () => ({}), ['student', 'relative', 'teacher', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher']);
  check('assessment.settings.read', 'school A', school, ['student', 'relative', 'teacher', 'personnel', 'director', 'localAdmin', 'instanceAdmin']);
  check('assessment.settings.manage', 'school A', school, managers);
  check('assessment.settings.manage', 'no school', () => ({ structureId: null }), []);
  check('assessment.held.list', 'school A', school, managers);
  check('assessment.skills.list', 'any', () => ({}), ['teacher', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher']);
});

test('assessments: teachers of the group create; the author edits this year; the group’s teachers and managers read every mark', () => {
  check('assessment.assessment.create', 'a group taught this year', group(true), ['teacher']);
  check('assessment.assessment.create', 'a past year', group(false), []);
  check('assessment.assessment.read', 'this year', assessment(true), ['teacher', ...managers]);
  check('assessment.assessment.read', 'a past year', assessment(false), ['teacher', ...managers]);
  check('assessment.assessment.edit', 'this year', assessment(true), ['teacher']);
  check('assessment.assessment.edit', 'a past year', assessment(false), []);
  check('assessment.group.read', 'this year', group(true), ['teacher', ...managers]);
});

test('a pupil’s marks: the pupil, their parents, their teachers, the managers; unpublished ones for staff only', () => {
  check('assessment.pupil.read', 'the pupil', pupil, ['student', 'relative', 'teacher', ...managers]);
  check('assessment.pupil.readUnpublished', 'the pupil', pupil, ['teacher', ...managers]);
  check(
    'assessment.pupil.read',
    'another pupil',
    (name) => ({ ...pupil(name), studentId: 'someone-else', childOfActor: false, teachesPupil: false }),
    managers,
  );
  check('assessment.report.read', 'published', (name) => ({ ...pupil(name), published: true }), ['student', 'relative', 'teacher', ...managers]);
  check('assessment.report.read', 'not published', (name) => ({ ...pupil(name), published: false }), ['teacher', ...managers]);
});

test('report comments: a teacher of the pupil per subject, the class teacher overall', () => {
  const facts =
    (overall: boolean, teachesSubject = true) =>
    (name: PolicyActorName) => ({
      teachesPupil: name === 'teacher',
      teachesSubject,
      classTeacher: name === 'teacher' || name === 'director',
      overall,
    });
  check('assessment.report.comment', 'a subject', facts(false), ['teacher']);
  check('assessment.report.comment', 'a subject they do not assess', facts(false, false), []);
  check('assessment.report.comment', 'overall', facts(true), ['teacher', 'director']);
});

test('every assessment action is tested', () => {
  assert.deepEqual(
    declaredActions('assessment').filter((a) => !tested.has(a)),
    [],
    'untested actions',
  );
});
