import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import type { ForumFacts } from './policy.js';
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

/** How each actor stands towards a CE1 class of school A (the director does not teach it). */
const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
const inSchoolA = (name: PolicyActorName) => actors[name].structures.some((s) => s.id === SCHOOL_A);

const forum =
  (over: Partial<ForumFacts> = {}) =>
  (name: PolicyActorName): ForumFacts => ({
    kind: 'class',
    structureId: SCHOOL_A,
    current: true,
    relations: (over.kind ?? 'class') === 'class' ? relationOf(name) : [],
    member: inSchoolA(name),
    pupilsRead: (over.kind ?? 'class') === 'class',
    parentsRead: false,
    pupilsWrite: false,
    reachesReaders: true,
    ...over,
  });
const thread =
  (over: Partial<ForumFacts> & { locked?: boolean; hidden?: boolean } = {}) =>
  (name: PolicyActorName) => ({ ...forum(over)(name), authorId: id('teacher'), locked: over.locked ?? false, hidden: over.hidden ?? false });
const post =
  (over: Partial<ForumFacts> & { locked?: boolean; hidden?: boolean; postHidden?: boolean; author?: PolicyActorName } = {}) =>
  (name: PolicyActorName) => ({ ...thread(over)(name), postAuthorId: id(over.author ?? 'teacher'), postHidden: over.postHidden ?? false });

const STAFF: PolicyActorName[] = ['teacher', 'personnel', 'director', 'localAdmin'];

test('the forums are for everyone but municipal agents', () => {
  check(
    'forum.index.open',
    'any',
    () => ({}),
    names.filter((n) => n !== 'municipal'),
  );
});

test('who reads: the class’s own people, the school forum as configured, the staff room staff only', () => {
  check('forum.forum.read', 'class forum', forum(), ['teacher', 'director', 'student']);
  check('forum.forum.read', 'class forum opened to parents', forum({ parentsRead: true }), ['teacher', 'director', 'student', 'relative']);
  check('forum.forum.read', 'class forum of a past year', forum({ current: false, parentsRead: true }), ['teacher', 'director']);
  check('forum.forum.read', 'school forum, staff only', forum({ kind: 'school' }), STAFF);
  check('forum.forum.read', 'school forum, pupils and parents', forum({ kind: 'school', pupilsRead: true, parentsRead: true }), [
    ...STAFF,
    'student',
    'relative',
  ]);
  check('forum.forum.read', 'school forum of a past year', forum({ kind: 'school', pupilsRead: true, parentsRead: true, current: false }), STAFF);
  check('forum.forum.read', 'staff room, whatever its flags', forum({ kind: 'staff', pupilsRead: true, parentsRead: true }), STAFF);
  check('forum.subscription.manage', 'readers follow', forum(), ['teacher', 'director', 'student']);
});

test('who opens a thread: readers who reach every reader; pupils where a teacher opened writing', () => {
  check('forum.thread.create', 'class forum closed to pupils', forum(), ['teacher', 'director']);
  check('forum.thread.create', 'class forum opened to pupils', forum({ pupilsWrite: true }), ['teacher', 'director', 'student']);
  check('forum.thread.create', 'parents reading, reaching everyone', forum({ parentsRead: true }), ['teacher', 'director', 'relative']);
  check('forum.thread.create', 'readers one may not write to', forum({ pupilsWrite: true, reachesReaders: false }), []);
  check('forum.thread.create', 'a past year', forum({ pupilsWrite: true, current: false }), []);
  check('forum.thread.create', 'staff room', forum({ kind: 'staff' }), STAFF);
});

test('moderators: the class’s teachers and the director; the director alone for the school forum and the staff room', () => {
  check('forum.forum.moderate', 'class forum', forum(), ['teacher', 'director']);
  check('forum.forum.moderate', 'school forum', forum({ kind: 'school' }), ['director']);
  check('forum.forum.moderate', 'staff room', forum({ kind: 'staff' }), ['director']);
  check('forum.forum.moderate', 'a past year', forum({ current: false }), []);
  check('forum.report.read', 'reports of a past year stay readable', forum({ current: false }), ['teacher', 'director']);
  check('forum.thread.moderate', 'class forum', thread(), ['teacher', 'director']);
  check('forum.thread.moderate', 'a past year', thread({ current: false }), []);
  check('forum.post.moderate', 'class forum', post(), ['teacher', 'director']);
  check('forum.post.moderate', 'staff room', post({ kind: 'staff' }), ['director']);
});

test('threads: a hidden one only for moderators; no reply in a locked or hidden one', () => {
  check('forum.thread.read', 'visible', thread(), ['teacher', 'director', 'student']);
  check('forum.thread.read', 'hidden', thread({ hidden: true }), ['teacher', 'director']);
  check('forum.post.create', 'open to pupils', thread({ pupilsWrite: true }), ['teacher', 'director', 'student']);
  check('forum.post.create', 'locked', thread({ pupilsWrite: true, locked: true }), []);
  check('forum.post.create', 'hidden', thread({ pupilsWrite: true, hidden: true }), []);
});

test('reports: any reader, on someone else’s visible post, this year', () => {
  check('forum.post.report', 'the teacher’s post', post(), ['director', 'student']);
  check('forum.post.report', 'a pupil’s post', post({ author: 'student' }), ['teacher', 'director']);
  check('forum.post.report', 'a hidden post', post({ postHidden: true }), []);
  check('forum.post.report', 'a past year', post({ current: false }), []);
});

test('correcting a post: its author only, while they may write there and it is visible', () => {
  check('forum.post.edit', 'the teacher’s post', post(), ['teacher']);
  check('forum.post.edit', 'a pupil’s post, pupils writing', post({ author: 'student', pupilsWrite: true }), ['student']);
  check('forum.post.edit', 'a pupil’s post, writing closed again', post({ author: 'student' }), []);
  check('forum.post.edit', 'a hidden post', post({ postHidden: true }), []);
  check('forum.post.edit', 'a locked thread', post({ locked: true }), []);
  check('forum.post.edit', 'a past year', post({ current: false }), []);
});

test('every declared action of the module is tested', () => {
  assert.deepEqual(
    declaredActions('forum').filter((a) => !tested.has(a)),
    [],
    'actions without policy cases',
  );
});
