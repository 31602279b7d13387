import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import type { BlogFacts, BlogRelation, PostFacts } from './policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();
const managers: PolicyActorName[] = ['director', 'localAdmin', 'instanceAdmin'];

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

/** How each actor stands towards school A's CE1: the teacher teaches it, the pupil is in it, the relative's child is. */
const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
const blog =
  (over: Partial<BlogFacts> = {}) =>
  (name: PolicyActorName): BlogFacts => ({
    owner: 'class',
    structureId: SCHOOL_A,
    current: true,
    relations: relationOf(name),
    pupilsWrite: false,
    parentsComment: false,
    ...over,
  });
const post =
  (over: Partial<PostFacts> & { author?: PolicyActorName } = {}) =>
  (name: PolicyActorName): PostFacts => ({
    ...blog(over)(name),
    authorId: id(over.author ?? 'teacher'),
    status: 'published',
    audience: 'families',
    compliant: true,
    familiesHidden: false,
    deleted: false,
    ...over,
  });

test('opening and reading blogs', () => {
  check('blog.index.open', 'any', () => ({}), ['student', 'relative', 'teacher', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher']);
  check('blog.blog.read', 'this year', blog(), ['student', 'relative', 'teacher', ...managers]);
  check('blog.blog.read', 'a past year', blog({ current: false }), ['teacher', ...managers]);
});

test('writing: the class’s teachers, its pupils when allowed', () => {
  check('blog.post.create', 'pupils not allowed', blog(), ['teacher']);
  check('blog.post.create', 'pupils allowed', blog({ pupilsWrite: true }), ['teacher', 'student']);
  check('blog.post.create', 'a past year', blog({ pupilsWrite: true, current: false }), []);
  check('blog.post.edit', 'a teacher’s post', post(), ['teacher']);
  check('blog.post.edit', 'a pupil’s waiting post', post({ author: 'student', status: 'pending', pupilsWrite: true }), ['teacher', 'student']);
  check('blog.post.edit', 'a pupil’s published post', post({ author: 'student', pupilsWrite: true }), ['teacher']);
  check('blog.post.edit', 'removed', post({ deleted: true }), []);
  check('blog.post.publish', 'a pupil’s waiting post', post({ author: 'student', status: 'pending', pupilsWrite: true }), ['teacher']);
  check('blog.post.publish', 'a past year', post({ current: false }), []);
  check('blog.post.delete', 'a teacher’s post', post(), ['teacher', ...managers]);
  check('blog.post.delete', 'already removed', post({ deleted: true }), []);
});

test('reading posts: families only when published to them and compliant', () => {
  for (const action of ['blog.post.read', 'blog.media.read'] as const) {
    check(action, 'published to families', post(), ['student', 'relative', 'teacher', ...managers]);
    check(action, 'published to the class', post({ audience: 'class' }), ['student', 'teacher', ...managers]);
    check(action, 'a pupil without consent in a photo', post({ compliant: false }), ['student', 'teacher', ...managers]);
    check(action, 'hidden after a change of consent', post({ familiesHidden: true }), ['student', 'teacher', ...managers]);
    check(action, 'a draft of the teacher', post({ status: 'draft' }), ['teacher']);
    check(action, 'a pupil’s waiting post', post({ status: 'pending', author: 'student' }), ['student', 'teacher', ...managers]);
    check(action, 'a past year', post({ current: false, author: 'director' }), ['director', 'teacher', 'localAdmin', 'instanceAdmin']);
    check(action, 'removed', post({ deleted: true }), []);
  }
});

test('comments and settings', () => {
  check('blog.comment.create', 'parents allowed', post({ parentsComment: true }), ['relative']);
  check('blog.comment.create', 'parents not allowed', post(), []);
  check('blog.comment.create', 'to the class only', post({ parentsComment: true, audience: 'class' }), []);
  check('blog.comment.moderate', 'this year', post(), ['teacher', ...managers]);
  check('blog.settings.manage', 'this year', blog(), ['teacher']);
  check('blog.settings.manage', 'a past year', blog({ current: false }), []);
});

/** How each actor stands towards school A's blog: a member by profile, or a pupil's parent. */
const schoolRelations: Partial<Record<PolicyActorName, BlogRelation[]>> = {
  student: ['student'],
  relative: ['relative'],
  teacher: ['teacher'],
  director: ['teacher'],
  personnel: ['staff'],
  localAdmin: ['staff'],
};
const school =
  (over: Partial<BlogFacts> = {}) =>
  (name: PolicyActorName): BlogFacts => ({ ...blog(over)(name), owner: 'school', relations: schoolRelations[name] ?? [], ...over });
const schoolPost =
  (over: Partial<PostFacts> & { author?: PolicyActorName } = {}) =>
  (name: PolicyActorName): PostFacts => ({ ...post(over)(name), owner: 'school', relations: schoolRelations[name] ?? [], ...over });

test('the school’s blog: the direction and the teachers write; pupils, parents and staff read', () => {
  check('blog.school.open', 'school A', () => ({ structureId: SCHOOL_A }), managers);
  check('blog.blog.read', 'the school’s blog', school(), ['student', 'relative', 'teacher', 'personnel', ...managers]);
  check('blog.post.create', 'pupils not allowed', school(), ['teacher', ...managers]);
  check('blog.post.create', 'pupils allowed', school({ pupilsWrite: true }), ['teacher', 'student', ...managers]);
  check('blog.post.edit', 'a teacher’s post', schoolPost(), ['teacher', ...managers]);
  check('blog.post.publish', 'a pupil’s waiting post', schoolPost({ author: 'student', status: 'pending', pupilsWrite: true }), ['teacher', ...managers]);
  check('blog.post.read', 'published to families', schoolPost(), ['student', 'relative', 'teacher', 'personnel', ...managers]);
  check('blog.post.read', 'to the school only', schoolPost({ audience: 'class' }), ['student', 'teacher', 'personnel', ...managers]);
  check('blog.post.read', 'a pupil without consent in a photo', schoolPost({ compliant: false }), ['student', 'teacher', 'personnel', ...managers]);
  check('blog.post.read', 'hidden after a change of consent', schoolPost({ familiesHidden: true }), ['student', 'teacher', 'personnel', ...managers]);
  check('blog.comment.create', 'parents allowed', schoolPost({ parentsComment: true }), ['relative']);
  check('blog.comment.moderate', 'the school’s blog', schoolPost(), ['teacher', ...managers]);
  check('blog.settings.manage', 'the school’s blog', school(), managers);
});

test('every blog action is tested', () => {
  assert.deepEqual(
    declaredActions('blog').filter((a) => !tested.has(a)),
    [],
    'untested actions',
  );
});
