import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId, type Db } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { audit } from '../../../kernel/audit.js';
import { schoolYearOf } from '../../directory/index.js';
import { isDate, minutesOf, schoolYearBounds, TIME } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository.js';
import type { SlotSource, WeekPattern } from '../tables.js';
import type { Deps } from './deps.js';

/** A slot as a form, the API or an import line gives it; names are resolved to ids before. */
export interface SlotInput {
  groupId: string;
  teacherId: string;
  roomId?: string | null;
  subject?: string | null;
  subjectCode?: string | null;
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  weeks?: WeekPattern;
  validFrom?: string | null;
  validTo?: string | null;
}

/**
 * Checks one slot against the school's groups, teachers, rooms, subjects and school year, and
 * against the slots already there; returns the row to store, or the problems field by field.
 */
export async function checkSlot(
  db: Db,
  structureId: string,
  input: SlotInput,
  source: SlotSource,
  options: { replacing?: string[]; pending?: repo.SlotShape[]; now: Date },
): Promise<{ row: repo.SlotRow | null; problems: { field: string; message: string }[] }> {
  const p: { field: string; message: string }[] = [];
  const add = (field: string, message: string) => p.push({ field, message });
  const group = input.groupId ? await repo.findGroup(db, input.groupId) : undefined;
  if (!group || group.structureId !== structureId) add('groupId', t('timetable.error.group'));
  const teacher = input.teacherId ? await repo.findTeacherInSchool(db, structureId, input.teacherId) : undefined;
  if (!teacher) add('teacherId', t('timetable.error.teacher'));
  if (input.roomId) {
    const room = await repo.findRoom(db, input.roomId);
    if (!room || room.structureId !== structureId) add('roomId', t('timetable.error.room'));
  }
  let subject = (input.subject ?? '').trim();
  const code = (input.subjectCode ?? '').trim() || null;
  if (code) {
    const known = await repo.directorySubject(db, structureId, code);
    if (!known) add('subjectCode', t('timetable.error.subjectCode'));
    else subject ||= known.label;
  }
  if (!subject) add('subject', t('timetable.error.subject'));
  if (!Number.isInteger(input.dayOfWeek) || input.dayOfWeek < 1 || input.dayOfWeek > 6) add('dayOfWeek', t('timetable.error.day'));
  const timesOk = TIME.test(input.startTime) && TIME.test(input.endTime);
  if (!TIME.test(input.startTime)) add('startTime', t('timetable.error.time'));
  if (!TIME.test(input.endTime)) add('endTime', t('timetable.error.time'));
  if (timesOk && minutesOf(input.endTime) <= minutesOf(input.startTime)) add('endTime', t('timetable.error.endBeforeStart'));
  const weeks = input.weeks ?? 'all';
  if (!['all', 'A', 'B'].includes(weeks)) add('weeks', t('timetable.error.weeks'));
  const year = group?.schoolYear ?? schoolYearOf(options.now);
  const bounds = schoolYearBounds(year);
  const validFrom = input.validFrom || bounds.from;
  const validTo = input.validTo || bounds.to;
  for (const [field, value] of [
    ['validFrom', validFrom],
    ['validTo', validTo],
  ] as const) {
    if (!isDate(value)) add(field, t('timetable.error.date'));
    else if (value < bounds.from || value > bounds.to) add(field, t('timetable.error.outsideYear', year));
  }
  if (!p.some((x) => x.field.startsWith('valid')) && validTo < validFrom) add('validTo', t('timetable.error.toBeforeFrom'));
  if (p.length > 0 || !group || !teacher) return { row: null, problems: p };

  const shape: repo.SlotShape = {
    structureId,
    groupId: group.id,
    teacherId: teacher.id,
    roomId: input.roomId || null,
    dayOfWeek: input.dayOfWeek,
    startTime: input.startTime,
    endTime: input.endTime,
    weeks,
    validFrom,
    validTo,
  };
  const clashes = [...(await repo.overlapping(db, shape, options.replacing)), ...(options.pending ?? []).filter((o) => overlaps(o, shape))];
  for (const c of clashes) {
    const field = c.groupId === shape.groupId ? 'groupId' : c.teacherId === shape.teacherId ? 'teacherId' : 'roomId';
    if (!p.some((x) => x.field === field)) add(field, t(`timetable.error.overlap.${field}`, c.startTime, c.endTime));
  }
  if (p.length > 0) return { row: null, problems: p };
  const at = options.now.toISOString();
  return { row: { id: newId(), ...shape, schoolYear: year, subject, subjectCode: code, source, createdAt: at, updatedAt: at }, problems: [] };
}

