// Cahier de textes benchmark: a school year of lessons on the generated dataset, then a pupil's
// agenda (JSON and page) and a teacher publishing a lesson with two pieces of work.
import type { Insertable } from 'kysely';
import type { AssignmentsTable, LessonsTable } from '../../src/modules/homework/tables.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import type { Db, DbHandle } from '../../src/kernel/db/index.js';
import { newId, nowIso } from '../../src/kernel/db/index.js';
import { subjectsOf, subjectsOfGroup } from '../../src/modules/homework/repository/subjects.js';
import { addDays, todayInParis } from '../../src/modules/homework/dates.js';
import { SCHOOL_YEAR } from '../dataset.js';
import { runScenario, type Scenario, type ScenarioResult } from '../load.js';

export const HOMEWORK_SCENARIOS = ['homework_agenda_json', 'homework_agenda_page', 'homework_publish'] as const;

export interface HomeworkYearOptions {
  /** Lessons per class and school day (default 6). */
  lessonsPerDay?: number;
  /** School weeks from the first Monday of September (default 36). */
  weeks?: number;
  log?: (line: string) => void;
}

// 16 columns per lesson row: 50 rows keep well below SQLite's bound-parameter limit.
const CHUNK = 50;

/**
 * Writes a school year for every class of the dataset: `lessonsPerDay` published lessons per
 * school day (Monday, Tuesday, Thursday, Friday, and Wednesday morning), each second lesson with
 * one piece of work due two days later. Inserted in chunks, one transaction per class.
 */
export async function generateHomeworkYear(db: Db, options: HomeworkYearOptions = {}) {
  const perDay = options.lessonsPerDay ?? 6;
  const weeks = options.weeks ?? 36;
  const start = `${SCHOOL_YEAR.slice(0, 4)}-09-07`;
  const started = performance.now();
  const classes = await db
    .selectFrom('groups')
    .innerJoin('groupMembers', (j) => j.onRef('groupMembers.groupId', '=', 'groups.id').on('groupMembers.role', '=', 'teacher'))
    .select(['groups.id', 'groups.structureId', 'groupMembers.personId as teacherId'])
    .where('groups.kind', '=', 'class')
    .where('groups.schoolYear', '=', SCHOOL_YEAR)
    .execute();
  const seen = new Set<string>();
  let lessons = 0;
  let assignments = 0;
  const now = nowIso();
  for (const c of classes) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const subjects = (await subjectsOf(db, c.structureId)).slice(0, 8);
    const lessonRows: Insertable<LessonsTable>[] = [];
    const workRows: Insertable<AssignmentsTable>[] = [];
    for (let week = 0; week < weeks; week++) {
      for (let day = 0; day < 5; day++) {
        const date = addDays(start, week * 7 + day);
        const count = day === 2 ? Math.ceil(perDay / 2) : perDay;
        for (let slot = 0; slot < count; slot++) {
          const id = newId();
          const hour = String(8 + slot + (slot >= 3 ? 1 : 0)).padStart(2, '0');
          lessonRows.push({
            id,
            structureId: c.structureId,
            groupId: c.id,
            subjectId: subjects[(day * perDay + slot) % subjects.length]!.id,
            teacherId: c.teacherId,
            lessonDate: date,
            startTime: `${hour}:00`,
            endTime: `${hour}:55`,
            content: `<p>Séance ${slot + 1} : notions du jour, exercices en classe.</p>`,
            status: 'published' as const,
            visibleFrom: `${date}T06:00:00.000Z`,
            publishedAt: `${date}T06:00:00.000Z`,
            editedAt: null,
            createdAt: now,
            updatedAt: now,
          });
          if (slot % 2 === 0) {
            workRows.push({
              id: newId(),
              lessonId: id,
              groupId: c.id,
              instructions: '<p>Exercices 1 à 4, relire la leçon.</p>',
              givenOn: date,
              dueOn: addDays(date, 2),
              estimatedMinutes: 20,
              toHandIn: 0,
              position: 0,
              createdAt: now,
              updatedAt: now,
            });
          }
        }
      }
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < lessonRows.length; i += CHUNK)
        await trx
          .insertInto('lessons')
          .values(lessonRows.slice(i, i + CHUNK))
          .execute();
      for (let i = 0; i < workRows.length; i += CHUNK)
        await trx
          .insertInto('assignments')
          .values(workRows.slice(i, i + CHUNK))
          .execute();
    });
    lessons += lessonRows.length;
    assignments += workRows.length;
  }
  const seconds = (performance.now() - started) / 1000;
  options.log?.(`[bench] homework: ${lessons} lessons and ${assignments} assignments for ${seen.size} classes in ${seconds.toFixed(1)} s`);
  return { classes: seen.size, lessons, assignments, seconds };
}

