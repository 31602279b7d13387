import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { displayName } from '../../directory/index.js';
import { currentHalfDay, halfDayOfTime, isDate, parisNow, TIME, yearOfDate } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/roll-calls.js';
import type { HalfDay, MarkStatus } from '../tables.js';
import type { Deps } from './deps.js';
import { groupFacts } from './facts.js';

/** Which roll call: a half-day, or a lesson's times (and its timetable slot once there is one). */
export interface SlotInput {
  date?: string;
  halfDay?: HalfDay;
  start?: string;
  end?: string;
  slotId?: string;
}

export interface MarkInput {
  studentId: string;
  status: MarkStatus | 'present';
  lateMinutes?: number | null;
}

interface Slot {
  date: string;
  halfDay: HalfDay;
  slotKey: string;
  start: string | null;
  end: string | null;
  slotId: string | null;
}

/** The slot asked for, checked field by field; `today` bounds the date (no roll call for tomorrow). */
function readSlot(input: SlotInput, year: string, now: Date, problems: Problems): Slot {
  const today = parisNow(now).date;
  const date = input.date ?? today;
  problems.check(isDate(date) && yearOfDate(date) === year && date <= today, 'date', t('attendance.error.date'));
  if (input.start !== undefined || input.end !== undefined) {
    const start = input.start ?? '';
    const end = input.end ?? '';
    problems.check(TIME.test(start), 'start', t('attendance.error.time'));
    problems.check(TIME.test(end), 'end', t('attendance.error.time'));
    if (TIME.test(start) && TIME.test(end)) problems.check(end > start, 'end', t('attendance.error.endBeforeStart'));
    return { date, halfDay: halfDayOfTime(start), slotKey: `${start}-${end}`, start, end, slotId: input.slotId ?? null };
  }
  const halfDay = input.halfDay ?? currentHalfDay(now);
  return { date, halfDay, slotKey: halfDay, start: null, end: null, slotId: null };
}

/** Everything the roll-call page shows: the pupils in name order, each one's status (saved, or pre-filled by an announcement). */
export async function rollCallView(deps: Deps, actor: Actor, groupId: string, input: SlotInput) {
  const now = deps.clock.now();
  const facts = await groupFacts(deps.db, actor, groupId, now);
  authorize(actor, 'attendance.rollCall.read', facts);
  const group = (await repo.findGroup(deps.db, groupId))!;
  const problems = new Problems();
  const slot = readSlot(input, group.schoolYear, now, problems);
  problems.throwIfAny('attendance.bad_slot');
  const [pupils, rollCall, settings] = await Promise.all([
    repo.groupPupils(deps.db, groupId),
    repo.findRollCall(deps.db, groupId, slot.date, slot.slotKey),
    repo.settingsOf(deps.db, group.structureId),
  ]);
  const marks = rollCall ? await repo.marksOf(deps.db, rollCall.id) : [];
  const announced = rollCall
    ? []
    : await repo.announcedOn(
        deps.db,
        pupils.map((p) => p.id),
        slot.date,
        slot.halfDay,
      );
  const rows = sortByDisplay(
    pupils.map((p) => {
      const mark = marks.find((m) => m.studentId === p.id);
      const announcement = announced.find((a) => a.studentId === p.id);
      return {
        id: p.id,
        name: displayName(p),
        status: (mark?.status ?? (announcement ? 'absent' : 'present')) as MarkInput['status'],
        lateMinutes: mark?.lateMinutes ?? null,
        announced: !!(mark?.announcedId ?? announcement),
      };
    }),
    (p) => `${p.name.split(' ').slice(1).join(' ')} ${p.name}`,
  );
  return {
    group: { id: group.id, name: group.name },
    slot,
    mode: settings.mode,
    pupils: rows,
    calledAt: rollCall?.updatedAt ?? null,
    canCall: can(actor, 'attendance.rollCall.call', facts),
  };
}

/**
 * The timetable's way in: opens the roll call of one lesson slot (group, date, times and the
 * slot's id), as the roll-call page would show it. Saving goes through `saveRollCall` with the
 * same slot, which keeps the slot id on the roll call.
 */
export async function openRollCall(deps: Deps, actor: Actor, input: { groupId: string; date: string; start: string; end: string; slotId?: string }) {
  return rollCallView(deps, actor, input.groupId, { date: input.date, start: input.start, end: input.end, slotId: input.slotId });
}

/**
 * Records a roll call (again: the last one wins). Present pupils have no row. Each new absence
 * or lateness enqueues the families' notice in the same transaction; announced absences are
 * not notified (the family told the school).
 */
export async function saveRollCall(deps: Deps, actor: Actor, groupId: string, input: SlotInput & { marks: MarkInput[] }) {
  const now = deps.clock.now();
  const facts = await groupFacts(deps.db, actor, groupId, now);
  authorize(actor, 'attendance.rollCall.call', facts);
  const group = (await repo.findGroup(deps.db, groupId))!;
  const problems = new Problems();
  const slot = readSlot(input, group.schoolYear, now, problems);
  const pupils = new Set((await repo.groupPupils(deps.db, groupId)).map((p) => p.id));
  const seen = new Set<string>();
  input.marks.forEach((m, i) => {
    problems.check(pupils.has(m.studentId) && !seen.has(m.studentId), `marks.${i}.studentId`, t('attendance.error.notInGroup'));
    seen.add(m.studentId);
    if (m.status === 'late')
      problems.check(
        Number.isInteger(m.lateMinutes) && m.lateMinutes! >= 1 && m.lateMinutes! <= 240,
        `marks.${i}.lateMinutes`,
        t('attendance.error.lateMinutes'),
      );
  });
  problems.throwIfAny('attendance.invalid_roll_call');

  const at = now.toISOString();
  const away = input.marks.filter((m) => m.status !== 'present');
  const announced = await repo.announcedOn(
    deps.db,
    away.map((m) => m.studentId),
    slot.date,
    slot.halfDay,
  );
  const id = await deps.db.transaction().execute(async (trx) => {
    const rollCallId = await repo.upsertRollCall(trx, {
      id: newId(),
      structureId: group.structureId,
      groupId,
      schoolYear: group.schoolYear,
      date: slot.date,
      slotKey: slot.slotKey,
      halfDay: slot.halfDay,
      startTime: slot.start,
      endTime: slot.end,
      slotId: slot.slotId,
      calledBy: actor.personId,
      calledAt: at,
      updatedAt: at,
    });
    const rows = away.map((m) => ({
      id: newId(),
      rollCallId,
      structureId: group.structureId,
      groupId,
      studentId: m.studentId,
      date: slot.date,
      halfDay: slot.halfDay,
      status: m.status as MarkStatus,
      lateMinutes: m.status === 'late' ? m.lateMinutes! : null,
      announcedId: m.status === 'absent' ? (announced.find((a) => a.studentId === m.studentId)?.id ?? null) : null,
      createdAt: at,
    }));
    await repo.replaceMarks(trx, rollCallId, rows);
    for (const row of rows.filter((r) => !r.announcedId)) {
      // One notice per pupil, roll call and status, however often the roll call is saved again.
      await enqueue(
        trx,
        'attendance.notify',
        { rollCallId, studentId: row.studentId, status: row.status },
        { key: `attendance.notify:${rollCallId}:${row.studentId}:${row.status}` },
      );
    }
    return rollCallId;
  });
  return {
    id,
    date: slot.date,
    slotKey: slot.slotKey,
    absent: away.filter((m) => m.status === 'absent').length,
    late: away.filter((m) => m.status === 'late').length,
  };
}
