import { belongsTo, definePolicy, hasRole, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';

/** A link's owner and school, and how the person stands towards the classes it is shared with (this year). */
export interface LinkFacts {
  ownerId: string;
  structureId: string;
  sharedWithSchool: boolean;
  /** The asker's relations to the link's classes of the current school year. */
  relations: GroupRelation[];
}

/** A class a link is shared with: whether its year runs and how the teacher stands towards it. */
export interface ShareFacts {
  current: boolean;
  relations: GroupRelation[];
}

/** A catalogue resource: who it is for and how it is accessed. */
export interface ResourceFacts {
  audience: string[];
  access: 'free' | 'licence';
  /** A licence of the person's school covers them today (a class or year-group they are in). */
  covered: boolean;
}

/** A school and the municipality that owns it (`structures.parentId`). */
export interface SchoolFacts {
  structureId: string;
  municipalityId: string | null;
}

/** An agent of the school's municipality (profile `municipal`, member of it). */
const agentOf = (actor: Actor, s: SchoolFacts) => actor.profile === 'municipal' && !!s.municipalityId && belongsTo(actor, s.municipalityId);
/** Who sets a school's budget: the académie (the instance administrator) or the school's municipality. */
const fundsSchool = (actor: Actor, s: SchoolFacts) => actor.isSuperAdmin || agentOf(actor, s);
const directs = (actor: Actor, s: SchoolFacts) => hasRole(actor, s.structureId, 'director');

const isTeacher = (actor: Actor) => actor.profile === 'teacher';
const isStaff = (actor: Actor) => actor.profile === 'teacher' || actor.profile === 'personnel' || actor.isSuperAdmin;

/** The one read rule of links; `readableLinks` in the repository applies it in SQL. */
function readsLink(actor: Actor, l: LinkFacts): boolean {
  if (l.ownerId === actor.personId) return true;
  if (l.relations.length > 0) return true;
  if (l.sharedWithSchool && isTeacher(actor) && belongsTo(actor, l.structureId)) return true;
  return managesStructure(actor, l.structureId);
}

/**
 * Who sees a catalogue entry; `searchCatalogue` applies it in SQL. Pupils and parents see the
 * resources meant for pupils that are free or that a licence covers them for; staff see every
 * entry, since they choose what the school buys (decision 23), those needing a licence marked.
 */
function readsResource(actor: Actor, r: ResourceFacts): boolean {
  if (isStaff(actor)) return true;
  return (actor.profile === 'student' || actor.profile === 'relative') && (r.access === 'free' || r.covered) && r.audience.includes('student');
}

export const resourcesPolicy = definePolicy('resources', {
  /** The links page: everyone signed in (pupils and parents see their classes' links). */
  'resources.links.open': { allow: (_actor: Actor, _: object) => true, refusal: 403 },
  /** Teachers add links; others are told no. */
  'resources.link.create': { allow: (actor: Actor, _: object) => isTeacher(actor), refusal: 403 },
  /** A link is shared with a class the teacher teaches this school year. */
  'resources.link.share': { allow: (actor: Actor, g: ShareFacts) => isTeacher(actor) && g.current && g.relations.includes('teacher'), refusal: 403 },
  /** The owner; this year's pupils, parents and teachers of its classes; the school's teachers when shared with them; the school's managers. */
  'resources.link.read': readsLink,
  /** Only the owner edits or deletes a link. */
  'resources.link.edit': (actor: Actor, l: LinkFacts) => isTeacher(actor) && l.ownerId === actor.personId,
  /** A teacher copies a colleague's link that they can see as a teacher. */
  'resources.link.copy': (actor: Actor, l: LinkFacts) => isTeacher(actor) && l.ownerId !== actor.personId && readsLink(actor, l),
  /** The catalogue: staff, pupils and parents (each sees the entries meant for them). */
  'resources.catalogue.search': { allow: (actor: Actor, _: object) => isStaff(actor) || actor.structures.length > 0, refusal: 403 },
  /** Imports into the instance's catalogue: the instance administrator. */
  'resources.catalogue.import': { allow: (actor: Actor, _: object) => actor.isSuperAdmin, refusal: 403 },
  /** One entry of the catalogue, by the same rule as the list. */
  'resources.resource.read': readsResource,
  /** Opening a resource: free ones for whoever sees them; licensed ones need a licence covering the person. */
  'resources.resource.open': (actor: Actor, r: ResourceFacts) => readsResource(actor, r) && (r.access === 'free' || r.covered),
  /** The budgets page (schools and their amounts): the académie and the municipalities' agents. */
  'resources.budgets.open': { allow: (actor: Actor, _: object) => actor.isSuperAdmin || actor.profile === 'municipal', refusal: 403 },
  /** A school's yearly budget: set by the académie or the school's municipality. */
  'resources.budget.set': fundsSchool,
  /** A school's basket and budget: its teachers, its director and local administrator, who funds it. */
  'resources.basket.read': (actor: Actor, s: SchoolFacts) =>
    (isTeacher(actor) && belongsTo(actor, s.structureId)) || managesStructure(actor, s.structureId) || agentOf(actor, s),
  /** The school's teachers propose resources into its basket. */
  'resources.basket.propose': (actor: Actor, s: SchoolFacts) => isTeacher(actor) && belongsTo(actor, s.structureId),
  /** The director validates or refuses lines. */
  'resources.basket.decide': directs,
  /** The validated basket as an order: the director and who funds the school. */
  'resources.basket.export': (actor: Actor, s: SchoolFacts) => directs(actor, s) || fundsSchool(actor, s),
  /** A school's licences and the renewals due: its director and local administrator. */
  'resources.licence.manage': (actor: Actor, s: SchoolFacts) => managesStructure(actor, s.structureId),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof resourcesPolicy> {}
}
