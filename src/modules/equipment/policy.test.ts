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

test('the yearly project: the school’s adults and its municipality read it; the director submits; the municipality reviews', () => {
  check('equipment.project.read', 'school A', school, [...ADULTS, 'municipal']);
  check('equipment.project.read', 'a school of another municipality', () => ({ structureId: SCHOOL_A, municipalityId: 'elsewhere' }), ADULTS);
  check('equipment.need.submit', 'school A', school, ['director']);
  check('equipment.need.comment', 'school A', school, [...ADULTS, 'municipal']);
  check('equipment.need.review', 'school A', school, ['municipal']);
  check('equipment.need.review', 'a school of another municipality', () => ({ structureId: SCHOOL_A, municipalityId: 'elsewhere' }), []);
});

test('the kit and the officials: the agents keep the kit; administrators name the officials', () => {
  const town = () => ({ municipalityId: MUNICIPALITY, officialIds: [] });
  check('equipment.kit.edit', 'the municipality', town, ['municipal']);
  check('equipment.kit.edit', 'another municipality', () => ({ municipalityId: 'elsewhere', officialIds: [] }), []);
  check('equipment.targets.edit', 'the municipality', town, ['municipal']);
  check('equipment.targets.edit', 'another municipality', () => ({ municipalityId: 'elsewhere', officialIds: [] }), []);
  check('equipment.officials.designate', 'the municipality', town, ['instanceAdmin']);
  check('equipment.officials.designate', 'no municipality', () => ({ municipalityId: null, officialIds: [] }), []);
});

test('budgets and orders: agents draw up, elected officials set the budget and approve', () => {
  const official = () => ({ municipalityId: MUNICIPALITY, officialIds: [actors.municipal.personId] });
  const notOfficial = () => ({ municipalityId: MUNICIPALITY, officialIds: [] });
  check('equipment.budget.read', 'the municipality', notOfficial, ['municipal']);
  check('equipment.budget.set', 'the agent is an official', official, ['municipal']);
  check('equipment.budget.set', 'the agent is the technician only', notOfficial, []);
  check('equipment.order.create', 'school A', school, ['municipal']);
  check('equipment.order.approve', 'the agent is an official', () => ({ ...school(), ...official() }), ['municipal']);
  check('equipment.order.approve', 'the agent is the technician only', () => ({ ...school(), ...notOfficial() }), []);
  check('equipment.order.deliver', 'school A', school, ['municipal']);
});

test('installation: the director confirms; the technician or the director records the training', () => {
  check('equipment.installation.confirm', 'school A', school, ['director']);
  check('equipment.installation.training', 'school A', school, ['director', 'municipal']);
  check('equipment.installation.training', 'a school of another municipality', () => ({ structureId: SCHOOL_A, municipalityId: 'elsewhere' }), ['director']);
});

test('loans to families: the director and the agents lend and take back; the pupil’s parents read and acknowledge', () => {
  check('equipment.loan.lend', 'school A', school, ['director', 'municipal']);
  check('equipment.loan.lend', 'a school of another municipality', () => ({ structureId: SCHOOL_A, municipalityId: 'elsewhere' }), ['director']);
  const loan = () => ({ ...school(), relativeIds: [actors.relative.personId] });
  const otherChild = () => ({ ...school(), relativeIds: ['another-parent'] });
  check('equipment.loan.read', 'lent to the relative’s child', loan, ['director', 'municipal', 'relative']);
  check('equipment.loan.read', 'lent to another child', otherChild, ['director', 'municipal']);
  check('equipment.loan.acknowledge', 'lent to the relative’s child', loan, ['relative']);
  check('equipment.loan.acknowledge', 'lent to another child', otherChild, []);
  check('equipment.loan.mine', 'anyone', () => ({}), ['relative']);
});

test('every equipment action is tested', () => {
  assert.deepEqual([...tested].sort(), declaredActions('equipment').sort(), 'all declared actions checked');
});
