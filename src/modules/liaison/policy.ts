import { definePolicy, hasRole, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';

/** A class a note would go to: where it is, whether its year runs now, how the sender stands towards it. */
export interface ClassFacts {
  structureId: string;
  current: boolean;
  relations: GroupRelation[];
}

/** Everything the rules look at for one note, gathered from who asks. */
export interface NoteFacts {
  structureId: string;
  authorId: string;
  /** The note's school year runs now: a past year's notes are read-only and hidden from families. */
  current: boolean;
  withdrawn: boolean;
  showToPupils: boolean;
  /** How the asker stands towards the note's class, in the note's year. */
  relations: GroupRelation[];
  /** The children the note concerns of whom the asker is a legal guardian. */
  childrenOfActor: string[];
  /** The asker is a pupil the note concerns. */
  pupilConcerned: boolean;
}

/** One child's answer to a note, by a parent. */
export interface SignFacts extends NoteFacts {
  studentId: string;
}

/** A parent's note to the teachers of a class. */
export interface FamilyNoteFacts {
  structureId: string;
  authorId: string;
  current: boolean;
  relations: GroupRelation[];
}

/** A child a parent writes about: the asker is their legal guardian, and the child has a class this year. */
export interface ChildFacts {
  guardian: boolean;
  hasClass: boolean;
}

const isDirector = (actor: Actor, structureId: string) => hasRole(actor, structureId, 'director');
const writesNotes = (actor: Actor) => actor.profile === 'teacher' || Object.values(actor.roles).some((r) => r.includes('director'));

/** The sender, and the director of the school, follow a note's answers. */
const managesNote = (actor: Actor, n: NoteFacts) => n.authorId === actor.personId || isDirector(actor, n.structureId);

/** The one read rule; lists apply the same rule in SQL (`repository.ts`, `readableNotes`). */
function readsNote(actor: Actor, n: NoteFacts): boolean {
  if (managesNote(actor, n) || n.relations.includes('teacher')) return true;
  if (!n.current) return false;
  if (actor.profile === 'relative') return n.childrenOfActor.length > 0;
  if (actor.profile === 'student') return n.pupilConcerned && n.showToPupils;
  return false;
}

const readsFamilyNote = (actor: Actor, f: FamilyNoteFacts) =>
  f.authorId === actor.personId || f.relations.includes('teacher') || isDirector(actor, f.structureId);

export const liaisonPolicy = definePolicy('liaison', {
  /** The cahier de liaison: teachers, directors, parents and pupils; a municipal agent is told no. */
  'liaison.index.open': { allow: (actor: Actor, _: object) => actor.profile !== 'municipal' || writesNotes(actor), refusal: 403 },
  /** Teachers and directors write notes; a parent or a pupil is told no. */
  'liaison.note.write': { allow: (actor: Actor, _: object) => writesNotes(actor), refusal: 403 },
  /** To a class the teacher teaches this year, or any class of the director's school. */
  'liaison.note.create': {
    allow: (actor: Actor, c: ClassFacts) => c.current && ((actor.profile === 'teacher' && c.relations.includes('teacher')) || isDirector(actor, c.structureId)),
    refusal: 403,
  },
  /** The sender, the class's teachers and the director; this year's families of the children concerned; the pupils concerned when the sender chose so. */
  'liaison.note.read': readsNote,
  /** Who signed and what they answered, the printed list and slips: the sender and the director. */
  'liaison.note.follow': managesNote,
  /** Reminders, paper answers and withdrawal: the sender and the director, on a note of this year not withdrawn. */
  'liaison.note.manage': (actor: Actor, n: NoteFacts) => managesNote(actor, n) && n.current && !n.withdrawn,
  /** A legal guardian signs and answers for their own child, on a note of this year not withdrawn. */
  'liaison.note.sign': (actor: Actor, s: SignFacts) => actor.profile === 'relative' && s.current && !s.withdrawn && s.childrenOfActor.includes(s.studentId),
  /** Parents write to the teachers of their child's class. */
  'liaison.familyNote.write': { allow: (actor: Actor, _: object) => actor.profile === 'relative', refusal: 403 },
  /** For a child they are the legal guardian of, who has a class this year. */
  'liaison.familyNote.create': (actor: Actor, c: ChildFacts) => actor.profile === 'relative' && c.guardian && c.hasClass,
  /** The parent who wrote it, the class's teachers, the director. */
  'liaison.familyNote.read': readsFamilyNote,
  /** The class's teachers (this year) and the director acknowledge it. */
  'liaison.familyNote.acknowledge': (actor: Actor, f: FamilyNoteFacts) =>
    f.current && ((actor.profile === 'teacher' && f.relations.includes('teacher')) || isDirector(actor, f.structureId)),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof liaisonPolicy> {}
}
