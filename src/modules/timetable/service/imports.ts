import ICAL from 'ical.js';
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { audit } from '../../../kernel/audit.js';
import { BadRequest, InvalidInput } from '../../../kernel/http/errors.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { dayOfWeek, isoToParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository.js';
import type { SlotSource } from '../tables.js';
import type { Deps } from './deps.js';
import { fold, parseCsv, readDate, readDay, readHeader, readTime, readWeeks, type Column } from './import-lines.js';
import { checkSlot, type SlotInput } from './slots.js';
import { weekLetter } from './weeks.js';

export const MAX_LINES = 5000;

/** One refused line (or event) of a file, and why. */
export interface LineProblem {
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  replaced: number;
}

/** The school's names → ids: groups of the current year, teachers (by login or name either way round), rooms. */
async function namesOf(deps: Deps, structureId: string) {
  const year = schoolYearOf(deps.clock.now());
  const [groups, teachers, rooms] = await Promise.all([
    repo.groupsOfSchool(deps.db, structureId, year),
    repo.teachersOfSchool(deps.db, structureId),
    repo.roomsOf(deps.db, structureId),
  ]);
  const teacherKeys = new Map<string, string>();
  for (const p of teachers) {
    const last = p.usageName || p.lastName;
    for (const key of [p.login, `${last} ${p.firstName}`, `${p.firstName} ${last}`, `${p.lastName} ${p.firstName}`, displayName(p)])
      teacherKeys.set(fold(key), p.id);
  }
  const stripCivility = (name: string) => fold(name).replace(/^(m|mme|mlle|mr|monsieur|madame)\.?\s+/, '');
  return {
    group: (name: string) => groups.find((g) => fold(g.name) === fold(name))?.id,
    teacher: (name: string) => teacherKeys.get(stripCivility(name)) ?? teacherKeys.get(fold(name)),
    room: (name: string) => rooms.find((r) => fold(r.name) === fold(name))?.id,
  };
}

/** Checks every line against the school and each other; stores all of them in one transaction, or none. */
async function store(
  deps: Deps,
  actor: Actor,
  structureId: string,
  lines: { line: number; input: SlotInput | null; problems: LineProblem[] }[],
  source: SlotSource,
  replacing: string[],
): Promise<ImportResult> {
  const problems: LineProblem[] = [];
  const rows: repo.SlotRow[] = [];
  const now = deps.clock.now();
  for (const l of lines) {
    problems.push(...l.problems);
    if (!l.input || l.problems.length > 0) continue;
    const checked = await checkSlot(deps.db, structureId, l.input, source, { replacing, pending: rows, now });
    problems.push(...checked.problems.map((p) => ({ line: l.line, ...p })));
    if (checked.row) rows.push(checked.row);
  }
  if (problems.length > 0)
    throw new InvalidInput(
      problems.map((p) => ({ ...p, message: t('timetable.import.line', p.line, p.message) })),
      'timetable.import_refused',
    );
  if (rows.length === 0)
    throw new BadRequest('timetable.import_empty', t('timetable.error.empty'), [{ field: 'content', message: t('timetable.error.empty') }]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSlots(trx, replacing);
    await repo.insertSlots(trx, rows);
  });
  await audit(deps.db, {
    action: `timetable.import.${source}`,
    actorId: actor.personId,
    structureId,
    details: { imported: rows.length, replaced: replacing.length },
  });
  return { imported: rows.length, replaced: replacing.length };
}

