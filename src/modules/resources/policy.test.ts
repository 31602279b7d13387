import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation } from '../directory/index.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

/** The teacher teaches the link's class, the pupil is in it, the relative is a parent of a pupil in it. */
const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
const link =
  (over: { owner?: PolicyActorName; school?: boolean; inClass?: boolean } = {}) =>
  (name: PolicyActorName) => ({
    ownerId: id(over.owner ?? 'teacher'),
    structureId: SCHOOL_A,
    sharedWithSchool: over.school ?? false,
    relations: over.inClass ? relationOf(name) : [],
  });
const managers: PolicyActorName[] = ['director', 'localAdmin', 'instanceAdmin'];
const everyone = names;

test('the links page and adding links', () => {
  check('resources.links.open', 'any', () => ({}), everyone);
  check('resources.link.create', 'any', () => ({}), ['teacher', 'director', 'otherSchoolTeacher']);
  check('resources.link.share', 'a class taught this year', (n) => ({ current: true, relations: relationOf(n) }), ['teacher']);
  check('resources.link.share', 'a class of a past year', (n) => ({ current: false, relations: relationOf(n) }), []);
});

test('reading, editing and copying links', () => {
  check('resources.link.read', 'private', link(), ['teacher', ...managers]);
  check('resources.link.read', 'shared with a class', link({ inClass: true }), ['teacher', 'student', 'relative', ...managers]);
  check('resources.link.read', 'shared with the school', link({ owner: 'director', school: true }), ['teacher', ...managers]);
  check('resources.link.edit', 'own', link(), ['teacher']);
  check('resources.link.copy', 'a colleague’s, shared with the school', link({ owner: 'localAdmin', school: true }), ['teacher', 'director']);
  check('resources.link.copy', 'one’s own', link(), ['director']);
});

test('the catalogue', () => {
  check('resources.catalogue.search', 'any', () => ({}), names);
  check('resources.catalogue.import', 'any', () => ({}), ['instanceAdmin']);
  const staff: PolicyActorName[] = ['teacher', 'personnel', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher'];
  check('resources.resource.read', 'free, for pupils', () => ({ audience: ['student'], access: 'free', covered: false }), [...staff, 'student', 'relative']);
  check('resources.resource.read', 'for teachers', () => ({ audience: ['teacher'], access: 'free', covered: false }), staff);
  check('resources.resource.read', 'licensed, for pupils', () => ({ audience: ['student'], access: 'licence', covered: false }), staff);
  check('resources.resource.read', 'licensed, for pupils, covered', () => ({ audience: ['student'], access: 'licence', covered: true }), [
    ...staff,
    'student',
    'relative',
  ]);
  check('resources.resource.read', 'licensed, for teachers, covered', () => ({ audience: ['teacher'], access: 'licence', covered: true }), staff);
  check('resources.resource.open', 'free', () => ({ audience: ['student'], access: 'free', covered: false }), [...staff, 'student', 'relative']);
  check('resources.resource.open', 'licensed, not covered', () => ({ audience: ['student'], access: 'licence', covered: false }), []);
  check('resources.resource.open', 'licensed, covered', () => ({ audience: ['student'], access: 'licence', covered: true }), [...staff, 'student', 'relative']);
});

const schoolA = { structureId: SCHOOL_A, municipalityId: MUNICIPALITY };
const orphan = { structureId: SCHOOL_A, municipalityId: null };

test('budgets, baskets and licences', () => {
  check('resources.budgets.open', 'any', () => ({}), ['municipal', 'instanceAdmin']);
  check('resources.budget.set', 'a school of the municipality', () => schoolA, ['municipal', 'instanceAdmin']);
  check('resources.budget.set', 'a school without a municipality', () => orphan, ['instanceAdmin']);
  check('resources.basket.read', 'the school', () => schoolA, ['teacher', 'director', 'localAdmin', 'instanceAdmin', 'municipal']);
  check('resources.basket.propose', 'the school', () => schoolA, ['teacher', 'director']);
  check('resources.basket.decide', 'the school', () => schoolA, ['director']);
  check('resources.basket.export', 'the school', () => schoolA, ['director', 'instanceAdmin', 'municipal']);
  check('resources.licence.manage', 'the school', () => schoolA, ['director', 'localAdmin', 'instanceAdmin']);
});

test('every declared action is tested', () => {
  assert.deepEqual(
    declaredActions('resources').filter((a) => !tested.has(a)),
    [],
  );
});
