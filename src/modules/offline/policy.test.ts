import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions } from '../../kernel/authz/index.js';
import { policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];

test('everyone manages the push subscriptions of their own devices, nobody else’s', () => {
  for (const name of names) {
    assert.equal(can(actors[name], 'offline.push.manage', { personId: actors[name].personId }), true, `${name}: their own`);
    const other = name === 'student' ? 'relative' : 'student';
    assert.equal(can(actors[name], 'offline.push.manage', { personId: actors[other].personId }), false, `${name}: ${other}’s`);
    assert.equal(can(actors[name], 'offline.push.remove', { personId: actors[name].personId }), true, `${name}: removes their own`);
    assert.equal(can(actors[name], 'offline.push.remove', { personId: actors[other].personId }), false, `${name}: removes ${other}’s`);
  }
  assert.deepEqual(declaredActions('offline').sort(), ['offline.push.manage', 'offline.push.remove']);
});
