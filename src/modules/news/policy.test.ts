import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, policyActors, SCHOOL_A, SCHOOL_B, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { ItemFacts, TargetFacts } from './policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const id = (name: PolicyActorName) => actors[name].personId;
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const managers: PolicyActorName[] = ['director', 'localAdmin', 'instanceAdmin'];
const target =
  (over: Partial<TargetFacts>) =>
  (name: PolicyActorName): TargetFacts => ({
    kind: 'class',
    structureId: SCHOOL_A,
    structureKind: 'school',
    current: true,
    relations: name === 'teacher' ? ['teacher'] : [],
    ...over,
  });
const item =
  (over: Partial<ItemFacts> & { author?: PolicyActorName }) =>
  (name: PolicyActorName): ItemFacts => ({
    authorId: id(over.author ?? 'teacher'),
    structureId: SCHOOL_A,
    withdrawn: false,
    live: true,
    inAudience: name === 'relative' || name === 'student',
    ...over,
  });

test('who writes news and opens the page', () => {
  check('news.index.open', 'anyone', () => ({}), names);
  check('news.item.write', 'profile', () => ({}), ['teacher', 'personnel', 'municipal', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher']);
});

test('who reaches which audience', () => {
  check('news.audience.reach', 'a class taught this year', target({}), ['teacher', 'personnel', 'director', 'localAdmin', 'instanceAdmin']);
  check('news.audience.reach', 'a class of a past year', target({ current: false }), []);
  check('news.audience.reach', 'the parents of a class', target({ kind: 'parents' }), ['teacher', 'personnel', 'director', 'localAdmin', 'instanceAdmin']);
  check('news.audience.reach', 'the whole school', target({ kind: 'school' }), ['personnel', 'director', 'localAdmin', 'instanceAdmin']);
  check('news.audience.reach', 'the staff', target({ kind: 'staff' }), ['personnel', 'director', 'localAdmin', 'instanceAdmin']);
  check('news.audience.reach', 'another school’s class', target({ structureId: SCHOOL_B, relations: [] }), ['instanceAdmin']);
  check('news.audience.reach', 'a municipality’s families', target({ kind: 'municipality', structureId: MUNICIPALITY, structureKind: 'municipality' }), [
    'municipal',
    'instanceAdmin',
  ]);
  check('news.audience.reach', 'a school named as a municipality', target({ kind: 'municipality', structureId: SCHOOL_A, structureKind: 'school' }), []);
  check('news.audience.reach', 'a municipality named as a school', target({ kind: 'school', structureId: MUNICIPALITY, structureKind: 'municipality' }), []);
});

test('reading an item, its files and its receipts', () => {
  check('news.item.read', 'live, audience', item({}), ['teacher', 'student', 'relative', ...managers]);
  check('news.item.read', 'not live', item({ live: false }), ['teacher', ...managers]);
  check('news.attachment.download', 'live, audience', item({}), ['teacher', 'student', 'relative', ...managers]);
  check('news.attachment.download', 'withdrawn', item({ live: false, withdrawn: true }), ['teacher', ...managers]);
  check('news.receipts.read', 'author or managers', item({}), ['teacher', ...managers]);
});

test('withdrawing and changing an item', () => {
  check('news.item.withdraw', 'published', item({}), ['teacher', ...managers]);
  check('news.item.withdraw', 'already withdrawn', item({ withdrawn: true }), []);
  check('news.item.edit', 'published', item({ author: 'municipal', structureId: MUNICIPALITY }), ['municipal', 'instanceAdmin']);
  check('news.item.edit', 'withdrawn', item({ withdrawn: true }), []);
});

test('every news action is tested', () => {
  assert.deepEqual(
    declaredActions('news').filter((a) => !tested.has(a)),
    [],
    'actions without cases',
  );
});
