import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const exercised = new Set<string>();
const someoneElse = (name: PolicyActorName) => actors[name === 'relative' ? 'student' : 'relative'].personId;

function check<K extends ActionName>(action: K, facts: (name: PolicyActorName) => Actions[K], allowed: (name: PolicyActorName) => boolean, label: string) {
  exercised.add(action);
  for (const name of names) {
    assert.equal(can(actors[name], action, facts(name)), allowed(name), `${action} (${label}) for ${name}`);
  }
}

for (const action of ['notifications.notification.read', 'notifications.notification.mark'] as const) {
  test(`${action}: one’s own notifications once shown, never another person’s`, () => {
    check(
      action,
      (name) => ({ recipientId: actors[name].personId, visible: true }),
      () => true,
      'own, shown',
    );
    check(
      action,
      (name) => ({ recipientId: actors[name].personId, visible: false }),
      () => false,
      'own, not yet shown',
    );
    check(
      action,
      (name) => ({ recipientId: someoneElse(name), visible: true }),
      () => false,
      'another’s',
    );
  });
}

test('every notifications action is exercised', () => {
  assert.deepEqual(declaredActions('notifications').sort(), [...exercised].sort());
  assert.ok(exercised.size >= 2, `${exercised.size} actions exercised`);
});
