import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
/** School A's staff: director, local administrator, personnel (vie scolaire), the instance administrator. */
const staffA: PolicyActorName[] = ['personnel', 'director', 'localAdmin', 'instanceAdmin'];

test('own weeks: pupils, parents of their children, teachers', () => {
  check('timetable.own.open', 'any', () => ({}), ['student', 'relative', 'teacher', 'director', 'otherSchoolTeacher']);
  check('timetable.pupil.read', 'the pupil’s own', (n) => ({ studentId: id('student'), childOfActor: n === 'relative' }), ['student', 'relative']);
  check('timetable.pupil.read', 'another pupil', () => ({ studentId: id('teacher'), childOfActor: false }), []);
});

test('a group’s, a teacher’s and a room’s week', () => {
  check('timetable.group.read', 'this year', (n) => ({ structureId: SCHOOL_A, current: true, relations: relationOf(n) }), ['teacher', ...staffA]);
  check('timetable.group.read', 'a past year', (n) => ({ structureId: SCHOOL_A, current: false, relations: relationOf(n) }), staffA);
  check('timetable.group.read', 'another school', (n) => ({ structureId: SCHOOL_B, current: true, relations: n === 'otherSchoolTeacher' ? ['teacher'] : [] }), [
    'otherSchoolTeacher',
    'instanceAdmin',
  ]);
  check('timetable.teacher.read', 'the teacher', () => ({ structureId: SCHOOL_A, teacherId: id('teacher') }), ['teacher', ...staffA]);
  check('timetable.room.read', 'school A', () => ({ structureId: SCHOOL_A }), staffA);
});

test('managing a school’s timetable: its staff only', () => {
  check('timetable.index.open', 'school A', () => ({ structureId: SCHOOL_A }), staffA);
  check('timetable.index.open', 'no school', () => ({ structureId: null }), []);
  check('timetable.school.manage', 'school A', () => ({ structureId: SCHOOL_A }), staffA);
  check('timetable.school.manage', 'school B', () => ({ structureId: SCHOOL_B }), ['instanceAdmin']);
  check('timetable.slot.edit', 'school A', () => ({ structureId: SCHOOL_A }), staffA);
});

test('every declared action is tested', () => {
  const declared = declaredActions('timetable');
  assert.ok(declared.length >= 8, `${declared.length} actions`);
  assert.deepEqual(
    declared.filter((a) => !tested.has(a)),
    [],
  );
});