export interface HomeworkBenchContext {
  /** Opens a handle on the benchmark database (closed here). */
  openHandle: () => DbHandle;
  baseUrl: string;
  connections: number;
  duration: number;
  warmup: number;
  log: (line: string) => void;
  /** Pupils and teachers to sign in (default 8 each). */
  people?: number;
}

/**
 * Generates the year (unless lessons already exist: a reused dataset), signs in pupils and
 * teachers with session rows, and runs the three scenarios. Returns their results.
 */
export async function runHomeworkBench(ctx: HomeworkBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const handle = ctx.openHandle();
  const notes: string[] = [];
  const n = ctx.people ?? 8;
  const pupils: { cookie: string }[] = [];
  const teachers: { cookie: string; csrf: string; groupId: string; subjectId: string }[] = [];
  try {
    const existing = await handle.db
      .selectFrom('lessons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) {
      const year = await generateHomeworkYear(handle.db, { log: ctx.log });
      notes.push(
        `Cahier de textes: ${year.lessons} lessons and ${year.assignments} assignments (6 lessons a day per class over 36 weeks) written in ${year.seconds.toFixed(1)} s.`,
      );
    }
    const lifetimes = { idleMinutes: 120, absoluteMinutes: 720 };
    const pupilIds = await handle.db
      .selectFrom('groupMembers')
      .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
      .select('groupMembers.personId')
      .where('groupMembers.role', '=', 'student')
      .where('groups.kind', '=', 'class')
      .orderBy('groupMembers.personId')
      .limit(n)
      .execute();
    const teacherRows = await handle.db
      .selectFrom('groupMembers')
      .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
      .select(['groupMembers.personId', 'groups.id as groupId', 'groups.structureId', 'groups.level', 'groups.name'])
      .where('groupMembers.role', '=', 'teacher')
      .where('groups.kind', '=', 'class')
      .orderBy('groupMembers.personId')
      .limit(n)
      .execute();
    // As if these accounts had been activated: the charter gate would answer 403/303 otherwise.
    const stamp = nowIso();
    await handle.db
      .updateTable('people')
      .set({ activatedAt: stamp, charterAcceptedAt: stamp, activationCode: null })
      .where('id', 'in', [...pupilIds.map((p) => p.personId), ...teacherRows.map((t) => t.personId)])
      .execute();
    for (const p of pupilIds) pupils.push({ cookie: `preau_session=${(await createSession(handle.db, p.personId, null, lifetimes)).token}` });
    for (const tr of teacherRows) {
      const { token, session } = await createSession(handle.db, tr.personId, null, lifetimes);
      // A subject of the class's programme: a maternelle class has domains, not « Mathématiques ».
      const subjects = await subjectsOfGroup(handle.db, { id: tr.groupId, structureId: tr.structureId, level: tr.level, name: tr.name }, tr.personId);
      const subject = subjects.find((s) => s.code === 'MATHS') ?? subjects[0]!;
      teachers.push({ cookie: `preau_session=${token}`, csrf: session.csrfToken, groupId: tr.groupId, subjectId: subject.id });
    }
  } finally {
    await handle.close();
  }
  const common = { baseUrl: ctx.baseUrl, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
  const results: ScenarioResult[] = [];
  const get = (path: string, accept: string) => pupils.map((s) => ({ method: 'GET', path, headers: { cookie: s.cookie, accept } }));
  const scenarios: Scenario[] = [
    {
      ...common,
      name: 'homework_agenda_json',
      requests: get('/api/homework/agenda', 'application/json'),
      note: `GET /api/homework/agenda as ${pupils.length} pupils in turn`,
    },
    {
      ...common,
      name: 'homework_agenda_page',
      requests: get('/homework/agenda', 'text/html'),
      note: `GET /homework/agenda as ${pupils.length} pupils in turn`,
    },
  ];
  const today = todayInParis();
  const publish = teachers.map((s) => ({
    method: 'POST',
    path: '/api/homework/lessons',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      groupId: s.groupId,
      subjectId: s.subjectId,
      lessonDate: today,
      startTime: '10:00',
      endTime: '10:55',
      content: 'Les fractions : <strong>moitié</strong>, quart, tiers.',
      publish: true,
      assignments: [
        { instructions: 'Exercices 3 et 4 page 52', dueOn: addDays(today, 1), estimatedMinutes: 20 },
        { instructions: 'Apprendre la leçon', dueOn: addDays(today, 3), toHandIn: true },
      ],
    }),
  }));
  scenarios.push({
    ...common,
    name: 'homework_publish',
    requests: publish,
    note: `POST /api/homework/lessons (two assignments, notifications to the class) as ${teachers.length} teachers in turn`,
  });
  for (const scenario of scenarios) {
    if (scenario.requests.length === 0) {
      notes.push(`${scenario.name}: no account found in the dataset, skipped.`);
      continue;
    }
    results.push(await runScenario(scenario, ctx.log));
  }
  return { results, notes };
}
