// Timetable benchmark: a weekly timetable for every class of the dataset (six slots a day, four
// and a half days, a room each), one cancelled slot per class this week, then a parent's week
// (JSON and page) as parents in turn.
import { createSession } from '../../src/kernel/auth/sessions.js';
import type { Db, DbHandle } from '../../src/kernel/db/index.js';
import { newId, nowIso } from '../../src/kernel/db/index.js';
import { mondayOf, schoolYearBounds, todayInParis } from '../../src/modules/timetable/dates.js';
import { insertSlots, type SlotRow } from '../../src/modules/timetable/repository.js';
import { SCHOOL_YEAR } from '../dataset.js';
import { runScenario, type Scenario, type ScenarioResult } from '../load.js';

export const TIMETABLE_SCENARIOS = ['timetable_parent_week_json', 'timetable_parent_week_page'] as const;

const SUBJECTS = ['Français', 'Mathématiques', 'Histoire-géographie', 'Sciences', 'Anglais', 'Éducation physique et sportive'];
const HOURS: [string, string][] = [
  ['08:30', '09:25'],
  ['09:30', '10:25'],
  ['10:40', '11:35'],
  ['13:30', '14:25'],
  ['14:30', '15:25'],
  ['15:40', '16:30'],
];

/** Writes the slots (and this week's Monday first slot cancelled) for every class with a teacher. */
export async function generateTimetables(db: Db, log?: (line: string) => void) {
  const started = performance.now();
  const bounds = schoolYearBounds(SCHOOL_YEAR);
  const classes = await db
    .selectFrom('groups')
    .innerJoin('groupMembers', (j) => j.onRef('groupMembers.groupId', '=', 'groups.id').on('groupMembers.role', '=', 'teacher'))
    .select(['groups.id', 'groups.name', 'groups.structureId', 'groupMembers.personId as teacherId'])
    .where('groups.kind', '=', 'class')
    .where('groups.schoolYear', '=', SCHOOL_YEAR)
    .execute();
  const seen = new Set<string>();
  const at = nowIso();
  let slots = 0;
  const monday = mondayOf(todayInParis(new Date()));
  for (const c of classes) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const room = { id: newId(), structureId: c.structureId, name: `Salle ${c.name} ${c.id.slice(0, 4)}`, createdAt: at };
    await db.insertInto('timetableRooms').values(room).execute();
    const rows: SlotRow[] = [];
    for (const day of [1, 2, 3, 4, 5]) {
      HOURS.slice(0, day === 3 ? 3 : 6).forEach(([startTime, endTime], i) =>
        rows.push({
          id: newId(),
          structureId: c.structureId,
          schoolYear: SCHOOL_YEAR,
          groupId: c.id,
          teacherId: c.teacherId,
          roomId: room.id,
          subjectCode: null,
          subject: SUBJECTS[(day + i) % SUBJECTS.length]!,
          dayOfWeek: day,
          startTime,
          endTime,
          weeks: 'all',
          validFrom: bounds.from,
          validTo: bounds.to,
          source: 'manual',
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
    await insertSlots(db, rows);
    slots += rows.length;
    if (monday >= bounds.from && monday <= bounds.to)
      await db
        .insertInto('timetableChanges')
        .values({
          id: newId(),
          slotId: rows[0]!.id,
          date: monday,
          kind: 'cancelled',
          newDate: null,
          newStart: null,
          newEnd: null,
          newTeacherId: null,
          newRoomId: null,
          note: 'Sortie scolaire',
          createdBy: c.teacherId,
          createdAt: at,
        })
        .execute();
  }
  const seconds = (performance.now() - started) / 1000;
  log?.(`[bench] timetable: ${slots} slots for ${seen.size} classes in ${seconds.toFixed(1)} s`);
  return { classes: seen.size, slots, seconds };
}

export interface TimetableBenchContext {
  openHandle: () => DbHandle;
  baseUrl: string;
  connections: number;
  duration: number;
  warmup: number;
  log: (line: string) => void;
  /** Parents to sign in (default 8). */
  people?: number;
}

/** Generates the timetables (unless a reused dataset has them), signs parents in, runs the two scenarios. */
export async function runTimetableBench(ctx: TimetableBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const handle = ctx.openHandle();
  const notes: string[] = [];
  const parents: { cookie: string; childId: string }[] = [];
  try {
    const existing = await handle.db
      .selectFrom('timetableSlots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) {
      const made = await generateTimetables(handle.db, ctx.log);
      notes.push(`Timetable: ${made.slots} slots for ${made.classes} classes written in ${made.seconds.toFixed(1)} s.`);
    }
    const rows = await handle.db
      .selectFrom('relativeLinks')
      .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
      .select(['relativeLinks.relativeId', 'relativeLinks.studentId'])
      .where('groupMembers.role', '=', 'student')
      .orderBy('relativeLinks.relativeId')
      .limit(ctx.people ?? 8)
      .execute();
    const stamp = nowIso();
    await handle.db
      .updateTable('people')
      .set({ activatedAt: stamp, charterAcceptedAt: stamp, activationCode: null })
      .where(
        'id',
        'in',
        rows.map((r) => r.relativeId),
      )
      .execute();
    for (const r of rows) {
      const { token } = await createSession(handle.db, r.relativeId, null, { idleMinutes: 120, absoluteMinutes: 720 });
      parents.push({ cookie: `preau_session=${token}`, childId: r.studentId });
    }
  } finally {
    await handle.close();
  }
  const common = { baseUrl: ctx.baseUrl, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
  const week = mondayOf(todayInParis(new Date()));
  const get = (path: (p: { childId: string }) => string, accept: string) =>
    parents.map((p) => ({ method: 'GET', path: path(p), headers: { cookie: p.cookie, accept } }));
  const scenarios: Scenario[] = [
    {
      ...common,
      name: 'timetable_parent_week_json',
      requests: get((p) => `/api/timetable/week?studentId=${p.childId}&week=${week}`, 'application/json'),
      note: `GET /api/timetable/week as ${parents.length} parents in turn`,
    },
    {
      ...common,
      name: 'timetable_parent_week_page',
      requests: get((p) => `/timetable?child=${p.childId}&week=${week}`, 'text/html'),
      note: `GET /timetable as ${parents.length} parents in turn`,
    },
  ];
  const results: ScenarioResult[] = [];
  for (const s of scenarios) results.push(await runScenario(s, ctx.log));
  return { results, notes };
}
