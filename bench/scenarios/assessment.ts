// Assessments benchmark: a group of 35 pupils with 30 marked assessments in a trimester, then its
// marks page (HTML and JSON) and a teacher entering the marks of the whole group at once, with two
// socle components positioned beside each mark.
import { createSession } from '../../src/kernel/auth/sessions.js';
import type { DbHandle } from '../../src/kernel/db/index.js';
import { newId, nowIso } from '../../src/kernel/db/index.js';
import { insertAssessment, saveResults } from '../../src/modules/assessment/repository/assessments.js';
import { periodsOf, replacePeriods } from '../../src/modules/assessment/repository/settings.js';
import { suggestedPeriods } from '../../src/modules/assessment/service/settings.js';
import { addDays } from '../../src/modules/assessment/dates.js';
import { SCHOOL_YEAR } from '../dataset.js';
import { runScenario, type Scenario, type ScenarioResult } from '../load.js';

export const ASSESSMENT_SCENARIOS = ['assessment_group_page', 'assessment_group_json', 'assessment_enter_marks'] as const;

export interface AssessmentBenchContext {
  openHandle: () => DbHandle;
  baseUrl: string;
  connections: number;
  duration: number;
  warmup: number;
  log: (line: string) => void;
}

const PUPILS = 35;
const SOCLE_SKILLS = ['SOCLE.D1.3', 'SOCLE.D2'];
const ASSESSMENTS = 30;

