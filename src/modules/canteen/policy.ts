import { belongsTo, definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';

/** A school and the municipality that owns it (`structures.parentId`). */
export interface SchoolFacts {
  structureId: string;
  municipalityId: string | null;
}

/** A child as seen from who asks: their school, its municipality, and whether the asker is their parent. */
export interface ChildFacts extends SchoolFacts {
  studentId: string;
  childOfActor: boolean;
}

/** A school's menus as seen from who asks: whether the asker (a parent) has a child there. */
export interface MenuReaderFacts extends SchoolFacts {
  childInSchool: boolean;
}

/** An agent of the municipality (profile `municipal`, member of that structure). */
const agentOf = (actor: Actor, municipalityId: string | null) => actor.profile === 'municipal' && !!municipalityId && belongsTo(actor, municipalityId);
const parentOf = (actor: Actor, c: ChildFacts) => actor.profile === 'relative' && c.childOfActor;

export const canteenPolicy = definePolicy('canteen', {
  /** Families have a canteen page for their children; others are told no. */
  'canteen.family.open': { allow: (actor: Actor, _: object) => actor.profile === 'relative', refusal: 403 },
  /** The municipality's agents have the schools' pages. */
  'canteen.agent.open': { allow: (actor: Actor, _: object) => actor.profile === 'municipal', refusal: 403 },
  /** The municipality's agents set its terms and closed days. */
  'canteen.municipality.manage': (actor: Actor, m: { municipalityId: string }) => agentOf(actor, m.municipalityId),
  /** The agents of the school's municipality define its services and see its bookings; nobody else learns the school has any. */
  'canteen.school.manage': (actor: Actor, s: SchoolFacts) => agentOf(actor, s.municipalityId),
  /** The day's list and the roll call: the municipality's agents. */
  'canteen.attendance.take': (actor: Actor, s: SchoolFacts) => agentOf(actor, s.municipalityId),
  /** The day's numbers of a school: its director, and the municipality's agents. */
  'canteen.numbers.read': (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director') || agentOf(actor, s.municipalityId),
  /** A child's registration and bookings: their parents and the agents of their school's municipality. */
  'canteen.child.read': (actor: Actor, c: ChildFacts) => parentOf(actor, c) || agentOf(actor, c.municipalityId),
  /** The yearly registration: a parent, or an agent filling it in with the family. */
  'canteen.child.register': (actor: Actor, c: ChildFacts) => parentOf(actor, c) || agentOf(actor, c.municipalityId),
  /** A parent books and cancels within the rules. */
  'canteen.booking.change': (actor: Actor, c: ChildFacts) => parentOf(actor, c),
  /** The municipality's agents run its kitchens: which schools each cooks for, the menus, drafts and publication. */
  'canteen.kitchen.manage': (actor: Actor, k: { municipalityId: string | null }) => agentOf(actor, k.municipalityId),
  /** A school's published menus: parents of its pupils, its pupils and staff, the municipality's agents. */
  'canteen.menu.read': (actor: Actor, s: MenuReaderFacts) =>
    (actor.profile === 'relative' ? s.childInSchool : belongsTo(actor, s.structureId)) || agentOf(actor, s.municipalityId),
  /** An agent books or cancels on the family's behalf, with a reason. */
  'canteen.booking.onBehalf': (actor: Actor, c: ChildFacts) => agentOf(actor, c.municipalityId),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof canteenPolicy> {}
}
