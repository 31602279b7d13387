import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type Actor } from '../../kernel/authz/index.js';
import { policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import { nodeAccess, readsAsParentOnly, type NodeFacts } from './policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const exercised = new Set<string>();

/** How each actor stands towards "the class" of every scenario: school A's teacher and director teach it, its pupil and parent belong. */
function relationsOf(name: PolicyActorName): GroupRelation[] {
  if (name === 'teacher' || name === 'director') return ['teacher'];
  if (name === 'student') return ['student'];
  if (name === 'relative') return ['relative'];
  return [];
}

const TEACHER = actors.teacher.personId;
const STUDENT = actors.student.personId;

function node(actor: Actor, name: PolicyActorName, over: Partial<NodeFacts> = {}): NodeFacts {
  return {
    ownerId: TEACHER,
    kind: 'folder',
    classId: null,
    parentsCanRead: false,
    trashed: false,
    trashRoot: false,
    share: null,
    classStanding: over.classId ? { current: true, relations: relationsOf(name) } : null,
    ...over,
  };
}

function check(action: Parameters<typeof can>[1], label: string, facts: (actor: Actor, name: PolicyActorName) => unknown, allowed: PolicyActorName[]) {
  exercised.add(action);
  test(`${action}: ${label}`, () => {
    for (const name of names) {
      const result = can(actors[name], action, facts(actors[name], name) as never);
      assert.equal(result, allowed.includes(name), `${name} ${allowed.includes(name) ? 'should' : 'should not'} be allowed`);
    }
  });
}

const cls = 'class-0000-4000-8000-000000000000';
const past = (a: Actor, n: PolicyActorName, over: Partial<NodeFacts> = {}) => {
  const f = node(a, n, { classId: cls, ...over });
  return { ...f, classStanding: { current: false, relations: relationsOf(n) } };
};

// Personal space: the teacher's own folder, shared with nobody.
check('documents.node.read', 'a personal folder: its owner only', (a, n) => node(a, n), ['teacher']);
check('documents.node.read', 'a read share reaches the pupil', (a, n) => node(a, n, { share: n === 'student' ? 'read' : null }), ['teacher', 'student']);
check('documents.node.read', 'a class file: teachers and pupils; parents only when opened to them', (a, n) => node(a, n, { classId: cls }), [
  'teacher',
  'director',
  'student',
]);
check('documents.node.read', 'a class file opened to parents', (a, n) => node(a, n, { classId: cls, parentsCanRead: true }), [
  'teacher',
  'director',
  'student',
  'relative',
]);
check('documents.node.read', 'a past year’s class file opened to parents: not to parents any more', (a, n) => past(a, n, { parentsCanRead: true }), [
  'teacher',
  'director',
  'student',
]);
check('documents.node.read', 'a trashed file: nobody reads it outside the trash', (a, n) => node(a, n, { trashed: true }), []);
check('documents.node.edit', 'a personal file: its owner; an edit share', (a, n) => node(a, n, { share: n === 'student' ? 'edit' : null }), [
  'teacher',
  'student',
]);
check('documents.node.edit', 'a class file: the class’s teachers', (a, n) => node(a, n, { classId: cls }), ['teacher', 'director']);
check('documents.node.edit', 'a past year’s class file is read-only to everyone', (a, n) => past(a, n, { share: n === 'student' ? 'edit' : null }), []);
check('documents.node.upload', 'into a class folder: the class’s teachers', (a, n) => node(a, n, { classId: cls }), ['teacher', 'director']);
check('documents.node.upload', 'never into a file', (a, n) => node(a, n, { kind: 'file' }), []);
check('documents.node.upload', 'never into a past year’s class folder', (a, n) => past(a, n), []);
check('documents.node.share', 'the owner only, not an edit share', (a, n) => node(a, n, { share: n === 'student' ? 'edit' : null }), ['teacher']);
check('documents.node.share', 'not in a past year', (a, n) => past(a, n), []);
check('documents.node.restore', 'the owner, on what they put in the trash', (a, n) => node(a, n, { trashed: true, trashRoot: true }), ['teacher']);
check('documents.node.restore', 'not a node trashed with its folder', (a, n) => node(a, n, { trashed: true }), []);
check('documents.node.delete', 'the owner, from the trash', (a, n) => node(a, n, { trashed: true }), ['teacher']);
check('documents.node.delete', 'never outside the trash', (a, n) => node(a, n), []);

const standing = (n: PolicyActorName, current = true) => ({ current, relations: relationsOf(n) });
check('documents.class.read', 'this year: teachers, pupils, parents', (_a, n) => standing(n), ['teacher', 'director', 'student', 'relative']);
check('documents.class.read', 'a past year: not parents', (_a, n) => standing(n, false), ['teacher', 'director', 'student']);
check('documents.class.publish', 'this year: the class’s teachers', (_a, n) => standing(n), ['teacher', 'director']);
check('documents.class.publish', 'a past year: nobody', (_a, n) => standing(n, false), []);
check('documents.box.open', 'this year: the group’s teachers', (_a, n) => standing(n), ['teacher', 'director']);
check('documents.box.open', 'a past year: nobody', (_a, n) => standing(n, false), []);
check('documents.box.read', 'this year: teachers, pupils, parents', (_a, n) => standing(n), ['teacher', 'director', 'student', 'relative']);
check('documents.box.read', 'a past year: not parents', (_a, n) => standing(n, false), ['teacher', 'director', 'student']);
check('documents.box.manage', 'the group’s teachers, any year', (_a, n) => standing(n, false), ['teacher', 'director']);
check('documents.handIn.submit', 'this year: the group’s pupils', (_a, n) => standing(n), ['student']);
check('documents.handIn.submit', 'a past year: nobody', (_a, n) => standing(n, false), []);
check('documents.handIn.download', 'the teachers and the pupil who handed in', (_a, n) => ({ ...standing(n), studentId: STUDENT }), [
  'teacher',
  'director',
  'student',
]);
check('documents.handIn.download', 'another pupil’s hand-in: teachers only', (_a, n) => ({ ...standing(n), studentId: 'someone-else' }), [
  'teacher',
  'director',
]);
check('documents.handIn.return', 'this year: the teachers', (_a, n) => ({ ...standing(n), studentId: STUDENT }), ['teacher', 'director']);
check('documents.handIn.return', 'a past year: nobody', (_a, n) => ({ ...standing(n, false), studentId: STUDENT }), []);

test('a parent alone reads what was opened to parents; a share or membership reads it all', () => {
  const facts = (n: PolicyActorName) => node(actors[n], n, { classId: cls });
  assert.equal(readsAsParentOnly(actors.relative, facts('relative')), true);
  assert.equal(readsAsParentOnly(actors.relative, { ...facts('relative'), share: 'read' }), false);
  assert.equal(readsAsParentOnly(actors.student, facts('student')), false);
  assert.equal(nodeAccess(actors.teacher, past(actors.teacher, 'teacher')), 'read', 'the owner of a past year’s class file reads it');
});

test('every declared documents action has its cases', () => {
  assert.deepEqual([...exercised].sort(), declaredActions('documents').sort());
});
