import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type Actor } from '../../kernel/authz/index.js';
import { VISITOR } from '../../kernel/authz/visitor.js';
import { policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import { CORE_SCOPE, DEMOGRAPHICS_SCOPE, type RosterClientFacts } from './policy.js';

const actors = policyActors();
const tested = new Set<string>();
const client = (over: Partial<RosterClientFacts> = {}): RosterClientFacts => ({
  clientId: 'c1',
  scopes: [CORE_SCOPE],
  schoolIds: [SCHOOL_A],
  demographics: false,
  ...over,
});

test('only the instance administrator manages rostering partners', () => {
  tested.add('oneroster.client.manage');
  for (const [name, actor] of Object.entries(actors) as [PolicyActorName, Actor][])
    assert.equal(can(actor, 'oneroster.client.manage', {}), name === 'instanceAdmin', `oneroster.client.manage for ${name}`);
  assert.equal(can(VISITOR, 'oneroster.client.manage', {}), false, 'a partner does not manage partners');
});

test('rosters need the core scope, whoever the actor: the partner’s facts decide', () => {
  tested.add('oneroster.roster.read');
  assert.equal(can(VISITOR, 'oneroster.roster.read', client()), true);
  assert.equal(can(VISITOR, 'oneroster.roster.read', client({ scopes: [DEMOGRAPHICS_SCOPE] })), false, 'demographics scope only');
  // A person's rights never stand in for a partner's grant.
  for (const actor of Object.values(actors)) assert.equal(can(actor, 'oneroster.roster.read', client({ scopes: [] })), false);
});

test('demographics need the administrator’s flag and the scope', () => {
  tested.add('oneroster.demographics.read');
  assert.equal(can(VISITOR, 'oneroster.demographics.read', client({ demographics: true, scopes: [CORE_SCOPE, DEMOGRAPHICS_SCOPE] })), true);
  assert.equal(can(VISITOR, 'oneroster.demographics.read', client({ demographics: false, scopes: [CORE_SCOPE, DEMOGRAPHICS_SCOPE] })), false, 'no flag');
  assert.equal(can(VISITOR, 'oneroster.demographics.read', client({ demographics: true })), false, 'no scope');
  assert.equal(can(actors.instanceAdmin, 'oneroster.demographics.read', client()), false, 'not even for the instance administrator');
});

test('a school’s sub-resources only for a granted school', () => {
  tested.add('oneroster.school.read');
  assert.equal(can(VISITOR, 'oneroster.school.read', { client: client(), schoolId: SCHOOL_A }), true);
  assert.equal(can(VISITOR, 'oneroster.school.read', { client: client(), schoolId: SCHOOL_B }), false, 'another school');
  assert.equal(can(actors.instanceAdmin, 'oneroster.school.read', { client: client(), schoolId: SCHOOL_B }), false, 'the actor adds nothing');
});

test('every action of the module is tested', () => {
  assert.deepEqual(declaredActions('oneroster').sort(), [...tested].sort());
});
