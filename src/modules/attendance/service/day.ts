import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { compareClasses, displayName, schoolYearOf } from '../../directory/index.js';
import { isDate, parisNow, weekdayOf, yearOfDate } from '../dates.js';
import * as records from '../repository/records.js';
import * as repo from '../repository/roll-calls.js';
import type { Deps } from './deps.js';

/** The range a school may choose for its morning roll call's deadline (09:30 unless it sets one). */
export const EARLIEST_DEADLINE = '07:00';
export const LATEST_DEADLINE = '11:45';

/** `HH:MM` as minutes after midnight. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a date is a school day of the school (Monday to Friday, Wednesday when the school says so). */
export function isSchoolDay(date: string, wednesday: boolean): boolean {
  const day = weekdayOf(date);
  return day !== 'Sat' && day !== 'Sun' && (wednesday || day !== 'Wed');
}

/**
 * The day view of the school's office: each class with its roll calls and its absent and late
 * pupils (with their guardians' phone and e-mail), the flag on classes not called by 9:30,
 * announced absences and justifications to review.
 */
export async function dayView(deps: Deps, actor: Actor, date: string | undefined) {
  const now = deps.clock.now();
  const school = actor.activeStructureId ? { structureId: actor.activeStructureId } : null;
  authorize(actor, 'attendance.day.read', school);
  const { structureId } = school;
  const clock = parisNow(now);
  const day = date && isDate(date) ? date : clock.date;
  const year = yearOfDate(day);
  const settings = await repo.settingsOf(deps.db, structureId);
  const classes = (await repo.classesOf(deps.db, structureId, year)).sort(compareClasses);
  const [calls, marks, announced, pending] = await Promise.all([
    repo.rollCallsOn(
      deps.db,
      classes.map((c) => c.id),
      day,
    ),
    records.dayMarks(deps.db, structureId, day),
    records.announcedCovering(deps.db, structureId, day),
    year === schoolYearOf(now) ? records.pendingJustifications(deps.db, structureId) : Promise.resolve([]),
  ]);
  const pupilIds = [...new Set(marks.map((m) => m.studentId))];
  const [guardians, classOf] = await Promise.all([records.guardiansOf(deps.db, pupilIds), records.classOfPupils(deps.db, pupilIds, year)]);
  const flagDue = isSchoolDay(day, settings.wednesday) && (day < clock.date || (day === clock.date && clock.minutes >= minutesOf(settings.rollCallDeadline)));
  const rows = classes.map((c) => {
    const own = calls.filter((r) => r.groupId === c.id);
    const pupils = marks.filter((m) => classOf.some((k) => k.studentId === m.studentId && k.groupId === c.id));
    return {
      id: c.id,
      name: c.name,
      rollCalls: own.map((r) => ({ slotKey: r.slotKey, halfDay: r.halfDay, calledAt: r.calledAt, by: displayName(r) })),
      flagged: flagDue && !own.some((r) => r.halfDay === 'am'),
      marks: sortByDisplay(
        pupils.map((m) => ({
          id: m.id,
          studentId: m.studentId,
          name: displayName(m),
          status: m.status,
          lateMinutes: m.lateMinutes,
          halfDay: m.halfDay,
          lesson: m.startTime ? `${m.startTime}–${m.endTime}` : null,
          justified: !!m.justified,
          contacts: guardians.filter((g) => g.studentId === m.studentId).map((g) => ({ name: displayName(g), phone: g.phone, email: g.email })),
        })),
        (m) => m.name,
      ),
    };
  });
  return {
    date: day,
    today: clock.date,
    deadline: settings.rollCallDeadline,
    classes: rows,
    announced: announced.map((a) => ({ ...a, name: displayName(a) })),
    pending: pending.map((j) => ({ ...j, name: displayName(j) })),
  };
}
