import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) {
    assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
  }
}

/** How each actor stands towards a CE1 class of school A. */
const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
const klass = (current: boolean) => (name: PolicyActorName) => ({ structureId: SCHOOL_A, current, relations: relationOf(name) });
const CHILD = 'child-0000-4000-8000-000000000000';
const note =
  (over: { current?: boolean; withdrawn?: boolean; showToPupils?: boolean; author?: PolicyActorName; concerned?: boolean } = {}) =>
  (name: PolicyActorName) => ({
    structureId: SCHOOL_A,
    authorId: id(over.author ?? 'teacher'),
    current: over.current ?? true,
    withdrawn: over.withdrawn ?? false,
    showToPupils: over.showToPupils ?? false,
    relations: relationOf(name),
    childrenOfActor: name === 'relative' && over.concerned !== false ? [CHILD] : [],
    pupilConcerned: name === 'student' && over.concerned !== false,
  });
const sign =
  (over: Parameters<typeof note>[0] & { studentId?: string } = {}) =>
  (name: PolicyActorName) => ({ ...note(over)(name), studentId: over.studentId ?? CHILD });
const familyNote = (current: boolean) => (name: PolicyActorName) => ({
  structureId: SCHOOL_A,
  authorId: id('relative'),
  current,
  relations: relationOf(name),
});

test('who opens the cahier de liaison and who writes notes', () => {
  check(
    'liaison.index.open',
    'any',
    () => ({}),
    names.filter((n) => n !== 'municipal'),
  );
  check('liaison.note.write', 'any', () => ({}), ['teacher', 'director', 'otherSchoolTeacher']);
  check('liaison.note.create', 'a class of this year', klass(true), ['teacher', 'director']);
  check('liaison.note.create', 'a class of a past year', klass(false), []);
});

test('reading a note: sender, class teachers, director, the families concerned, pupils when chosen', () => {
  check('liaison.note.read', 'this year', note(), ['teacher', 'director', 'relative']);
  check('liaison.note.read', 'shown to pupils', note({ showToPupils: true }), ['teacher', 'director', 'relative', 'student']);
  check('liaison.note.read', 'children not concerned', note({ showToPupils: true, concerned: false }), ['teacher', 'director']);
  check('liaison.note.read', 'a past year', note({ current: false, showToPupils: true }), ['teacher', 'director']);
  check('liaison.note.read', 'withdrawn, kept for the families', note({ withdrawn: true }), ['teacher', 'director', 'relative']);
});

test('following and managing a note: the sender and the director', () => {
  check('liaison.note.follow', 'sent by the teacher', note(), ['teacher', 'director']);
  check('liaison.note.follow', 'sent by the director', note({ author: 'director' }), ['director']);
  check('liaison.note.manage', 'this year', note(), ['teacher', 'director']);
  check('liaison.note.manage', 'withdrawn', note({ withdrawn: true }), []);
  check('liaison.note.manage', 'a past year', note({ current: false }), []);
});

test('a legal guardian signs for their own child only', () => {
  check('liaison.note.sign', 'their child', sign(), ['relative']);
  check('liaison.note.sign', 'another family’s child', sign({ studentId: 'other-0000-4000-8000-000000000000' }), []);
  check('liaison.note.sign', 'withdrawn', sign({ withdrawn: true }), []);
  check('liaison.note.sign', 'a past year', sign({ current: false }), []);
});

test('parents write to the teachers; the class’s teachers and the director acknowledge', () => {
  check('liaison.familyNote.write', 'any', () => ({}), ['relative']);
  check('liaison.familyNote.create', 'their child with a class', (n) => ({ guardian: n === 'relative', hasClass: true }), ['relative']);
  check('liaison.familyNote.create', 'a child without a class', (n) => ({ guardian: n === 'relative', hasClass: false }), []);
  check('liaison.familyNote.read', 'this year', familyNote(true), ['relative', 'teacher', 'director']);
  check('liaison.familyNote.acknowledge', 'this year', familyNote(true), ['teacher', 'director']);
  check('liaison.familyNote.acknowledge', 'a past year', familyNote(false), []);
});

test('every declared action of the module is tested', () => {
  assert.deepEqual(
    declaredActions('liaison').filter((a) => !tested.has(a)),
    [],
    'actions without policy cases',
  );
});
