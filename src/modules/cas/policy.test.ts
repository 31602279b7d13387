import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type Actor } from '../../kernel/authz/index.js';
import { policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const tested = new Set<string>();

function check(action: 'cas.service.list' | 'cas.service.create' | 'cas.ticket.issue', allowed: PolicyActorName[] | 'all') {
  tested.add(action);
  for (const [name, actor] of Object.entries(actors) as [PolicyActorName, Actor][]) {
    const result = action === 'cas.ticket.issue' ? can(actor, action, { id: 'service-1' }) : can(actor, action, {});
    assert.equal(result, allowed === 'all' || allowed.includes(name), `${action} for ${name}`);
  }
}

test('only the instance administrator lists and registers partner services', () => {
  check('cas.service.list', ['instanceAdmin']);
  check('cas.service.create', ['instanceAdmin']);
});

test('everyone signed in reaches a registered service, but not before accepting the charter', () => {
  check('cas.ticket.issue', 'all');
  assert.equal(can({ ...actors.student, charterAccepted: false }, 'cas.ticket.issue', { id: 'service-1' }), false, 'charter pending');
});

test('every action of the module is tested', () => {
  assert.deepEqual(declaredActions('cas').sort(), [...tested].sort());
});
