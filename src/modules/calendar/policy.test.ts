import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { EventFacts } from './policy.js';
import '../news/policy.js';
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
const event =
  (over: Partial<EventFacts> = {}) =>
  (name: PolicyActorName): EventFacts => ({
    authorId: id('teacher'),
    structureId: SCHOOL_A,
    cancelled: false,
    inAudience: name === 'relative' || name === 'student',
    ...over,
  });

test('calendar pages, writing and audiences', () => {
  check('calendar.index.open', 'anyone', () => ({}), names);
  check('calendar.event.write', 'profile', () => ({}), ['teacher', 'personnel', 'municipal', 'director', 'localAdmin', 'instanceAdmin', 'otherSchoolTeacher']);
  check(
    'calendar.audience.reach',
    'a class taught',
    (name) => ({ kind: 'class', structureId: SCHOOL_A, structureKind: 'school', current: true, relations: name === 'teacher' ? ['teacher'] : [] }),
    ['teacher', 'personnel', ...managers],
  );
  check(
    'calendar.audience.reach',
    'a municipality',
    () => ({ kind: 'municipality', structureId: MUNICIPALITY, structureKind: 'municipality', current: true, relations: [] }),
    ['municipal', 'instanceAdmin'],
  );
});

test('reading and cancelling events', () => {
  check('calendar.event.read', 'audience', event(), ['teacher', 'student', 'relative', ...managers]);
  check('calendar.event.read', 'cancelled, audience', event({ cancelled: true }), ['teacher', 'student', 'relative', ...managers]);
  check('calendar.event.cancel', 'published', event(), ['teacher', ...managers]);
  check('calendar.event.cancel', 'already cancelled', event({ cancelled: true }), []);
  check('calendar.event.edit', 'published', event(), ['teacher', ...managers]);
  check('calendar.event.edit', 'cancelled', event({ cancelled: true }), []);
});

test('the school’s holiday zone', () => {
  check('calendar.settings.manage', 'school A', () => ({ structureId: SCHOOL_A }), managers);
  check('calendar.settings.read', 'school A', () => ({ structureId: SCHOOL_A }), ['student', 'relative', 'teacher', 'personnel', ...managers]);
});

test('every calendar action is tested', () => {
  assert.deepEqual(
    declaredActions('calendar').filter((a) => !tested.has(a)),
    [],
    'actions without cases',
  );
});
