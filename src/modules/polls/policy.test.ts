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
  for (const name of names) assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const relationOf = (name: PolicyActorName): GroupRelation[] => (name === 'teacher' ? ['teacher'] : name === 'relative' ? ['relative'] : []);
const audience =
  (kind: 'classParents' | 'staff' | 'people', current = true) =>
  (name: PolicyActorName) => ({
    audience: kind,
    structureId: SCHOOL_A,
    current,
    relations: relationOf(name),
  });
/** A poll by the teacher, whose audience is the relative. */
const poll =
  (over: { open?: boolean; closed?: boolean; live?: boolean; withdrawn?: boolean; current?: boolean } = {}) =>
  (name: PolicyActorName) => ({
    structureId: SCHOOL_A,
    authorId: id('teacher'),
    member: name === 'relative',
    current: over.current ?? true,
    open: over.open ?? true,
    closed: over.closed ?? false,
    resultsLive: over.live ?? false,
    withdrawn: over.withdrawn ?? false,
  });

test('who creates polls, and for which audience', () => {
  check(
    'polls.index.open',
    'any',
    () => ({}),
    names.filter((n) => n !== 'municipal'),
  );
  check('polls.poll.write', 'any', () => ({}), ['teacher', 'director', 'otherSchoolTeacher']);
  check('polls.poll.create', 'a class’s parents', audience('classParents'), ['teacher', 'director']);
  check('polls.poll.create', 'the staff', audience('staff'), ['director']);
  check('polls.poll.create', 'a council', audience('people'), ['director']);
  check('polls.poll.create', 'a past year', audience('classParents', false), []);
});

test('reading, voting, editing, results and export', () => {
  check('polls.poll.read', 'open', poll(), ['teacher', 'director', 'relative']);
  check('polls.poll.read', 'a past year', poll({ current: false }), ['teacher', 'director']);
  check('polls.poll.vote', 'open', poll(), ['relative']);
  check('polls.poll.vote', 'not open', poll({ open: false, closed: true }), []);
  check('polls.poll.vote', 'withdrawn', poll({ withdrawn: true }), []);
  check('polls.poll.edit', 'open', poll(), ['teacher']);
  check('polls.poll.edit', 'withdrawn', poll({ withdrawn: true }), []);
  check('polls.results.read', 'open, results after closing', poll(), ['teacher', 'director']);
  check('polls.results.read', 'open, live results', poll({ live: true }), ['teacher', 'director', 'relative']);
  check('polls.results.read', 'closed', poll({ open: false, closed: true }), ['teacher', 'director', 'relative']);
  check('polls.results.export', 'closed', poll({ open: false, closed: true }), ['teacher', 'director']);
});

test('every declared action of the module is tested', () => {
  assert.deepEqual(
    declaredActions('polls').filter((a) => !tested.has(a)),
    [],
    'actions without policy cases',
  );
});
