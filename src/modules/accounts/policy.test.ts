import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { VISITOR } from '../../kernel/authz/visitor.js';
import { MUNICIPALITY, policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const exercised = new Set<string>();

function check<K extends ActionName>(action: K, facts: (name: PolicyActorName) => Actions[K], allowed: (name: PolicyActorName) => boolean, label: string) {
  exercised.add(action);
  for (const name of names) {
    assert.equal(can(actors[name], action, facts(name)), allowed(name), `${action} (${label}) for ${name}`);
  }
}

test('accounts.setup.run: anyone while no instance administrator exists, nobody after', () => {
  check(
    'accounts.setup.run',
    () => ({ open: true }),
    () => true,
    'open',
  );
  check(
    'accounts.setup.run',
    () => ({ open: false }),
    () => false,
    'done',
  );
  assert.equal(can(VISITOR, 'accounts.setup.run', { open: true }), true, 'a stranger runs the first-run setup');
  assert.equal(can(VISITOR, 'accounts.setup.run', { open: false }), false, 'and not once it is done');
});

test('accounts.structure.switch: one of the person’s structures; the instance administrator any', () => {
  const own: Record<PolicyActorName, string> = {
    student: SCHOOL_A,
    relative: SCHOOL_A,
    teacher: SCHOOL_A,
    personnel: SCHOOL_A,
    municipal: MUNICIPALITY,
    director: SCHOOL_A,
    localAdmin: SCHOOL_A,
    instanceAdmin: SCHOOL_B,
    otherSchoolTeacher: SCHOOL_B,
  };
  check(
    'accounts.structure.switch',
    (name) => ({ id: own[name], name: 'own' }),
    () => true,
    'their own',
  );
  check(
    'accounts.structure.switch',
    (name) => ({ id: own[name] === SCHOOL_B ? SCHOOL_A : SCHOOL_B, name: 'other' }),
    (name) => name === 'instanceAdmin',
    'another',
  );
});

test('accounts.charter.accept: each person their own, never someone else’s', () => {
  check(
    'accounts.charter.accept',
    (name) => ({ personId: actors[name].personId }),
    () => true,
    'own',
  );
  check(
    'accounts.charter.accept',
    (name) => ({ personId: actors[name === 'student' ? 'relative' : 'student'].personId }),
    () => false,
    'another’s',
  );
});

test('every accounts action is exercised', () => {
  assert.deepEqual(declaredActions('accounts').sort(), [...exercised].sort());
  assert.ok(exercised.size >= 3, `${exercised.size} actions exercised`);
});