/** The same collision rule as the repository's, for slots of one import not stored yet. */
function overlaps(a: repo.SlotShape, b: repo.SlotShape): boolean {
  if (a.dayOfWeek !== b.dayOfWeek || a.startTime >= b.endTime || a.endTime <= b.startTime) return false;
  if (a.validFrom > b.validTo || a.validTo < b.validFrom) return false;
  if (a.weeks !== 'all' && b.weeks !== 'all' && a.weeks !== b.weeks) return false;
  return a.groupId === b.groupId || a.teacherId === b.teacherId || (!!a.roomId && a.roomId === b.roomId);
}

/** Adds one slot to the active school's timetable; every problem is a 400 naming its field, nothing stored. */
export async function createSlot(deps: Deps, actor: Actor, input: SlotInput) {
  const structureId = actor.activeStructureId;
  authorize(actor, 'timetable.school.manage', { structureId });
  const { row, problems } = await checkSlot(deps.db, structureId!, input, 'manual', { now: deps.clock.now() });
  if (!row) {
    const list = new Problems();
    for (const x of problems) list.add(x.field, x.message);
    list.throwIfAny('timetable.invalid_slot');
  }
  await repo.insertSlots(deps.db, [row!]);
  await audit(deps.db, { action: 'timetable.slot.create', actorId: actor.personId, structureId, details: { slotId: row!.id } });
  return row!;
}

/**
 * Changes a slot's fields with the same checks as a new one (its own place does not count as an
 * overlap); a day change that no longer falls on one of its occurrences is dropped with it.
 */
export async function updateSlot(deps: Deps, actor: Actor, slotId: string, input: SlotInput) {
  const slot = await repo.findSlot(deps.db, slotId);
  authorize(actor, 'timetable.slot.edit', slot);
  const { row, problems } = await checkSlot(deps.db, slot.structureId, input, slot.source, { replacing: [slotId], now: deps.clock.now() });
  if (!row) {
    const list = new Problems();
    for (const x of problems) list.add(x.field, x.message);
    list.throwIfAny('timetable.invalid_slot');
  }
  const { id: _id, createdAt: _created, source: _source, ...fields } = row!;
  const onDay = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() === fields.dayOfWeek % 7;
  const dropped = await repo.updateSlot(deps.db, slotId, fields, (date) => onDay(date) && date >= fields.validFrom && date <= fields.validTo);
  await audit(deps.db, {
    action: 'timetable.slot.update',
    actorId: actor.personId,
    structureId: slot.structureId,
    details: { slotId, droppedChanges: dropped },
  });
  return { ...slot, ...fields, updatedAt: row!.updatedAt };
}

export async function deleteSlot(deps: Deps, actor: Actor, slotId: string): Promise<void> {
  const slot = await repo.findSlot(deps.db, slotId);
  authorize(actor, 'timetable.slot.edit', slot);
  await repo.deleteSlot(deps.db, slotId);
  await audit(deps.db, { action: 'timetable.slot.delete', actorId: actor.personId, structureId: slot.structureId, details: { slotId } });
}

/** One slot for its staff (the change form), with its group's, teacher's and room's names. */
export async function slotForStaff(deps: Deps, actor: Actor, slotId: string) {
  const slot = await repo.findSlot(deps.db, slotId);
  authorize(actor, 'timetable.slot.edit', slot);
  return slot;
}
