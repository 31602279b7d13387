import { belongsTo, definePolicy, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';

/** A school's staff for the timetable: its director and local administrators, its personnel (vie scolaire), the instance administrator. */
export function isSchoolStaff(actor: Actor, structureId: string | null): boolean {
  if (!structureId) return false;
  return managesStructure(actor, structureId) || (actor.profile === 'personnel' && belongsTo(actor, structureId));
}

/** A group as seen by the person asking (`groupStanding()`). */
export interface GroupFacts {
  structureId: string;
  current: boolean;
  relations: GroupRelation[];
}

/** A teacher of a school, as seen by the person asking. */
export interface TeacherFacts {
  structureId: string;
  teacherId: string;
}

/** The pupil whose week is asked for. */
export interface PupilFacts {
  studentId: string;
  /** The person asking is a parent of that pupil. */
  childOfActor: boolean;
}

const ownWeek = (actor: Actor) => actor.profile === 'student' || actor.profile === 'relative' || actor.profile === 'teacher';
const structureRule = (actor: Actor, s: { structureId: string | null }) => isSchoolStaff(actor, s.structureId);

export const timetablePolicy = definePolicy('timetable', {
  /** The own week: a pupil's, a parent's children's, a teacher's. */
  'timetable.own.open': { allow: (actor: Actor, _: object) => ownWeek(actor), refusal: 403 },
  /** A pupil reads their own week, a parent their children's. */
  'timetable.pupil.read': (actor: Actor, p: PupilFacts) =>
    (actor.profile === 'student' && p.studentId === actor.personId) || (actor.profile === 'relative' && p.childOfActor),
  /** The school's staff list its classes, teachers and rooms. */
  'timetable.index.open': { allow: structureRule, refusal: 403 },
  /** A group's week: the school's staff; this year's teachers of the group. */
  'timetable.group.read': (actor: Actor, g: GroupFacts) => isSchoolStaff(actor, g.structureId) || (g.current && g.relations.includes('teacher')),
  /** A teacher's week: the teacher, the school's staff. */
  'timetable.teacher.read': (actor: Actor, f: TeacherFacts) => f.teacherId === actor.personId || isSchoolStaff(actor, f.structureId),
  /** A room's week: the school's staff. */
  'timetable.room.read': (actor: Actor, r: { structureId: string }) => isSchoolStaff(actor, r.structureId),
  /** Slots, rooms, the A/B calendar and imports of a school: its staff; others are told no. */
  'timetable.school.manage': { allow: structureRule, refusal: 403 },
  /** One slot (and its changes): the staff of its school; others cannot tell it exists. */
  'timetable.slot.edit': (actor: Actor, s: { structureId: string }) => isSchoolStaff(actor, s.structureId),
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof timetablePolicy> {}
}
