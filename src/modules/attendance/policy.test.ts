import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
const group = (current: boolean) => (name: PolicyActorName) => ({ structureId: SCHOOL_A, current, relations: relationOf(name) });
const pupil = (current: boolean) => (name: PolicyActorName) => ({
  structureId: SCHOOL_A,
  studentId: actors.student.personId,
  childOfActor: name === 'relative',
  teachesPupil: name === 'teacher',
  current,
});
const school = () => ({ structureId: SCHOOL_A });
const staff: PolicyActorName[] = ['personnel', 'director', 'localAdmin', 'instanceAdmin'];

test('the attendance pages are for everyone of a school but municipal agents', () => {
  check(
    'attendance.index.open',
    'any',
    () => ({}),
    names.filter((n) => n !== 'municipal'),
  );
});

test('the group’s teachers and the school’s staff call the roll, this year only', () => {
  check('attendance.rollCall.call', 'this year', group(true), ['teacher', ...staff]);
  check('attendance.rollCall.call', 'a closed year', group(false), []);
  check('attendance.rollCall.read', 'a closed year', group(false), ['teacher', ...staff]);
  check('attendance.stats.read', 'this year', group(true), ['teacher', ...staff]);
});

test('the day view and reviews are the school’s staff’s', () => {
  check('attendance.day.read', 'school A', school, staff);
  check('attendance.announced.record', 'this year', pupil(true), staff);
  check('attendance.announced.record', 'a closed year', pupil(false), []);
  check('attendance.justification.review', 'this year', pupil(true), staff);
  check('attendance.justification.review', 'a closed year', pupil(false), []);
  check('attendance.settings.manage', 'school A', school, ['director', 'localAdmin', 'instanceAdmin']);
});

test('a pupil’s record: the pupil, a parent, their teacher, the staff; a parent justifies', () => {
  check('attendance.pupil.read', 'own pupil', pupil(true), ['student', 'relative', 'teacher', ...staff]);
  check('attendance.justification.download', 'own pupil', pupil(true), ['student', 'relative', 'teacher', ...staff]);
  check('attendance.justification.submit', 'this year', pupil(true), ['relative']);
  check('attendance.justification.submit', 'a closed year', pupil(false), []);
  const stranger = () => ({ structureId: SCHOOL_A, studentId: 'x', childOfActor: false, teachesPupil: false, current: true });
  check('attendance.pupil.read', 'someone else’s pupil', stranger, staff);
  check('attendance.justification.submit', 'someone else’s child', stranger, []);
});

test('every attendance action is tested', () => {
  const missing = declaredActions('attendance').filter((a) => !tested.has(a));
  assert.deepEqual(missing, [], `actions without cases: ${missing.join(', ')}`);
});
