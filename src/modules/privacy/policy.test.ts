import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import { auditedStructureIds } from './policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

test('everyone has their own data page and asks for their own archive only', () => {
  check('privacy.data.open', 'own page', () => ({}), names);
  check('privacy.export.request', 'their own', (name) => ({ personId: id(name) }), names);
  check('privacy.export.request', 'a pupil’s, asked by anyone else', () => ({ personId: id('student') }), ['student']);
});

test('an archive is downloaded by its person, once ready', () => {
  check('privacy.export.download', 'their own, ready', (name) => ({ personId: id(name), ready: true }), names);
  check('privacy.export.download', 'their own, not ready', (name) => ({ personId: id(name), ready: false }), []);
  check('privacy.export.download', 'a parent’s, ready', () => ({ personId: id('relative'), ready: true }), ['relative']);
});

test('the register: those who answer for the processing; the audit log: the instance and local administrators', () => {
  check('privacy.register.read', 'the register', () => ({}), ['director', 'localAdmin', 'instanceAdmin']);
  check('privacy.audit.read', 'the audit log', () => ({}), ['localAdmin', 'instanceAdmin']);
  assert.deepEqual(auditedStructureIds(actors.localAdmin), [SCHOOL_A], 'a local administrator reads their school’s entries');
  assert.deepEqual(auditedStructureIds(actors.director), [], 'a director reads none');
});

test('a request is filed by its person; handled by the instance administrator or the requester’s school’s local administrator, never by its person', () => {
  check('privacy.request.file', 'their own', (name) => ({ personId: id(name) }), names);
  check('privacy.request.file', 'for a parent', () => ({ personId: id('relative') }), ['relative']);
  check('privacy.request.list', 'the requests to handle', () => ({}), ['localAdmin', 'instanceAdmin']);
  check('privacy.request.handle', 'a parent of school A', () => ({ personId: id('relative'), structureIds: [SCHOOL_A] }), ['localAdmin', 'instanceAdmin']);
  check('privacy.request.handle', 'a teacher of school B', () => ({ personId: id('otherSchoolTeacher'), structureIds: [SCHOOL_B] }), ['instanceAdmin']);
  check('privacy.request.handle', 'a person of no school', () => ({ personId: id('relative'), structureIds: [] }), ['instanceAdmin']);
  check('privacy.request.handle', 'their own', (name) => ({ personId: id(name), structureIds: [SCHOOL_A] }), []);
});

test('the retention schedule and the purge: the instance administrator only', () => {
  check('privacy.retention.manage', 'the schedule', () => ({}), ['instanceAdmin']);
});

test('every action of the privacy policy is tested', () => {
  assert.deepEqual(declaredActions('privacy').sort(), [...tested].sort());
});
