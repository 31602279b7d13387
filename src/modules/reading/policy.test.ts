import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const standing =
  (relations: Partial<Record<PolicyActorName, GroupRelation>>, current = true, structureId = SCHOOL_A) =>
  (name: PolicyActorName) => ({
    groupId: 'g',
    structureId,
    schoolYear: '2026-2027',
    current,
    relations: relations[name] ? [relations[name]] : [],
  });

test('everyone sets their own reading settings, nobody else’s', () => {
  check('reading.settings.edit', 'their own', (name) => ({ personId: actors[name].personId }), names);
  check('reading.settings.edit', 'a pupil’s', () => ({ personId: actors.student.personId }), ['student']);
});

test('a class’s defaults: its teachers this year and the school’s director', () => {
  const inClass = { teacher: 'teacher', student: 'student', relative: 'relative' } as const;
  check('reading.class.edit', 'a class of school A', standing(inClass), ['teacher', 'director']);
  check('reading.class.edit', 'a class of a past year', standing(inClass, false), []);
  check('reading.class.edit', 'a class of school B', standing({ otherSchoolTeacher: 'teacher' }, true, SCHOOL_B), ['otherSchoolTeacher']);
  check('reading.class.edit', 'another class of school A', standing({}), ['director']);
});

test('every action of the reading policy is tested', () => {
  assert.deepEqual(declaredActions('reading').sort(), [...tested].sort());
});
