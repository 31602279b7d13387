import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import { DEFAULT_POLICY, requiredFor } from './service/settings.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const staff: PolicyActorName[] = ['teacher', 'personnel', 'municipal', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher'];

test('staff enrol a factor; pupils and families cannot', () => {
  check('mfa.factor.enrol', 'their own', () => ({}), staff);
});

test('the reset: the instance administrator anywhere, a local administrator in their school only', () => {
  check('mfa.reset.open', 'the page', () => ({}), ['localAdmin', 'instanceAdmin']);
  const member = (structureId: string) => () => ({ personId: id('teacher'), structureIds: [structureId], isSuperAdmin: false });
  check('mfa.factor.reset', 'a school A teacher', member(SCHOOL_A), ['localAdmin', 'instanceAdmin']);
  check('mfa.factor.reset', 'a school B teacher', member(SCHOOL_B), ['instanceAdmin']);
  check('mfa.factor.reset', 'the instance administrator', () => ({ personId: id('instanceAdmin'), structureIds: [SCHOOL_A], isSuperAdmin: true }), []);
  check('mfa.factor.reset', 'their own', (name) => ({ personId: id(name), structureIds: [SCHOOL_A], isSuperAdmin: false }), []);
});

test('the policy is the instance administrator’s', () => {
  check('mfa.policy.edit', 'roles and grace', () => ({}), ['instanceAdmin']);
});

test('by default directors, local administrators, the instance administrator and municipal agents must enrol', () => {
  const required = names.filter((n) => requiredFor(DEFAULT_POLICY, actors[n]));
  assert.deepEqual(required.sort(), ['director', 'instanceAdmin', 'localAdmin', 'municipal']);
});

test('pupils and families are never required, whatever the policy names', () => {
  const all = { roles: ['director', 'localAdmin', 'instanceAdmin', 'municipal', 'teacher', 'personnel'] as const, graceDays: 0 };
  assert.equal(requiredFor({ ...all, roles: [...all.roles] }, actors.student), false);
  assert.equal(requiredFor({ ...all, roles: [...all.roles] }, actors.relative), false);
  assert.equal(requiredFor({ ...all, roles: [...all.roles] }, actors.teacher), true, 'teachers when named');
});

test('every action of the mfa policy is tested', () => {
  assert.deepEqual(declaredActions('mfa').sort(), [...tested].sort());
});
