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

/** Runs the action for every actor with the facts `factsFor` builds, and checks who is allowed. */
function check<K extends ActionName>(action: K, label: string, factsFor: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) {
    assert.equal(can(actors[name], action, factsFor(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
  }
}

/** How each actor stands towards a CE1 group of school A: the teacher teaches it, the pupil is in it, the relative is a parent. */
const relationOf = (name: PolicyActorName): GroupRelation[] =>
  name === 'teacher' ? ['teacher'] : name === 'student' ? ['student'] : name === 'relative' ? ['relative'] : [];
const group = (current: boolean) => (name: PolicyActorName) => ({ structureId: SCHOOL_A, current, relations: relationOf(name) });
const lesson =
  (over: { current?: boolean; published?: boolean; visible?: boolean; open?: { students: boolean; relatives: boolean }; author?: PolicyActorName } = {}) =>
  (name: PolicyActorName) => ({
    teacherId: id(over.author ?? 'teacher'),
    structureId: SCHOOL_A,
    current: over.current ?? true,
    published: over.published ?? true,
    visible: over.visible ?? over.published ?? true,
    relations: relationOf(name),
    open: over.open ?? { students: true, relatives: true },
  });
const own = (current: boolean) => () => ({ teacherId: id('teacher'), current });
const managers: PolicyActorName[] = ['director', 'localAdmin', 'instanceAdmin'];

test('pages of the cahier de textes and writing lessons', () => {
  check('homework.index.open', 'any', () => ({}), ['teacher', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher']);
  check('homework.lesson.write', 'any', () => ({}), ['teacher', 'director', 'otherSchoolTeacher']);
  check('homework.lesson.create', 'a group taught this year', group(true), ['teacher']);
  check('homework.lesson.create', 'a group of a past year', group(false), []);
});

test('reading lessons: author, managers, this year’s group once visible and open', () => {
  check('homework.lesson.read', 'published this year', lesson(), ['teacher', 'student', 'relative', ...managers]);
  check('homework.lesson.read', 'a draft', lesson({ published: false }), ['teacher']);
  check('homework.lesson.read', 'another teacher’s draft', lesson({ published: false, author: 'director' }), ['director']);
  check('homework.lesson.read', 'published later', lesson({ visible: false, author: 'director' }), ['director', 'localAdmin', 'instanceAdmin']);
  check('homework.lesson.read', 'a past year', lesson({ current: false, author: 'director' }), managers);
  check('homework.lesson.read', 'closed to families', lesson({ open: { students: false, relatives: false } }), ['teacher', ...managers]);
  check('homework.attachment.download', 'published this year', lesson(), ['teacher', 'student', 'relative', ...managers]);
  check('homework.attachment.download', 'a past year', lesson({ current: false, author: 'director' }), managers);
});

test('only the author changes a lesson, in its school year', () => {
  for (const action of ['homework.lesson.edit', 'homework.lesson.delete', 'homework.attachment.add', 'homework.attachment.remove'] as const) {
    check(action, 'this year', own(true), ['teacher']);
    check(action, 'a past year', own(false), []);
  }
  check('homework.lesson.copy', 'this year', own(true), ['teacher']);
  check('homework.lesson.copy', 'a past year', own(false), ['teacher']);
});

test('groups: teachers, this year’s families, managers of the school', () => {
  check('homework.group.read', 'this year', group(true), ['teacher', 'student', 'relative', ...managers]);
  check('homework.group.read', 'a past year', group(false), ['teacher', ...managers]);
  check('homework.group.inspect', 'school A', () => ({ structureId: SCHOOL_A }), managers);
  check('homework.group.inspect', 'no structure', () => ({ structureId: null }), []);
});

test('agenda and ticks: the pupil and their parents only', () => {
  const pupil = (name: PolicyActorName) => ({ studentId: id('student'), childOfActor: name === 'relative' });
  check('homework.agenda.open', 'any', () => ({}), ['student', 'relative']);
  check('homework.agenda.read', 'the pupil', pupil, ['student', 'relative']);
  check('homework.agenda.read', 'another pupil', () => ({ studentId: id('otherSchoolTeacher'), childOfActor: false }), []);
  check('homework.assignment.tick', 'visible work', (name) => ({ ...pupil(name), workVisible: true }), ['student', 'relative']);
  check('homework.assignment.tick', 'work not in the agenda', (name) => ({ ...pupil(name), workVisible: false }), []);
});

test('subjects, settings and the calendar feed', () => {
  const active = (name: PolicyActorName) => ({ structureId: actors[name].activeStructureId });
  check(
    'homework.subject.list',
    'the active structure',
    active,
    names.filter((n) => n !== 'instanceAdmin'),
  );
  check('homework.subject.list', 'school A', () => ({ structureId: SCHOOL_A }), ['student', 'relative', 'teacher', 'personnel', 'director', 'localAdmin']);
  check(
    'homework.settings.manage',
    'the active structure',
    active,
    managers.filter((n) => n !== 'instanceAdmin'),
  );
  check('homework.settings.manage', 'school A', () => ({ structureId: SCHOOL_A }), managers);
  check('homework.calendar.manage', 'any', () => ({}), ['student', 'relative', 'teacher', 'director', 'otherSchoolTeacher']);
});

test('every declared action is tested', () => {
  const declared = declaredActions('homework');
  assert.ok(declared.length >= 15, `${declared.length} actions`);
  assert.deepEqual(
    declared.filter((a) => !tested.has(a)),
    [],
  );
});
