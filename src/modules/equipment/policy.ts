import { belongsTo, definePolicy, hasRole, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

/** A school and the municipality that owns it (`structures.parentId`): its equipment belongs to the municipality. */
export interface SchoolFacts {
  structureId: string;
  municipalityId: string | null;
}

/** A ticket: its school, and who reported it. */
export interface TicketFacts extends SchoolFacts {
  reporterId: string;
}

/** A municipality, with the agents it named its elected officials for equipment (the module's own setting). */
export interface MunicipalityFacts {
  municipalityId: string | null;
  officialIds: string[];
}

/** A school's project step that needs an official: the school and its municipality's officials. */
export type SchoolOfficialFacts = SchoolFacts & { officialIds: string[] };

/** A loan: its school, and the parents of the pupil it was lent to. */
export type LoanFacts = SchoolFacts & { relativeIds: string[] };

/** An agent of the municipality (profile `municipal`, member of it): its technician. */
const agentOf = (actor: Actor, municipalityId: string | null) => actor.profile === 'municipal' && !!municipalityId && belongsTo(actor, municipalityId);
/** The school's adults: its teachers (the director among them) and its staff; not pupils, not families. */
const staffOf = (actor: Actor, structureId: string) => (actor.profile === 'teacher' || actor.profile === 'personnel') && belongsTo(actor, structureId);

export const equipmentPolicy = definePolicy('equipment', {
  /** The equipment pages: the schools' adults and the municipalities' agents; others are told no. */
  'equipment.index.open': {
    allow: (actor: Actor, _: object) => actor.profile === 'municipal' || actor.profile === 'teacher' || actor.profile === 'personnel',
    refusal: 403,
  },
  /** A school's rooms and assets: its adults and the agents of its municipality. */
  'equipment.school.read': (actor: Actor, s: SchoolFacts) => staffOf(actor, s.structureId) || agentOf(actor, s.municipalityId),
  /** The inventory is kept by the municipality's agents (its technician). */
  'equipment.school.manage': (actor: Actor, s: SchoolFacts) => agentOf(actor, s.municipalityId),
  /** A fault on an asset or a room: anyone of the school's adults, and the municipality's agents. */
  'equipment.ticket.report': (actor: Actor, s: SchoolFacts) => staffOf(actor, s.structureId) || agentOf(actor, s.municipalityId),
  /** A ticket is followed by its reporter, the school's director and the municipality's agents. */
  'equipment.ticket.read': (actor: Actor, t: TicketFacts) =>
    t.reporterId === actor.personId || hasRole(actor, t.structureId, 'director') || agentOf(actor, t.municipalityId),
  /** Those who follow a ticket may add a comment to it. */
  'equipment.ticket.comment': (actor: Actor, t: TicketFacts) =>
    t.reporterId === actor.personId || hasRole(actor, t.structureId, 'director') || agentOf(actor, t.municipalityId),
  /** Triage, assignment and status: the municipality's agents. */
  'equipment.ticket.manage': (actor: Actor, t: TicketFacts) => agentOf(actor, t.municipalityId),
  /** A school's renewal plan (ages, prices): its director and its municipality's agents. */
  'equipment.school.plan': (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director') || agentOf(actor, s.municipalityId),
  /** The yearly project of a school (kit review, needs, orders, installations): its adults read it, its municipality's agents too. */
  'equipment.project.read': (actor: Actor, s: SchoolFacts) => staffOf(actor, s.structureId) || agentOf(actor, s.municipalityId),
  /** The recommended kit is the municipality's setting, kept by its agents (the technician). */
  'equipment.kit.edit': (actor: Actor, m: MunicipalityFacts) => agentOf(actor, m.municipalityId),
  /** The renewal ages and the fault resolution targets are the municipality's setting, kept by its agents. */
  'equipment.targets.edit': (actor: Actor, m: MunicipalityFacts) => agentOf(actor, m.municipalityId),
  /** Who are the municipality's elected officials: the instance administrator or the municipality's own administrators. */
  'equipment.officials.designate': (actor: Actor, m: MunicipalityFacts) => !!m.municipalityId && managesStructure(actor, m.municipalityId),
  /** The director submits the school's needs. */
  'equipment.need.submit': { allow: (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director'), refusal: 403 },
  /** The school's adults add their input to a need; the municipality's agents too. */
  'equipment.need.comment': (actor: Actor, s: SchoolFacts) => staffOf(actor, s.structureId) || agentOf(actor, s.municipalityId),
  /** The municipality reviews needs and records the commission's decisions (members present named). */
  'equipment.need.review': (actor: Actor, s: SchoolFacts) => agentOf(actor, s.municipalityId),
  /** The budget of a year: the municipality's agents read it; its elected officials set it. */
  'equipment.budget.read': (actor: Actor, m: MunicipalityFacts) => agentOf(actor, m.municipalityId),
  'equipment.budget.set': (actor: Actor, m: MunicipalityFacts) => agentOf(actor, m.municipalityId) && m.officialIds.includes(actor.personId),
  /** Purchase orders are drawn up by the municipality's agents from approved needs… */
  'equipment.order.create': (actor: Actor, s: SchoolFacts) => agentOf(actor, s.municipalityId),
  /** …and approved by one of its elected officials. */
  'equipment.order.approve': (actor: Actor, s: SchoolOfficialFacts) => agentOf(actor, s.municipalityId) && s.officialIds.includes(actor.personId),
  /** Deliveries and installation dates: the municipality's agents. */
  'equipment.order.deliver': (actor: Actor, s: SchoolFacts) => agentOf(actor, s.municipalityId),
  /** The director confirms the installation date for the school. */
  'equipment.installation.confirm': (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director'),
  /** The hand-over training is recorded by the technician or the director. */
  'equipment.installation.training': (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director') || agentOf(actor, s.municipalityId),
  /** Lending a device to a pupil's family, and taking it back: the school's director or the municipality's agents. */
  'equipment.loan.lend': (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director') || agentOf(actor, s.municipalityId),
  /** A loan is read by its lenders and by the pupil's parents, nobody else (another child's parent: 404). */
  'equipment.loan.read': (actor: Actor, l: LoanFacts) =>
    hasRole(actor, l.structureId, 'director') || agentOf(actor, l.municipalityId) || (actor.profile === 'relative' && l.relativeIds.includes(actor.personId)),
  /** The pupil's parents acknowledge the loan agreement. */
  'equipment.loan.acknowledge': (actor: Actor, l: LoanFacts) => actor.profile === 'relative' && l.relativeIds.includes(actor.personId),
  /** The families' page of their loans (filtered to their children in SQL). */
  'equipment.loan.mine': { allow: (actor: Actor, _: object) => actor.profile === 'relative', refusal: 403 },
  /** The plan of all the municipality's schools: its agents (scoped to their municipalities in SQL). */
  'equipment.renewal.overview': { allow: (actor: Actor, _: object) => actor.profile === 'municipal', refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof equipmentPolicy> {}
}
