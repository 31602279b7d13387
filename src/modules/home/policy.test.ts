import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
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

test('home.page.read: one’s own home page only', () => {
  check(
    'home.page.read',
    (name) => ({ personId: actors[name].personId }),
    () => true,
    'own',
  );
  check(
    'home.page.read',
    (name) => ({ personId: actors[name === 'teacher' ? 'student' : 'teacher'].personId }),
    () => false,
    'another’s',
  );
});

test('home.structure.summary: the director, the local administrator and the instance administrator', () => {
  const managers = new Set<PolicyActorName>(['director', 'localAdmin', 'instanceAdmin']);
  check(
    'home.structure.summary',
    () => ({ structureId: SCHOOL_A }),
    (name) => managers.has(name),
    'school A',
  );
  check(
    'home.structure.summary',
    () => ({ structureId: SCHOOL_B }),
    (name) => name === 'instanceAdmin',
    'school B',
  );
  check(
    'home.structure.summary',
    () => ({ structureId: MUNICIPALITY }),
    (name) => name === 'instanceAdmin',
    'the municipality',
  );
});

test('home.instance.summary: the instance administrator only', () => {
  check(
    'home.instance.summary',
    () => ({}),
    (name) => name === 'instanceAdmin',
    'instance',
  );
});

test('every home action is exercised', () => {
  assert.deepEqual(declaredActions('home').sort(), [...exercised].sort());
  assert.ok(exercised.size >= 3, `${exercised.size} actions exercised`);
});
