import { definePolicy, managesAny, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupStanding } from './groups-of.js';
import type { Profile } from '../../kernel/authz/index.js';

export { managesAny, managesStructure };

/** The structure the actor manages right now (the active one), if any. */
export function managedStructureId(actor: Actor): string | null {
  if (actor.activeStructureId && managesStructure(actor, actor.activeStructureId)) return actor.activeStructureId;
  return null;
}

/** A structure the rule is about (the one in the route, or the actor's active one). */
export interface StructureFacts {
  structureId: string;
}

/** A person as rules see them: where they belong and whether the asker's scope reaches them. */
export interface PersonFacts {
  personId: string;
  profile: Profile;
  /** Every structure the person is a member of (active or not). */
  structureIds: string[];
  /** The person is within what the actor may see (`visiblePersonIds`). */
  visible: boolean;
}

/** A class about to be created, and whether its school year is already over. */
export interface NewClassFacts extends StructureFacts {
  closed: boolean;
}

/** Manages one of the person's structures (or is the instance administrator). */
const managesPerson = (actor: Actor, p: PersonFacts) => actor.isSuperAdmin || p.structureIds.some((s) => managesStructure(actor, s));

export const directoryPolicy = definePolicy('directory', {
  /** Staff and teachers look people up on the directory pages; families use their home page. */
  'directory.person.search': { allow: (actor, _: object) => managesAny(actor) || actor.profile === 'teacher' || actor.profile === 'personnel', refusal: 403 },
  /** A person's card: whoever's scope reaches them, and the managers of their structures. */
  'directory.person.read': (actor, p: PersonFacts) => p.visible || managesPerson(actor, p),
  /** Managers of a structure create its people. */
  'directory.person.create': { allow: (actor, s: StructureFacts) => managesStructure(actor, s.structureId), refusal: 403 },
  /** Managers of one of the person's structures edit their details and reset their access. */
  'directory.person.edit': managesPerson,
  /** Managers of a pupil's school record a change of their photo consent (the ONDE export's is the first value). */
  'directory.person.photoConsent': (actor, p: PersonFacts) => managesPerson(actor, p) && p.profile === 'student',
  /** Managers deactivate an account, never their own (a school keeps the manager who is acting). */
  'directory.person.deactivate': { allow: (actor, p: PersonFacts) => managesPerson(actor, p) && p.personId !== actor.personId, refusal: 403 },
  /**
   * A pupil moves into a class of a structure the actor manages, of the running school year only:
   * a closed year's classes are read-only.
   */
  'directory.person.move': {
    allow: (actor, m: { person: PersonFacts; target: GroupStanding }) =>
      managesPerson(actor, m.person) && m.person.profile === 'student' && managesStructure(actor, m.target.structureId) && m.target.current,
    refusal: 403,
  },
  /** Roles in a structure are given by its managers, to its members, and nobody changes their own. */
  'directory.role.grant': {
    allow: (actor, r: { person: PersonFacts; structureId: string }) =>
      managesStructure(actor, r.structureId) && r.person.structureIds.includes(r.structureId) && (r.person.personId !== actor.personId || actor.isSuperAdmin),
    refusal: 403,
  },
  /** A parent is linked to a pupil by someone who manages both. */
  'directory.link.create': (actor, l: { relative: PersonFacts; student: PersonFacts }) => managesPerson(actor, l.relative) && managesPerson(actor, l.student),
  /** Only the instance administrator creates schools and municipalities. */
  'directory.structure.create': { allow: (actor, _: object) => actor.isSuperAdmin, refusal: 403 },
  /** Members of a structure (and the instance administrator) read it. */
  'directory.structure.read': (actor, s: StructureFacts) => actor.isSuperAdmin || actor.structures.some((x) => x.id === s.structureId),
  /** Its managers see a structure's head counts and every class of it. */
  'directory.structure.manage': (actor, s: StructureFacts) => managesStructure(actor, s.structureId),
  /** Managers create classes, for a school year that is not over. */
  'directory.class.create': (actor, c: NewClassFacts) => managesStructure(actor, c.structureId) && !c.closed,
  /**
   * A class and its members: the structure's managers and the class's teachers, in any year (past
   * years read-only); its pupils this year only. Parents do not open classes.
   */
  'directory.class.read': (actor, g: GroupStanding) =>
    managesStructure(actor, g.structureId) || g.relations.includes('teacher') || (g.relations.includes('student') && g.current),
  /** Logins and activation codes of a class are printed by the structure's managers. */
  'directory.codes.print': (actor, g: GroupStanding) => managesStructure(actor, g.structureId),
  /** Managers import their structure's ONDE exports. */
  'directory.import.run': (actor, s: StructureFacts) => managesStructure(actor, s.structureId),
  /** And read the past imports' reports. */
  'directory.import.read': (actor, s: StructureFacts) => managesStructure(actor, s.structureId),
  /** The académie's AAF feed creates and updates many collèges and lycées at once: the instance administrator imports it. */
  'directory.aaf.import': { allow: (actor, _: object) => actor.isSuperAdmin, refusal: 403 },
  /** And reads its runs' reports. */
  'directory.aaf.read': { allow: (actor, _: object) => actor.isSuperAdmin, refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the table's actions
  interface Actions extends ActionsOf<typeof directoryPolicy> {}
}
