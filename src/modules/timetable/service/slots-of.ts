import type { Db } from '../../../kernel/db/index.js';
import { groupIdsOf, schoolYearOf } from '../../directory/index.js';
import { isoToParis } from '../dates.js';
import * as repo from '../repository.js';
import { occurrencesIn, type Occurrence } from './weeks.js';

/** One slot of a person's day as other modules use it (the lesson form, the roll call). */
export interface TeacherSlot {
  slotId: string;
  date: string;
  /** `HH:MM`, Paris time, changes applied (a moved slot at its new time). */
  start: string;
  end: string;
  groupId: string;
  groupName: string;
  subject: string;
  subjectCode: string | null;
  room: string | null;
  teacherId: string;
}

const toSlot = (o: Occurrence): TeacherSlot => ({
  slotId: o.slotId,
  date: o.date,
  start: o.start,
  end: o.end,
  groupId: o.groupId,
  groupName: o.groupName,
  subject: o.subject,
  subjectCode: o.subjectCode,
  room: o.status === 'room' || o.status === 'movedHere' ? (o.newRoom ?? o.room) : o.room,
  teacherId: o.replacement?.id ?? o.teacherId,
});

/**
 * The slots that take place on a Paris date for a person, changes applied (cancelled and moved-away
 * ones left out, replacements given to the replacing teacher): a teacher's own; a pupil's or a
 * parent's children's groups'. Scoped in SQL like the person's own week.
 */
export async function slotsOn(db: Db, personId: string, date: string): Promise<TeacherSlot[]> {
  const person = await repo.personById(db, personId);
  if (!person) return [];
  const year = schoolYearOf(new Date(`${date}T12:00:00Z`));
  const scope: repo.SlotScope =
    person.profile === 'teacher'
      ? { teacherId: personId }
      : { groupIds: groupIdsOf(db, personId, year, person.profile === 'relative' ? { as: 'relative' } : { as: 'student' }) };
  const list = await occurrencesIn(db, scope, date, date);
  return list
    .filter((o) => o.status !== 'cancelled' && o.status !== 'moved')
    .filter((o) => person.profile !== 'teacher' || (o.replacement?.id ?? o.teacherId) === personId)
    .map(toSlot);
}

/** The slot a teacher is teaching at this instant (or about to, within ten minutes), for the roll call; null between slots. */
export async function currentSlot(db: Db, teacherId: string, now: Date): Promise<TeacherSlot | null> {
  const { date, time } = isoToParis(now);
  const soon = isoToParis(new Date(now.getTime() + 10 * 60_000)).time;
  const slots = await slotsOn(db, teacherId, date);
  return slots.find((s) => s.start <= time && time < s.end) ?? slots.find((s) => s.start > time && s.start <= soon) ?? null;
}