/** The CSV layout of docs/timetable.md: a header naming the columns, one slot per line; a bad line refuses the whole file. */
export async function importCsv(deps: Deps, actor: Actor, input: { content: string; replace?: boolean }): Promise<ImportResult> {
  const structureId = actor.activeStructureId;
  authorize(actor, 'timetable.school.manage', { structureId });
  const records = parseCsv(input.content);
  if (records.length > MAX_LINES + 1) throw new InvalidInput([{ field: 'content', message: t('timetable.error.tooLarge') }], 'timetable.import_refused');
  const [header, ...body] = records;
  if (!header || body.length === 0) throw new InvalidInput([{ field: 'content', message: t('timetable.error.empty') }], 'timetable.import_refused');
  const { index, missing } = readHeader(header.cells);
  if (missing.length > 0) throw new InvalidInput([{ field: 'content', message: t('timetable.error.header', missing.join(', ')) }], 'timetable.import_refused');
  const names = await namesOf(deps, structureId!);
  const lines = body.map(({ line, cells }) => {
    const cell = (c: Column) => (index[c] === undefined ? '' : (cells[index[c]!] ?? ''));
    const problems: LineProblem[] = [];
    const groupId = names.group(cell('group'));
    if (!groupId) problems.push({ line, field: 'groupId', message: t('timetable.error.unknownGroup', cell('group')) });
    const teacherId = names.teacher(cell('teacher'));
    if (!teacherId) problems.push({ line, field: 'teacherId', message: t('timetable.error.unknownTeacher', cell('teacher')) });
    const roomName = cell('room');
    const roomId = roomName ? names.room(roomName) : null;
    if (roomName && !roomId) problems.push({ line, field: 'roomId', message: t('timetable.error.unknownRoom', roomName) });
    const weeks = readWeeks(cell('weeks'));
    if (!weeks) problems.push({ line, field: 'weeks', message: t('timetable.error.weeks') });
    const subject = cell('subject');
    const input: SlotInput = {
      groupId: groupId ?? '',
      teacherId: teacherId ?? '',
      roomId,
      subject,
      subjectCode: null,
      dayOfWeek: readDay(cell('day')),
      startTime: readTime(cell('start')),
      endTime: readTime(cell('end')),
      weeks: weeks ?? 'all',
      validFrom: readDate(cell('from')),
      validTo: readDate(cell('to')),
    };
    return { line, input, problems };
  });
  const groupIds = [...new Set(lines.map((l) => l.input.groupId).filter(Boolean))];
  const replacing = input.replace ? await repo.slotIdsOf(deps.db, structureId!, { groupIds }) : [];
  return store(deps, actor, structureId!, lines, 'csv', replacing);
}

/**
 * A time of the file as a Paris date and time. A UTC time (`…Z`), or one in a zone the file
 * defines, is an instant. A floating time, or one naming a zone the file does not define
 * (`TZID=Europe/Paris` without its VTIMEZONE, as many exports write it), is read as the wall clock
 * it says: a French school's timetable, in Paris time, whatever the server's own zone.
 */
