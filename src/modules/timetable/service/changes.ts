import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { isDate, dayOfWeek, minutesOf, schoolYearBounds, TIME } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository.js';
import type { ChangeKind } from '../tables.js';
import type { Deps } from './deps.js';
import { runsThatWeek, weekLetter } from './weeks.js';

export const NOTIFY_JOB = 'timetable.change.notify';

export interface ChangeInput {
  date: string;
  kind: ChangeKind;
  newDate?: string | null;
  newStart?: string | null;
  newEnd?: string | null;
  newTeacherId?: string | null;
  newRoomId?: string | null;
  note?: string | null;
}

/**
 * Records a change to one occurrence (replacing any earlier one for that date) and, in the same
 * transaction, the job that tells the pupils, their parents and the teachers concerned.
 */
export async function recordChange(deps: Deps, actor: Actor, slotId: string, input: ChangeInput) {
  const slot = await repo.findSlot(deps.db, slotId);
  authorize(actor, 'timetable.slot.edit', slot);
  const p = new Problems();
  const bounds = schoolYearBounds(slot.schoolYear);
  const runs =
    isDate(input.date) &&
    dayOfWeek(input.date) === slot.dayOfWeek &&
    input.date >= slot.validFrom &&
    input.date <= slot.validTo &&
    runsThatWeek(slot.weeks, weekLetter(await repo.aWeeksOf(deps.db, slot.structureId), input.date));
  p.check(runs, 'date', t('timetable.error.notThatDay'));
  const note = (input.note ?? '').trim() || null;
  p.check(!note || note.length <= 300, 'note', t('timetable.error.note'));
  const row: repo.ChangeRow = {
    id: newId(),
    slotId,
    date: input.date,
    kind: input.kind,
    newDate: null,
    newStart: null,
    newEnd: null,
    newTeacherId: null,
    newRoomId: null,
    note,
    createdBy: actor.personId,
    createdAt: deps.clock.now().toISOString(),
  };
  if (input.kind === 'moved') {
    const d = input.newDate ?? '';
    p.check(isDate(d) && d >= bounds.from && d <= bounds.to, 'newDate', t('timetable.error.outsideYear', slot.schoolYear));
    const s = input.newStart ?? '';
    const e = input.newEnd ?? '';
    p.check(TIME.test(s), 'newStart', t('timetable.error.time'));
    p.check(TIME.test(e), 'newEnd', t('timetable.error.time'));
    if (TIME.test(s) && TIME.test(e)) p.check(minutesOf(e) > minutesOf(s), 'newEnd', t('timetable.error.endBeforeStart'));
    Object.assign(row, { newDate: d, newStart: s, newEnd: e });
  }
  if (input.kind === 'teacher') {
    const teacher = input.newTeacherId ? await repo.findTeacherInSchool(deps.db, slot.structureId, input.newTeacherId) : undefined;
    p.check(!!teacher && teacher.id !== slot.teacherId, 'newTeacherId', t('timetable.error.teacher'));
    row.newTeacherId = teacher?.id ?? null;
  }
  if (input.kind === 'room' || (input.kind === 'moved' && input.newRoomId)) {
    const room = input.newRoomId ? await repo.findRoom(deps.db, input.newRoomId) : undefined;
    p.check(!!room && room.structureId === slot.structureId, 'newRoomId', t('timetable.error.room'));
    row.newRoomId = room?.id ?? null;
  }
  p.throwIfAny('timetable.invalid_change');
  await deps.db.transaction().execute(async (trx) => {
    await repo.upsertChange(trx, row);
    await enqueue(trx, NOTIFY_JOB, { changeId: row.id }, { key: `${NOTIFY_JOB}:${row.id}` });
  });
  return row;
}

export async function removeChange(deps: Deps, actor: Actor, changeId: string): Promise<{ slotId: string; date: string }> {
  const change = await repo.findChange(deps.db, changeId);
  authorize(actor, 'timetable.slot.edit', change);
  await repo.deleteChange(deps.db, changeId);
  return { slotId: change.slotId, date: change.date };
}
