import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, SCHOOL_A, SCHOOL_B, policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { ChildFacts } from './policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const exercised = new Set<string>();
const OTHER_MUNICIPALITY = 'dddddddd-0000-4000-8000-00000000000d';

function check<K extends ActionName>(action: K, facts: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[], label = '') {
  exercised.add(action);
  for (const name of names) {
    assert.equal(can(actors[name], action, facts(name)), allowed.includes(name), `${action} ${label} for ${name}`);
  }
}

const schoolA = { structureId: SCHOOL_A, municipalityId: MUNICIPALITY };
const child =
  (over: Partial<ChildFacts> = {}) =>
  (n: PolicyActorName): ChildFacts => ({
    ...schoolA,
    studentId: 'child',
    childOfActor: n === 'relative',
    ...over,
  });

test('families and agents each have their entry page', () => {
  check('canteen.family.open', () => ({}), ['relative']);
  check('canteen.agent.open', () => ({}), ['municipal']);
});

test('a municipality’s settings and schools: its own agents only, not another municipality’s, not the school’s staff', () => {
  check('canteen.municipality.manage', () => ({ municipalityId: MUNICIPALITY }), ['municipal']);
  check('canteen.municipality.manage', () => ({ municipalityId: OTHER_MUNICIPALITY }), [], 'another municipality');
  for (const action of ['canteen.school.manage', 'canteen.attendance.take'] as const) {
    check(action, () => schoolA, ['municipal']);
    check(action, () => ({ structureId: SCHOOL_B, municipalityId: OTHER_MUNICIPALITY }), [], 'another municipality’s school');
    check(action, () => ({ structureId: SCHOOL_B, municipalityId: null }), [], 'a school without municipality');
  }
});

test('the day’s numbers: the school’s director and the municipality’s agents; never a teacher', () => {
  check('canteen.numbers.read', () => schoolA, ['director', 'municipal']);
  check('canteen.numbers.read', () => ({ structureId: SCHOOL_B, municipalityId: OTHER_MUNICIPALITY }), [], 'another school');
});

test('a child: their parent and the agents of their school’s municipality', () => {
  for (const action of ['canteen.child.read', 'canteen.child.register'] as const) {
    check(action, child(), ['relative', 'municipal']);
    check(action, child({ childOfActor: false }), ['municipal'], 'someone else’s child');
    check(action, child({ municipalityId: OTHER_MUNICIPALITY }), ['relative'], 'a school of another municipality');
  }
  check('canteen.booking.change', child(), ['relative']);
  check('canteen.booking.change', child({ childOfActor: false }), [], 'someone else’s child');
  check('canteen.booking.onBehalf', child(), ['municipal']);
  check('canteen.booking.onBehalf', child({ municipalityId: OTHER_MUNICIPALITY }), [], 'another municipality');
});

test('kitchens and menus: written by the municipality’s agents; read by the school’s families, pupils and staff', () => {
  check('canteen.kitchen.manage', () => ({ municipalityId: MUNICIPALITY }), ['municipal']);
  check('canteen.kitchen.manage', () => ({ municipalityId: OTHER_MUNICIPALITY }), [], 'another municipality');
  check('canteen.kitchen.manage', () => ({ municipalityId: null }), [], 'no municipality');
  const reader = { ...schoolA, childInSchool: true };
  check('canteen.menu.read', () => reader, ['student', 'relative', 'teacher', 'personnel', 'municipal', 'director', 'localAdmin']);
  check(
    'canteen.menu.read',
    () => ({ ...reader, childInSchool: false }),
    ['student', 'teacher', 'personnel', 'municipal', 'director', 'localAdmin'],
    'no child there',
  );
  check(
    'canteen.menu.read',
    () => ({ structureId: SCHOOL_B, municipalityId: OTHER_MUNICIPALITY, childInSchool: false }),
    ['otherSchoolTeacher'],
    'another school of another municipality',
  );
});

test('every declared canteen action is exercised', () => {
  assert.deepEqual([...exercised].sort(), declaredActions('canteen').sort());
});
