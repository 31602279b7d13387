import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

test('partner applications are managed by the instance administrator only', () => {
  check('federation.client.manage', 'the register', () => ({}), ['instanceAdmin']);
});

test('a sign-in request is completed by the person it signed in', () => {
  check('federation.interaction.complete', 'their own', (name) => ({ accountId: actors[name].personId }), names);
  check('federation.interaction.complete', 'not yet signed in', () => ({ accountId: null }), names);
  check('federation.interaction.complete', 'a pupil’s, by anyone else', () => ({ accountId: actors.student.personId }), ['student']);
});

test('every action of the federation policy is tested', () => {
  assert.deepEqual(declaredActions('federation').sort(), [...tested].sort());
});
