import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { childrenOf, compareClasses, displayName, groupIdsOf, groupStanding, schoolYearOf } from '../../directory/index.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { addDays, isDate, mondayOf, todayInParis } from '../dates.js';
import * as repo from '../repository.js';
import { isSchoolStaff } from '../policy.js';
import type { Deps } from './deps.js';
import { occurrencesIn, weekLetter, type Occurrence } from './weeks.js';

/** A week of someone's timetable, Monday to Saturday, as pages and the API show it. */
export interface WeekView {
  /** Whose week: a pupil, a teacher, a class or group, a room. */
  title: string;
  monday: string;
  saturday: string;
  /** A or B under the school's calendar, when the week belongs to one school. */
  letter: 'A' | 'B' | null;
  /** The school the week belongs to, when one (for the staff's change links). */
  structureId: string | null;
  days: { date: string; occurrences: Occurrence[] }[];
}

const yearOf = (date: string) => schoolYearOf(new Date(`${date}T12:00:00Z`));

/** The Monday of the asked week (any of its dates), else of this week. */
export function weekStart(deps: Deps, week?: string): string {
  return mondayOf(week && isDate(week) ? week : todayInParis(deps.clock.now()));
}

async function weekOf(deps: Deps, title: string, scope: repo.SlotScope, monday: string, structureId: string | null): Promise<WeekView> {
  const saturday = addDays(monday, 5);
  const list = await occurrencesIn(deps.db, scope, monday, saturday);
  const days = [0, 1, 2, 3, 4, 5].map((i) => addDays(monday, i)).map((date) => ({ date, occurrences: list.filter((o) => o.date === date) }));
  const letter = structureId ? weekLetter(await repo.aWeeksOf(deps.db, structureId), monday) : null;
  return { title, monday, saturday, letter, structureId, days: days[5]!.occurrences.length > 0 ? days : days.slice(0, 5) };
}

/** The signed-in person's week: a pupil's own, a parent's chosen child's (the first by default), a teacher's. */
export async function ownWeek(deps: Deps, actor: Actor, query: { week?: string; studentId?: string }) {
  authorize(actor, 'timetable.own.open', {});
  const monday = weekStart(deps, query.week);
  const year = yearOf(monday);
  if (actor.profile === 'teacher') {
    return { children: [], studentId: null, week: await weekOf(deps, actor.displayName, { teacherId: actor.personId }, monday, actor.activeStructureId) };
  }
  if (actor.profile === 'student') {
    const scope = { groupIds: groupIdsOf(deps.db, actor.personId, year, { as: 'student' }) };
    return { children: [], studentId: actor.personId, week: await weekOf(deps, actor.displayName, scope, monday, actor.activeStructureId) };
  }
  const children = (await childrenOf(deps.db, actor.personId)).map((c) => ({ id: c.id, name: c.displayName }));
  const studentId = query.studentId ?? children[0]?.id;
  if (!studentId) return { children, studentId: null, week: null };
  const child = children.find((c) => c.id === studentId);
  authorize(actor, 'timetable.pupil.read', { studentId, childOfActor: !!child });
  const scope = { groupIds: groupIdsOf(deps.db, actor.personId, year, { childId: studentId }) };
  return { children, studentId, week: await weekOf(deps, child!.name, scope, monday, actor.activeStructureId) };
}

export async function groupWeek(deps: Deps, actor: Actor, groupId: string, week?: string): Promise<WeekView> {
  const standing = await groupStanding(deps.db, actor.personId, groupId, deps.clock.now());
  authorize(actor, 'timetable.group.read', standing);
  const group = (await repo.findGroup(deps.db, groupId))!;
  return weekOf(deps, group.name, { groupId }, weekStart(deps, week), group.structureId);
}

/** Facts about a teacher for the person asking: the school where the asker is staff, else the teacher's first. */
async function teacherFacts(deps: Deps, actor: Actor, teacherId: string) {
  const person = await repo.personById(deps.db, teacherId);
  if (!person || person.profile !== 'teacher') return null;
  const schools = (await repo.schoolsOfPerson(deps.db, teacherId)).map((s) => s.structureId);
  const structureId = schools.find((id) => isSchoolStaff(actor, id)) ?? schools[0];
  return structureId ? { teacherId, structureId, name: displayName(person) } : null;
}

export async function teacherWeek(deps: Deps, actor: Actor, teacherId: string, week?: string): Promise<WeekView> {
  const facts = await teacherFacts(deps, actor, teacherId);
  authorize(actor, 'timetable.teacher.read', facts);
  return weekOf(deps, facts.name, { teacherId }, weekStart(deps, week), facts.structureId);
}

export async function roomWeek(deps: Deps, actor: Actor, roomId: string, week?: string): Promise<WeekView> {
  const room = await repo.findRoom(deps.db, roomId);
  authorize(actor, 'timetable.room.read', room);
  return weekOf(deps, room.name, { roomId }, weekStart(deps, week), room.structureId);
}

/** The school's classes, groups, teachers and rooms, for its staff's index. */
export async function schoolIndex(deps: Deps, actor: Actor) {
  const structureId = actor.activeStructureId;
  authorize(actor, 'timetable.index.open', { structureId });
  const year = schoolYearOf(deps.clock.now());
  const [groups, teachers, rooms] = await Promise.all([
    repo.groupsOfSchool(deps.db, structureId!, year),
    repo.teachersOfSchool(deps.db, structureId!),
    repo.roomsOf(deps.db, structureId!),
  ]);
  return {
    structureId: structureId!,
    classes: groups.filter((g) => g.kind === 'class').sort((a, b) => compareClasses(a, b)),
    groups: sortByDisplay(
      groups.filter((g) => g.kind !== 'class'),
      (g) => g.name,
    ),
    teachers: sortByDisplay(
      teachers.map((p) => ({ id: p.id, name: displayName(p) })),
      (p) => p.name,
    ),
    rooms,
  };
}

/** Whether the person has an own week to show (the page's first view). */
export const hasOwnWeek = (actor: Actor) => can(actor, 'timetable.own.open', {});
