import type { Db } from '../../../kernel/db/index.js';
import { displayName } from '../../directory/index.js';
import { addDays, dayOfWeek, isoWeek } from '../dates.js';
import * as repo from '../repository.js';
import type { ChangeKind, WeekPattern } from '../tables.js';

/** Whether an ISO week is an A week under a school's setting (`odd`, `even` or a list of week numbers). */
export function isAWeek(aWeeks: string, week: number): boolean {
  if (aWeeks === 'odd') return week % 2 === 1;
  if (aWeeks === 'even') return week % 2 === 0;
  return aWeeks.split(',').map(Number).includes(week);
}

export const weekLetter = (aWeeks: string, date: string): 'A' | 'B' => (isAWeek(aWeeks, isoWeek(date)) ? 'A' : 'B');

export const runsThatWeek = (weeks: WeekPattern, letter: 'A' | 'B') => weeks === 'all' || weeks === letter;

/** How an occurrence stands on its day. `movedHere` is where a moved occurrence now takes place. */
export type OccurrenceStatus = 'normal' | ChangeKind | 'movedHere';

/** One slot on one date, with its change applied. */
export interface Occurrence {
  slotId: string;
  /** The occurrence's own date (the change's key), and where and when it takes place now. */
  originalDate: string;
  date: string;
  start: string;
  end: string;
  subject: string;
  subjectCode: string | null;
  groupId: string;
  groupName: string;
  teacherId: string;
  teacher: string;
  room: string | null;
  status: OccurrenceStatus;
  changeId: string | null;
  /** Moved: the new date and times; replaced: the new teacher; room change: the new room. */
  movedTo: { date: string; start: string; end: string } | null;
  replacement: { id: string; name: string } | null;
  newRoom: string | null;
  note: string | null;
  /** When the slot or its change was last written (the calendar's LAST-MODIFIED). */
  modifiedAt: string;
}

/**
 * The occurrences between `from` and `to` (inclusive) of the given slots, changes applied: a
 * cancelled occurrence stays, marked; a moved one shows at its old place, marked, and at its new one.
 */
export function occurrencesOf(
  slots: repo.ScopedSlot[],
  changes: repo.ScopedChange[],
  aWeeksOf: (structureId: string) => string,
  from: string,
  to: string,
): Occurrence[] {
  const byKey = new Map(changes.map((c) => [`${c.slotId}|${c.date}`, c]));
  const out: Occurrence[] = [];
  const base = (s: repo.ScopedSlot, date: string): Occurrence => ({
    slotId: s.id,
    originalDate: date,
    date,
    start: s.startTime,
    end: s.endTime,
    subject: s.subject,
    subjectCode: s.subjectCode,
    groupId: s.groupId,
    groupName: s.groupName,
    teacherId: s.teacherId,
    teacher: displayName(s),
    room: s.roomName,
    status: 'normal',
    changeId: null,
    movedTo: null,
    replacement: null,
    newRoom: null,
    note: null,
    modifiedAt: s.updatedAt,
  });
  const withChange = (o: Occurrence, c: repo.ScopedChange): Occurrence => ({
    ...o,
    status: c.kind,
    changeId: c.id,
    movedTo: c.kind === 'moved' && c.newDate && c.newStart && c.newEnd ? { date: c.newDate, start: c.newStart, end: c.newEnd } : null,
    replacement:
      c.kind === 'teacher' && c.newTeacherId && c.firstName
        ? { id: c.newTeacherId, name: displayName({ firstName: c.firstName, lastName: c.lastName!, usageName: c.usageName }) }
        : null,
    newRoom: c.roomName,
    note: c.note,
    modifiedAt: c.createdAt > o.modifiedAt ? c.createdAt : o.modifiedAt,
  });
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = dayOfWeek(date);
    for (const s of slots) {
      if (s.dayOfWeek !== day || s.validFrom > date || s.validTo < date) continue;
      if (!runsThatWeek(s.weeks, weekLetter(aWeeksOf(s.structureId), date))) continue;
      const c = byKey.get(`${s.id}|${date}`);
      out.push(c ? withChange(base(s, date), c) : base(s, date));
    }
  }
  // Where moved occurrences now take place, whichever week they came from.
  const slotById = new Map(slots.map((s) => [s.id, s]));
  for (const c of changes) {
    const s = slotById.get(c.slotId);
    if (!s || c.kind !== 'moved' || !c.newDate || !c.newStart || !c.newEnd || c.newDate < from || c.newDate > to) continue;
    const o = withChange(base(s, c.date), c);
    out.push({ ...o, status: 'movedHere', date: c.newDate, start: c.newStart, end: c.newEnd, room: c.roomName ?? s.roomName });
  }
  return out.sort((a, b) =>
    a.date === b.date ? (a.start === b.start ? a.groupName.localeCompare(b.groupName) : a.start < b.start ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
}

/** Loads and expands the occurrences of a scope between two dates. */
export async function occurrencesIn(db: Db, scope: repo.SlotScope, from: string, to: string): Promise<Occurrence[]> {
  const slots = await repo.slotsInScope(db, scope, from, to);
  const changes = await repo.changesOf(
    db,
    slots.map((s) => s.id),
    from,
    to,
  );
  const structures = [...new Set(slots.map((s) => s.structureId))];
  const settings = new Map(await Promise.all(structures.map(async (id) => [id, await repo.aWeeksOf(db, id)] as const)));
  let list = occurrencesOf(slots, changes, (id) => settings.get(id) ?? 'odd', from, to);
  // A teacher's or a room's week holds the slots they join through a change only on that date.
  if ('teacherId' in scope) list = list.filter((o) => o.teacherId === scope.teacherId || o.replacement?.id === scope.teacherId);
  if ('roomId' in scope) {
    const own = new Set(slots.filter((s) => s.roomId === scope.roomId).map((s) => s.id));
    const joinedRoom = new Set(changes.filter((c) => c.newRoomId === scope.roomId).map((c) => `${c.slotId}|${c.date}`));
    list = list.filter((o) => own.has(o.slotId) || joinedRoom.has(`${o.slotId}|${o.originalDate}`));
  }
  return list;
}