function parisOf(time: ICAL.Time): { date: string; time: string } {
  if (time.zone && time.zone.tzid !== 'floating') return isoToParis(time.toJSDate());
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${time.year}-${two(time.month)}-${two(time.day)}`, time: `${two(time.hour)}:${two(time.minute)}` };
}

/** One VEVENT's occurrences as Paris dates and times (a weekly RRULE is expanded up to the end of the school year). */
function occurrencesOfEvent(event: ICAL.Event, until: string): { date: string; start: string; end: string }[] {
  const out: { date: string; start: string; end: string }[] = [];
  const push = (startAt: ICAL.Time) => {
    const endAt = startAt.clone();
    endAt.addDuration(event.duration);
    const s = parisOf(startAt);
    const e = parisOf(endAt);
    out.push({ date: s.date, start: s.time, end: e.date === s.date ? e.time : '' });
  };
  if (!event.isRecurring()) push(event.startDate);
  else {
    const it = event.iterator();
    for (let next = it.next(), n = 0; next && n < 60; next = it.next(), n++) {
      if (parisOf(next).date > until) break;
      push(next);
    }
  }
  return out;
}

/**
 * An iCalendar file of one class or group, or of one teacher (as EDT, Pronote and most timetabling
 * software export them): the occurrences of the same subject, day, times and place become one weekly
 * slot, valid from its first to its last date, A or B when they all fall in A or in B weeks. The
 * other side (the teacher of a class's file, the group of a teacher's) is read from the event's
 * summary and description, split on " - ", "," and new lines.
 */
export async function importIcal(
  deps: Deps,
  actor: Actor,
  input: { content: string; groupId?: string; teacherId?: string; replace?: boolean },
): Promise<ImportResult> {
  const structureId = actor.activeStructureId;
  authorize(actor, 'timetable.school.manage', { structureId });
  if (!input.groupId === !input.teacherId) throw new InvalidInput([{ field: 'groupId', message: t('timetable.error.icalTarget') }], 'timetable.import_refused');
  let events: ICAL.Event[];
  try {
    events = new ICAL.Component(ICAL.parse(input.content)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  } catch {
    throw new InvalidInput([{ field: 'content', message: t('timetable.error.icalParse') }], 'timetable.import_refused');
  }
  if (events.length > MAX_LINES) throw new InvalidInput([{ field: 'content', message: t('timetable.error.tooLarge') }], 'timetable.import_refused');
  const names = await namesOf(deps, structureId!);
  const aWeeks = await repo.aWeeksOf(deps.db, structureId!);
  const until = `${Number(schoolYearOf(deps.clock.now()).slice(5))}-08-31`;
  const slots = new Map<string, { line: number; input: SlotInput; dates: string[]; problems: LineProblem[] }>();
  const lines: { line: number; input: SlotInput | null; problems: LineProblem[] }[] = [];
  events.forEach((event, i) => {
    const line = i + 1;
    if (!event.startDate || !event.endDate || event.component.getFirstPropertyValue('status') === 'CANCELLED') return;
    const parts = [event.summary ?? '', event.description ?? '']
      .join('\n')
      .split(/\s+-\s+|\n|,/)
      .map((x) => x.trim())
      .filter(Boolean);
    const teacherId = input.teacherId ?? parts.map(names.teacher).find(Boolean);
    const groupId = input.groupId ?? parts.map(names.group).find(Boolean);
    const subject = parts.find((x) => !names.teacher(x) && !names.group(x) && !names.room(x)) ?? '';
    const roomName = (event.location ?? '').split(/\s+-\s+|,/)[0]!.trim();
    const roomId = roomName ? names.room(roomName) : null;
    const problems: LineProblem[] = [];
    if (!groupId) problems.push({ line, field: 'groupId', message: t('timetable.error.unknownGroup', event.summary ?? '') });
    if (!teacherId) problems.push({ line, field: 'teacherId', message: t('timetable.error.unknownTeacher', event.summary ?? '') });
    if (roomName && !roomId) problems.push({ line, field: 'roomId', message: t('timetable.error.unknownRoom', roomName) });
    for (const o of occurrencesOfEvent(event, until)) {
      if (!o.end) problems.push({ line, field: 'content', message: t('timetable.error.icalEvent') });
      const key = [dayOfWeek(o.date), o.start, o.end, subject, groupId, teacherId, roomId].join('|');
      const slot = slots.get(key) ?? {
        line,
        dates: [],
        problems: [],
        input: { groupId: groupId ?? '', teacherId: teacherId ?? '', roomId, subject, dayOfWeek: dayOfWeek(o.date), startTime: o.start, endTime: o.end },
      };
      slot.dates.push(o.date);
      slots.set(key, slot);
    }
    if (problems.length > 0) lines.push({ line, input: null, problems });
  });
  for (const slot of slots.values()) {
    const dates = slot.dates.sort();
    const letters = new Set(dates.map((d) => weekLetter(aWeeks, d)));
    const weeks = dates.length > 1 && letters.size === 1 ? [...letters][0]! : 'all';
    lines.push({ line: slot.line, input: { ...slot.input, weeks, validFrom: dates[0], validTo: dates.at(-1) }, problems: [] });
  }
  lines.sort((a, b) => a.line - b.line);
  const replacing = input.replace
    ? await repo.slotIdsOf(deps.db, structureId!, input.teacherId ? { teacherId: input.teacherId } : { groupIds: [input.groupId!] })
    : [];
  return store(deps, actor, structureId!, lines, 'ical', replacing);
}
