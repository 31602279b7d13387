import { currentSlot } from '../../timetable/index.js';
import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { childrenOf, compareClasses, displayName, groupIdsOf, schoolYearOf } from '../../directory/index.js';
import { MONTH, monthRange, parisNow, yearOfDate } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as records from '../repository/records.js';
import * as repo from '../repository/roll-calls.js';
import type { RollCallMode } from '../tables.js';
import type { Deps } from './deps.js';
import { EARLIEST_DEADLINE, LATEST_DEADLINE } from './day.js';
import { groupFacts } from './facts.js';

/** The legal threshold: four unjustified half-days in a month are reported (Code de l'éducation, L131-8). */
export const THRESHOLD = 4;

/** A class's monthly figures per pupil, in name order, with the threshold flag. */
export async function monthlyFigures(deps: Deps, actor: Actor, groupId: string, month: string | undefined) {
  const now = deps.clock.now();
  authorize(actor, 'attendance.stats.read', await groupFacts(deps.db, actor, groupId, now));
  const group = (await repo.findGroup(deps.db, groupId))!;
  const chosen = month ?? parisNow(now).date.slice(0, 7);
  const problems = new Problems();
  problems.check(MONTH.test(chosen) && yearOfDate(`${chosen}-15`) === group.schoolYear, 'month', t('attendance.error.date'));
  problems.throwIfAny('attendance.bad_month');
  const range = monthRange(chosen);
  const pupils = await repo.groupPupils(deps.db, groupId);
  const rows = await records.figures(
    deps.db,
    pupils.map((p) => p.id),
    range.from,
    range.to,
  );
  const list = pupils
    .map((p) => {
      const r = rows.find((x) => x.studentId === p.id);
      const halfDays = Number(r?.halfDays ?? 0);
      const justified = Number(r?.justifiedHalfDays ?? 0);
      return {
        studentId: p.id,
        name: displayName(p),
        sortKey: `${p.usageName || p.lastName} ${p.firstName}`,
        halfDays,
        justified,
        unjustified: halfDays - justified,
        lates: Number(r?.lates ?? 0),
        lateMinutes: Number(r?.lateMinutes ?? 0),
      };
    })
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'fr'));
  return {
    group: { id: group.id, name: group.name },
    month: chosen,
    pupils: list.map(({ sortKey: _, ...p }) => ({ ...p, threshold: p.unjustified >= THRESHOLD })),
  };
}

/** The figures as CSV (semicolons and a BOM, as French spreadsheets expect). */
export function figuresCsv(figures: Awaited<ReturnType<typeof monthlyFigures>>): string {
  const cell = (v: string | number) => {
    const s = String(v);
    // A leading =, +, - or @ would be a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[";\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  // Exports stay in French, whatever the reader's interface language.
  const head = withLocale('fr', () => [
    t('attendance.stats.pupil'),
    t('attendance.stats.halfDays'),
    t('attendance.stats.justified'),
    t('attendance.stats.unjustified'),
    t('attendance.stats.lates'),
    t('attendance.stats.lateMinutes'),
  ]);
  const lines = [head, ...figures.pupils.map((p) => [p.name, p.halfDays, p.justified, p.unjustified, p.lates, p.lateMinutes])];
  return `\ufeff${lines.map((l) => l.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** The first page: a teacher's groups (with today's roll calls), a parent's children, the school's classes for its staff. */
export async function attendanceIndex(deps: Deps, actor: Actor) {
  authorize(actor, 'attendance.index.open', {});
  const now = deps.clock.now();
  const year = schoolYearOf(now);
  const today = parisNow(now).date;
  const taughtIds = (await groupIdsOf(deps.db, actor.personId, year, { as: 'teacher' }).execute()).map((r) => r.groupId);
  const structureId = actor.activeStructureId;
  const office = !!structureId && can(actor, 'attendance.day.read', { structureId });
  const schoolClasses = office ? await repo.classesOf(deps.db, structureId, year) : [];
  const taught = await Promise.all(taughtIds.map((id) => repo.findGroup(deps.db, id)));
  const groups = [...taught.filter((g) => !!g), ...schoolClasses.filter((c) => !taughtIds.includes(c.id))].sort(compareClasses);
  const calls = await repo.rollCallsOn(
    deps.db,
    groups.map((g) => g.id),
    today,
  );
  const children = actor.profile === 'relative' ? await childrenOf(deps.db, actor.personId) : [];
  // The lesson the teacher is giving now (or in ten minutes), from the timetable: its roll call first.
  const slot = actor.profile === 'teacher' ? await currentSlot(deps.db, actor.personId, now) : null;
  const current = slot && taughtIds.includes(slot.groupId) ? slot : null;
  return {
    today,
    office,
    current: current
      ? {
          groupName: current.groupName,
          subject: current.subject,
          start: current.start,
          end: current.end,
          href: `/attendance/groups/${current.groupId}/call?${new URLSearchParams({ date: current.date, start: current.start, end: current.end, slotId: current.slotId })}`,
        }
      : null,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      taught: taughtIds.includes(g.id),
      calls: calls.filter((c) => c.groupId === g.id).map((c) => ({ slotKey: c.slotKey, by: displayName(c) })),
    })),
    children: children.map((c) => ({ id: c.id, name: c.displayName })),
    own: actor.profile === 'student',
  };
}

/** The school's settings, for its managers. */
export async function readSettings(deps: Deps, actor: Actor) {
  const school = actor.activeStructureId ? { structureId: actor.activeStructureId } : null;
  authorize(actor, 'attendance.settings.manage', school);
  const { structureId } = school;
  return { structureId, ...(await repo.settingsOf(deps.db, structureId)) };
}

export interface SettingsInput {
  mode: RollCallMode;
  noticesInQuietHours: boolean;
  wednesday: boolean;
  /** `HH:MM` between 07:00 and 11:45 (the office is flagged in the morning); unchanged when absent. */
  rollCallDeadline?: string;
}

/** The school's settings, checked field by field; nothing is stored on a bad value. */
export async function updateSettings(deps: Deps, actor: Actor, input: SettingsInput) {
  const current = await readSettings(deps, actor);
  const problems = new Problems();
  problems.check(input.mode === 'halfDay' || input.mode === 'lesson', 'mode', t('attendance.error.mode'));
  const deadline = input.rollCallDeadline ?? current.rollCallDeadline;
  const valid = /^([01]\d|2[0-3]):[0-5]\d$/.test(deadline);
  problems.check(valid && deadline >= EARLIEST_DEADLINE && deadline <= LATEST_DEADLINE, 'rollCallDeadline', t('attendance.error.deadline'));
  problems.throwIfAny('attendance.invalid_settings');
  const values = { mode: input.mode, noticesInQuietHours: input.noticesInQuietHours, wednesday: input.wednesday, rollCallDeadline: deadline };
  await repo.saveSettings(deps.db, current.structureId, values, actor.personId, deps.clock.now().toISOString());
  return { structureId: current.structureId, ...values };
}
