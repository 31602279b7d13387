import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions } from '../../kernel/authz/index.js';
import { policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const tested = new Set<string>();

function check(action: 'jobs.job.list' | 'jobs.job.retry', allowed: PolicyActorName[]) {
  tested.add(action);
  for (const [name, actor] of Object.entries(actors) as [PolicyActorName, (typeof actors)[PolicyActorName]][]) {
    const result = action === 'jobs.job.list' ? can(actor, action, {}) : can(actor, action, { id: 'job-1', status: 'dead' });
    assert.equal(result, allowed.includes(name), `${action} for ${name}`);
  }
}

test('only the instance administrator lists the job queue', () => {
  check('jobs.job.list', ['instanceAdmin']);
});

test('only the instance administrator retries a job; directors and local administrators do not', () => {
  check('jobs.job.retry', ['instanceAdmin']);
});

test('every action of the module is tested', () => {
  assert.deepEqual(declaredActions('jobs').sort(), [...tested].sort());
});
