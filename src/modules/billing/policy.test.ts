import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const exercised = new Set<string>();
const OTHER_MUNICIPALITY = 'dddddddd-0000-4000-8000-00000000000d';

function check<K extends ActionName>(action: K, facts: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[], label = '') {
  exercised.add(action);
  for (const name of names) assert.equal(can(actors[name], action, facts(name)), allowed.includes(name), `${action} ${label} for ${name}`);
}

test('families and agents each have their entry page; teachers, pupils and directors none', () => {
  check('billing.family.open', () => ({}), ['relative']);
  check('billing.agent.open', () => ({}), ['municipal']);
});

test('a municipality’s billing: its own agents only', () => {
  check('billing.municipality.manage', () => ({ municipalityId: MUNICIPALITY }), ['municipal']);
  check('billing.municipality.manage', () => ({ municipalityId: OTHER_MUNICIPALITY }), [], 'another municipality');
});

test('a quotient is declared by a parent with a child in the municipality’s schools', () => {
  check('billing.quotient.declare', () => ({ municipalityId: MUNICIPALITY, childInMunicipality: true }), ['relative']);
  check('billing.quotient.declare', () => ({ municipalityId: MUNICIPALITY, childInMunicipality: false }), [], 'no child there');
});

test('an invoice: the parent it is addressed to and the municipality’s agents; a proof: its sender and the agents', () => {
  const payer = (n: PolicyActorName) => actors[n].personId;
  check('billing.account.read', (n) => ({ municipalityId: MUNICIPALITY, payerId: payer(n) }), ['relative', 'municipal']);
  check('billing.account.read', () => ({ municipalityId: MUNICIPALITY, payerId: 'someone-else' }), ['municipal'], 'another family');
  check('billing.account.read', (n) => ({ municipalityId: OTHER_MUNICIPALITY, payerId: payer(n) }), ['relative'], 'another municipality');
  check('billing.quotient.read', (n) => ({ municipalityId: MUNICIPALITY, relativeId: payer(n) }), ['relative', 'municipal']);
  check('billing.quotient.read', () => ({ municipalityId: OTHER_MUNICIPALITY, relativeId: 'someone-else' }), [], 'another family, another municipality');
});

test('an invoice is paid online by the parent it is addressed to only', () => {
  const payer = (n: PolicyActorName) => actors[n].personId;
  check('billing.online.pay', (n) => ({ municipalityId: MUNICIPALITY, payerId: payer(n) }), ['relative']);
  check('billing.online.pay', () => ({ municipalityId: MUNICIPALITY, payerId: 'someone-else' }), [], 'another family');
});

test('every declared billing action is exercised', () => {
  assert.deepEqual([...exercised].sort(), declaredActions('billing').sort());
});
