import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, declaredActions, type ActionName, type Actions } from '../../kernel/authz/index.js';
import { MUNICIPALITY, policyActors, SCHOOL_A, type PolicyActorName } from '../../kernel/testing/policy.js';
import './policy.js';

const actors = policyActors();
const names = Object.keys(actors) as PolicyActorName[];
const tested = new Set<string>();

function check<K extends ActionName>(action: K, label: string, facts: (name: PolicyActorName) => Actions[K], allowed: PolicyActorName[]) {
  tested.add(action);
  for (const name of names) assert.equal(can(actors[name], action, facts(name)), allowed.includes(name), `${action} (${label}) for ${name}`);
}

const school = () => ({ structureId: SCHOOL_A, municipalityId: MUNICIPALITY });
const ADULTS: PolicyActorName[] = ['teacher', 'personnel', 'director', 'localAdmin'];

test('the equipment pages are for the schools’ adults and the municipalities’ agents', () => {
  check('equipment.index.open', 'anyone', () => ({}), [...ADULTS, 'municipal', 'otherSchoolTeacher', 'instanceAdmin']);
});

test('a school’s inventory: its adults read it, its municipality keeps it', () => {
  check('equipment.school.read', 'school A of the municipality', school, [...ADULTS, 'municipal']);
  check('equipment.school.manage', 'school A of the municipality', school, ['municipal']);
  check('equipment.school.read', 'a school without a municipality', () => ({ structureId: SCHOOL_A, municipalityId: null }), ADULTS);
  check('equipment.school.manage', 'a school of another municipality', () => ({ structureId: SCHOOL_A, municipalityId: 'elsewhere' }), []);
});

test('faults: the school’s adults report; the reporter, the director and the agents follow; the agents triage', () => {
  check('equipment.ticket.report', 'school A', school, [...ADULTS, 'municipal']);
  const ticket = () => ({ ...school(), reporterId: actors.teacher.personId });
  check('equipment.ticket.read', 'reported by the teacher', ticket, ['teacher', 'director', 'municipal']);
  check('equipment.ticket.comment', 'reported by the teacher', ticket, ['teacher', 'director', 'municipal']);
  check('equipment.ticket.manage', 'reported by the teacher', ticket, ['municipal']);
});

test('the renewal plan: a school’s for its director and its agents, the town’s for the agents', () => {
  check('equipment.school.plan', 'school A of the municipality', school, ['director', 'municipal']);
  check('equipment.school.plan', 'a school of another municipality', () => ({ structureId: SCHOOL_A, municipalityId: 'elsewhere' }), ['director']);
  check('equipment.renewal.overview', 'anyone', () => ({}), ['municipal']);
});

test('every equipment action is tested', () => {
  assert.deepEqual([...tested].sort(), declaredActions('equipment').sort(), 'all declared actions checked');
});
