import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { RequestStatus } from './tables.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const OTHER_TOWN = 'dddddddd-0000-4000-8000-00000000000d';
/** A family's request about the relative's child (or not), in the municipality's school A. */
const familyRequest =
  (over: { status?: RequestStatus; mine?: boolean; municipalityId?: string } = {}) =>
  (name: PolicyActorName) => ({
    origin: 'family' as const,
    municipalityId: over.municipalityId ?? MUNICIPALITY,
    structureId: SCHOOL_A,
    requesterId: over.mine === false ? 'someone-0000-4000-8000-000000000000' : id('relative'),
    childOfActor: name === 'relative' && over.mine !== false,
    status: over.status ?? 'submitted',
  });
const schoolRequest =
  (over: { status?: RequestStatus; structureId?: string } = {}) =>
  () => ({
    origin: 'school' as const,
    municipalityId: MUNICIPALITY,
    structureId: over.structureId ?? SCHOOL_A,
    requesterId: id('director'),
    childOfActor: false,
    status: over.status ?? 'submitted',
  });

test('who opens what: families their requests, agents the queue, directors the channel', () => {
  check('requests.family.open', 'any', () => ({}), ['relative']);
  check('requests.agent.open', 'any', () => ({}), ['municipal']);
  check('requests.school.open', 'any', () => ({}), ['director']);
  check('requests.index.open', 'any', () => ({}), ['relative', 'municipal', 'director']);
});

test('a parent files for their own child of a school that belongs to a municipality', () => {
  check('requests.request.file', 'their child', (n) => ({ municipalityId: MUNICIPALITY, childOfActor: n === 'relative' }), ['relative']);
  check('requests.request.file', 'another child', () => ({ municipalityId: MUNICIPALITY, childOfActor: false }), []);
  check('requests.request.file', 'a school without a municipality', (n) => ({ municipalityId: null, childOfActor: n === 'relative' }), []);
});

test('a family’s request: its family and its town’s agents read it and write; only agents handle it', () => {
  check('requests.request.read', 'their own', familyRequest(), ['relative', 'municipal']);
  check('requests.request.read', 'another family’s', familyRequest({ mine: false }), ['municipal']);
  check('requests.request.read', 'another town’s', familyRequest({ municipalityId: OTHER_TOWN }), ['relative']);
  check('requests.request.write', 'open', familyRequest({ status: 'waiting' }), ['relative', 'municipal']);
  check('requests.request.write', 'closed', familyRequest({ status: 'closed' }), []);
  check('requests.request.addDocument', 'waiting', familyRequest({ status: 'waiting' }), ['relative']);
  check('requests.request.addDocument', 'accepted', familyRequest({ status: 'accepted' }), []);
  check('requests.request.handle', 'their town', familyRequest(), ['municipal']);
  check('requests.request.handle', 'another town', familyRequest({ municipalityId: OTHER_TOWN }), []);
});

test('a school’s request: its director and the town’s agents', () => {
  check('requests.request.read', 'school A', schoolRequest(), ['director', 'municipal']);
  check('requests.request.read', 'school B', schoolRequest({ structureId: SCHOOL_B }), ['municipal']);
  check('requests.request.addDocument', 'a school’s', schoolRequest(), []);
  check('requests.schoolRequest.file', 'their school', () => ({ structureId: SCHOOL_A, municipalityId: MUNICIPALITY }), ['director']);
  check('requests.schoolRequest.file', 'no municipality', () => ({ structureId: SCHOOL_A, municipalityId: null }), []);
});

test('notes to directors: written by the town’s agents, read by them and the directors of the schools they go to', () => {
  check('requests.note.write', 'their town', () => ({ municipalityId: MUNICIPALITY }), ['municipal']);
  check('requests.note.write', 'another town', () => ({ municipalityId: OTHER_TOWN }), []);
  check('requests.note.read', 'sent to school A', (n) => ({ municipalityId: MUNICIPALITY, directsTargetedSchool: n === 'director' }), [
    'director',
    'municipal',
  ]);
  check('requests.note.read', 'another town’s', () => ({ municipalityId: OTHER_TOWN, directsTargetedSchool: false }), []);
});

test('every declared action of the module is tested', () => {
  assert.deepEqual(
    declaredActions('requests').filter((a) => !tested.has(a)),
    [],
    'actions without policy cases',
  );
});
