import { belongsTo, definePolicy, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';

/** A group as the person asking stands towards it (`groupStanding()`). */
export interface GroupFacts {
  structureId: string;
  /** The group's school year runs now: a closed year is read-only. */
  current: boolean;
  relations: GroupRelation[];
}

/** A school, for the school-life pages (the day's absences, justifications to review, settings). */
export interface SchoolFacts {
  structureId: string;
}

/** A pupil's attendance record as the person asking stands towards it. */
export interface PupilFacts {
  structureId: string;
  studentId: string;
  /** The person asking is a parent (legal guardian link) of the pupil. */
  childOfActor: boolean;
  /** The person asking teaches one of the pupil's groups this year. */
  teachesPupil: boolean;
}

/** A justification: the pupil's facts and whether the year it belongs to runs now. */
export interface JustificationFacts extends PupilFacts {
  current: boolean;
}

/** The director, the local administrator and the school's staff (vie scolaire, secrétariat). */
export function schoolLife(actor: Actor, structureId: string): boolean {
  return managesStructure(actor, structureId) || (actor.profile === 'personnel' && belongsTo(actor, structureId));
}

const callsRoll = (actor: Actor, g: GroupFacts) => g.relations.includes('teacher') || schoolLife(actor, g.structureId);

function readsPupil(actor: Actor, p: PupilFacts): boolean {
  if (actor.profile === 'student') return actor.personId === p.studentId;
  if (actor.profile === 'relative') return p.childOfActor;
  return schoolLife(actor, p.structureId) || (actor.profile === 'teacher' && p.teachesPupil);
}

export const attendancePolicy = definePolicy('attendance', {
  /** The attendance pages: teachers, school staff and managers, parents and pupils; a municipal agent is told no. */
  'attendance.index.open': { allow: (actor: Actor, _: object) => actor.profile !== 'municipal' || actor.isSuperAdmin, refusal: 403 },
  /** The group's teachers and the school's staff call the roll, in the group's school year only. */
  'attendance.rollCall.call': (actor: Actor, g: GroupFacts) => g.current && callsRoll(actor, g),
  /** The same people read a group's roll calls, past years included. */
  'attendance.rollCall.read': callsRoll,
  /** The day's absences, the 9:30 flag, families' contacts: the school's staff and managers. */
  'attendance.day.read': (actor: Actor, s: SchoolFacts) => schoolLife(actor, s.structureId),
  /** The school's staff record absences announced in advance, for this year's pupils. */
  'attendance.announced.record': (actor: Actor, p: JustificationFacts) => p.current && schoolLife(actor, p.structureId),
  /** A pupil's record: the pupil, their parents, their teachers, the school's staff. */
  'attendance.pupil.read': readsPupil,
  /** A parent justifies their own child's absences, this school year. */
  'attendance.justification.submit': (actor: Actor, p: JustificationFacts) => actor.profile === 'relative' && p.childOfActor && p.current,
  /** The document goes to whoever reads the pupil's record. */
  'attendance.justification.download': readsPupil,
  /** The school validates or refuses, this school year. */
  'attendance.justification.review': (actor: Actor, p: JustificationFacts) => p.current && schoolLife(actor, p.structureId),
  /** Monthly figures of a class: its teachers and the school's staff. */
  'attendance.stats.read': (actor: Actor, g: GroupFacts) => g.relations.includes('teacher') || schoolLife(actor, g.structureId),
  /** Half-days or lessons, notices in quiet hours, Wednesday: the school's managers. */
  'attendance.settings.manage': (actor: Actor, s: SchoolFacts) => managesStructure(actor, s.structureId),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof attendancePolicy> {}
}