/** Sets up the group (unless a reused dataset has it), signs the teacher in, runs the three scenarios. */
export async function runAssessmentBench(ctx: AssessmentBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const handle = ctx.openHandle();
  const notes: string[] = [];
  let setup: { cookie: string; csrf: string; groupId: string; periodId: string; assessmentId: string; pupils: string[] } | null = null;
  try {
    const db = handle.db;
    const teacher = await db
      .selectFrom('groupMembers')
      .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
      .select(['groupMembers.personId', 'groups.structureId'])
      .where('groupMembers.role', '=', 'teacher')
      .where('groups.kind', '=', 'class')
      .where('groups.schoolYear', '=', SCHOOL_YEAR)
      .orderBy('groupMembers.personId')
      .executeTakeFirst();
    if (!teacher) {
      notes.push('Assessments: no teacher in the dataset, skipped.');
      return { results: [], notes };
    }
    const started = performance.now();
    const structureId = teacher.structureId;
    if ((await periodsOf(db, structureId, SCHOOL_YEAR)).length === 0)
      await replacePeriods(db, structureId, SCHOOL_YEAR, suggestedPeriods('trimester', SCHOOL_YEAR), nowIso());
    const period = (await periodsOf(db, structureId, SCHOOL_YEAR))[0]!;
    let group = await db.selectFrom('groups').select('id').where('structureId', '=', structureId).where('name', '=', 'Bench évaluations').executeTakeFirst();
    const pupils = (
      await db
        .selectFrom('groupMembers')
        .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
        .select('groupMembers.personId')
        .where('groups.structureId', '=', structureId)
        .where('groups.kind', '=', 'class')
        .where('groupMembers.role', '=', 'student')
        .orderBy('groupMembers.personId')
        .limit(PUPILS)
        .execute()
    ).map((p) => p.personId);
    if (!group) {
      group = { id: newId() };
      await db
        .insertInto('groups')
        .values({
          id: group.id,
          structureId,
          schoolYear: SCHOOL_YEAR,
          kind: 'teaching',
          name: 'Bench évaluations',
          level: null,
          source: 'manual',
          createdAt: nowIso(),
        })
        .execute();
      await db
        .insertInto('groupMembers')
        .values([
          { groupId: group.id, personId: teacher.personId, role: 'teacher' as const },
          ...pupils.map((personId) => ({ groupId: group!.id, personId, role: 'student' as const })),
        ])
        .execute();
      for (let i = 0; i < ASSESSMENTS; i++) {
        const id = newId();
        const at = nowIso();
        await insertAssessment(
          db,
          {
            id,
            structureId,
            groupId: group.id,
            periodId: period.id,
            teacherId: teacher.personId,
            kind: 'marks',
            subjectCode: i % 3 === 0 ? 'FRANCAIS' : 'MATHS',
            subjectLabel: i % 3 === 0 ? 'Français' : 'Mathématiques',
            title: `Évaluation ${i + 1}`,
            assessedOn: addDays(period.startsOn, i * 2),
            scale: 20,
            coefficientCenti: 100 + (i % 3) * 50,
            publishAt: at,
            heldAt: null,
            heldReason: null,
            createdAt: at,
            updatedAt: at,
          },
          [],
        );
        await saveResults(
          db,
          id,
          pupils.map((studentId, n) => ({ studentId, pointsCenti: ((n * 7 + i * 3) % 41) * 50, special: n % 17 === i % 17 ? ('absent' as const) : null })),
          [],
          teacher.personId,
          at,
        );
      }
      notes.push(
        `Assessments: a group of ${pupils.length} pupils with ${ASSESSMENTS} marked assessments written in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
    }
    const assessment = await db.selectFrom('assessments').select('id').where('groupId', '=', group.id).orderBy('assessedOn').executeTakeFirstOrThrow();
    // The assessment entered carries two socle components, as collège marks do (a reused dataset gets them here too).
    if (!(await db.selectFrom('assessmentSkills').select('skillCode').where('assessmentId', '=', assessment.id).executeTakeFirst()))
      await db
        .insertInto('assessmentSkills')
        .values(SOCLE_SKILLS.map((skillCode, position) => ({ assessmentId: assessment.id, skillCode, position })))
        .execute();
    const stamp = nowIso();
    await db.updateTable('people').set({ activatedAt: stamp, charterAcceptedAt: stamp, activationCode: null }).where('id', '=', teacher.personId).execute();
    const { token, session } = await createSession(db, teacher.personId, null, { idleMinutes: 120, absoluteMinutes: 720 });
    setup = { cookie: `preau_session=${token}`, csrf: session.csrfToken, groupId: group.id, periodId: period.id, assessmentId: assessment.id, pupils };
  } finally {
    await handle.close();
  }
  const common = { baseUrl: ctx.baseUrl, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
  const s = setup;
  const scenarios: Scenario[] = [
    {
      ...common,
      name: 'assessment_group_page',
      requests: [{ method: 'GET', path: `/assessment/groups/${s.groupId}?periodId=${s.periodId}`, headers: { cookie: s.cookie, accept: 'text/html' } }],
      note: `GET /assessment/groups/:id, ${s.pupils.length} pupils × ${ASSESSMENTS} assessments, as their teacher`,
    },
    {
      ...common,
      name: 'assessment_group_json',
      requests: [
        { method: 'GET', path: `/api/assessment/groups/${s.groupId}?periodId=${s.periodId}`, headers: { cookie: s.cookie, accept: 'application/json' } },
      ],
      note: `GET /api/assessment/groups/:id, ${s.pupils.length} pupils × ${ASSESSMENTS} assessments`,
    },
    {
      ...common,
      name: 'assessment_enter_marks',
      requests: [
        {
          method: 'PUT',
          path: `/api/assessment/assessments/${s.assessmentId}/results`,
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({
            marks: s.pupils.map((studentId, n) => ({ studentId, value: (n % 40) / 2 })),
            levels: s.pupils.flatMap((studentId, n) => SOCLE_SKILLS.map((skillCode, k) => ({ studentId, skillCode, level: ((n + k) % 4) + 1 }))),
          }),
        },
      ],
      note: `PUT /api/assessment/assessments/:id/results with ${s.pupils.length} marks and ${s.pupils.length * SOCLE_SKILLS.length} socle levels, all or nothing`,
    },
  ];
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) results.push(await runScenario(scenario, ctx.log));
  return { results, notes };
}
