import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authorize, can, declaredActions, type ActionName, type Actions, type Actor } from '../../kernel/authz/index.js';
import { AppError } from '../../kernel/http/errors.js';
import { SCHOOL_A, policyActors, type PolicyActorName } from '../../kernel/testing/policy.js';
import type { GroupRelation, GroupStanding } from './groups-of.js';
import { directoryPolicy, type PersonFacts } from './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const managers: PolicyActorName[] = ['director', 'localAdmin', 'instanceAdmin'];
const schoolA: PolicyActorName[] = ['student', 'relative', 'teacher', 'personnel', 'director', 'localAdmin'];

const pupil = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  personId: 'aaaa0000-0000-4000-8000-0000000000p1',
  profile: 'student',
  structureIds: [SCHOOL_A],
  visible: false,
  ...over,
});
const parent = (): PersonFacts => ({ ...pupil(), personId: 'aaaa0000-0000-4000-8000-0000000000r1', profile: 'relative' });

/** How each actor stands towards school A's CE1: as their profile would (teacher teaches it, pupil is in it, parent's child is). */
function standing(actor: Actor, current: boolean): GroupStanding {
  const relations: GroupRelation[] = [];
  if (actor.activeStructureId === SCHOOL_A) {
    if (actor.profile === 'teacher') relations.push('teacher');
    if (actor.profile === 'student') relations.push('student');
    if (actor.profile === 'relative') relations.push('relative');
  }
  return { groupId: 'aaaa0000-0000-4000-8000-0000000000c1', structureId: SCHOOL_A, schoolYear: current ? '2026-2027' : '2025-2026', current, relations };
}

interface Case<K extends ActionName> {
  action: K;
  note: string;
  facts: (actor: Actor) => Actions[K];
  allowed: PolicyActorName[];
}
const c = <K extends ActionName>(action: K, note: string, facts: (actor: Actor) => Actions[K], allowed: PolicyActorName[]): Case<K> => ({
  action,
  note,
  facts,
  allowed,
});

const cases = [
  c('directory.person.search', 'staff and teachers browse the directory', () => ({}), [
    'teacher',
    'personnel',
    'director',
    'localAdmin',
    'instanceAdmin',
    'otherSchoolTeacher',
  ]),
  c('directory.person.read', 'a pupil outside the asker’s scope: managers of the school only', () => pupil(), managers),
  c('directory.person.read', 'a person within the asker’s scope', () => pupil({ visible: true }), names),
  c('directory.person.create', 'in school A', () => ({ structureId: SCHOOL_A }), managers),
  c('directory.person.edit', 'a pupil of school A', () => pupil(), managers),
  c('directory.person.deactivate', 'a pupil of school A', () => pupil(), managers),
  c('directory.person.photoConsent', 'a pupil of school A', () => pupil(), managers),
  c('directory.person.photoConsent', 'a parent: consent is a pupil’s', () => parent(), []),
  c('directory.person.deactivate', 'oneself: nobody', (a) => pupil({ personId: a.personId, profile: a.profile }), []),
  c('directory.person.move', 'a pupil into a class of the running year', (a) => ({ person: pupil(), target: standing(a, true) }), managers),
  c('directory.person.move', 'into a class of a closed year: nobody', (a) => ({ person: pupil(), target: standing(a, false) }), []),
  c('directory.person.move', 'a parent is not moved into a class', (a) => ({ person: parent(), target: standing(a, true) }), []),
  c('directory.role.grant', 'to a member of school A', () => ({ person: pupil({ profile: 'teacher' }), structureId: SCHOOL_A }), managers),
  c('directory.role.grant', 'in a school the person does not belong to', () => ({ person: pupil({ structureIds: [] }), structureId: SCHOOL_A }), []),
  c(
    'directory.role.grant',
    'one’s own roles: only the instance administrator',
    (a) => ({ person: pupil({ personId: a.personId, profile: a.profile }), structureId: SCHOOL_A }),
    ['instanceAdmin'],
  ),
  c('directory.link.create', 'a parent and a pupil of school A', () => ({ relative: parent(), student: pupil() }), managers),
  c('directory.structure.create', 'schools and municipalities', () => ({}), ['instanceAdmin']),
  c('directory.structure.read', 'school A', () => ({ structureId: SCHOOL_A }), [...schoolA, 'instanceAdmin']),
  c('directory.structure.manage', 'school A', () => ({ structureId: SCHOOL_A }), managers),
  c('directory.class.create', 'for a year that is not over', () => ({ structureId: SCHOOL_A, closed: false }), managers),
  c('directory.class.create', 'for a closed year: nobody', () => ({ structureId: SCHOOL_A, closed: true }), []),
  c('directory.class.read', 'this year: managers, its teacher and its pupils; not parents', (a) => standing(a, true), [...managers, 'teacher', 'student']),
  c('directory.class.read', 'a closed year: managers and its teacher; families no more', (a) => standing(a, false), [...managers, 'teacher']),
  c('directory.codes.print', 'a class of school A', (a) => standing(a, true), managers),
  c('directory.import.run', 'into school A', () => ({ structureId: SCHOOL_A }), managers),
  c('directory.import.read', 'school A’s runs', () => ({ structureId: SCHOOL_A }), managers),
  c('directory.aaf.import', 'the académie’s feed', () => ({}), ['instanceAdmin']),
  c('directory.aaf.read', 'the AAF runs', () => ({}), ['instanceAdmin']),
];

describe('directory policy', () => {
  for (const k of cases) {
    test(`${k.action}: ${k.note}`, () => {
      for (const name of names) {
        const actor = actors[name];
        const facts = k.facts(actor);
        const expected = k.allowed.includes(name);
        assert.equal(can(actor, k.action, facts as never), expected, `${name} ${expected ? 'allowed' : 'refused'}`);
        if (expected) authorize(actor, k.action, facts as never);
        else
          assert.throws(
            () => authorize(actor, k.action, facts as never),
            (e: unknown) => e instanceof AppError && [403, 404].includes(e.statusCode),
            name,
          );
      }
    });
  }

  test('missing facts answer 404 for everyone', () => {
    for (const name of names) {
      assert.throws(
        () => authorize(actors[name], 'directory.person.read', null),
        (e: unknown) => e instanceof AppError && e.statusCode === 404,
      );
    }
  });

  test('refusals that reveal nothing are 403, the others 404', () => {
    const statusOf = (run: () => void) => {
      try {
        run();
        return 200;
      } catch (e) {
        return (e as AppError).statusCode;
      }
    };
    assert.equal(
      statusOf(() => authorize(actors.teacher, 'directory.person.create', { structureId: SCHOOL_A })),
      403,
    );
    assert.equal(
      statusOf(() => authorize(actors.teacher, 'directory.structure.create', {})),
      403,
    );
    assert.equal(
      statusOf(() => authorize(actors.otherSchoolTeacher, 'directory.person.edit', pupil())),
      404,
    );
    assert.equal(
      statusOf(() => authorize(actors.otherSchoolTeacher, 'directory.class.read', standing(actors.otherSchoolTeacher, true))),
      404,
    );
  });

  test('every declared action is exercised', () => {
    const exercised = new Set(cases.map((k) => k.action as string));
    assert.deepEqual(
      declaredActions('directory').filter((a) => !exercised.has(a)),
      [],
    );
    assert.deepEqual(Object.keys(directoryPolicy).sort(), declaredActions('directory').sort());
  });
});
