import type { FastifyInstance } from 'fastify';
import { newId } from '../../kernel/db/index.js';
import { compareClasses, schoolYearOf } from '../directory/index.js';
import { addDays, todayInParis } from './dates.js';
import { groupById, taughtGroups } from './repository/people.js';
import { groupPupils, insertAssessment, saveResults } from './repository/assessments.js';
import { periodsOf, replacePeriods } from './repository/settings.js';
import { suggestedPeriods } from './service/settings.js';
import { cycleOfClass, domainsOf } from './skills.js';
import { collegeCycleOfClass } from './socle.js';
import { assessableSubjects } from './subjects.js';

/** Mostly « atteints », some each side. */
const PATTERN = [3, 2, 3, 4, 3, 1, 3, 2, 4, 3];

/**
 * The demo school's periods (three trimesters) and a term of skills assessments for the story's
 * class: one assessment every other week of the first trimester on one skill of each domain,
 * every pupil positioned, published the day after. The levels follow a fixed pattern so that
 * the demo is the same each time.
 */
export async function seedAssessmentDemo(app: FastifyInstance, structureId: string, groupId: string, teacherId: string): Promise<void> {
  const db = app.db;
  const now = app.clock.now();
  const schoolYear = schoolYearOf(now);
  const at = now.toISOString();
  if ((await periodsOf(db, structureId, schoolYear)).length === 0) {
    await replacePeriods(db, structureId, schoolYear, suggestedPeriods('trimester', schoolYear), at);
  }
  const term = (await periodsOf(db, structureId, schoolYear))[0]!;
  const group = await groupById(db, groupId);
  const domains = domainsOf(cycleOfClass(group ?? { level: null, name: '' }) ?? 3);
  const pupils = await groupPupils(db, groupId);
  const skills = domains.flatMap((d) => d.skills.map((s) => ({ domain: d, skill: s })));
  const last = todayInParis(now) < term.endsOn ? todayInParis(now) : term.endsOn;
  for (let i = 0; i < 6; i++) {
    const assessedOn = addDays(term.startsOn, 7 + i * 14);
    if (assessedOn > last && i > 0) break;
    const { domain, skill } = skills[(i * 3) % skills.length]!;
    const id = newId();
    await insertAssessment(
      db,
      {
        id,
        structureId,
        groupId,
        periodId: term.id,
        teacherId,
        kind: 'skills',
        subjectCode: domain.code,
        subjectLabel: domain.label,
        title: skill.label.length > 60 ? `${skill.label.slice(0, 57)}…` : skill.label,
        assessedOn,
        scale: null,
        coefficientCenti: 100,
        publishAt: new Date(`${addDays(assessedOn, 1)}T07:00:00Z`).toISOString(),
        heldAt: null,
        heldReason: null,
        // The term's earlier assessments were announced long ago; the last one's notice goes out when the server runs.
        familiesNotifiedAt: i < 5 && assessedOn < addDays(last, -7) ? at : null,
        createdAt: at,
        updatedAt: at,
      },
      [skill.code],
    );
    const levels = pupils.map((p, n) => ({ studentId: p.id, skillCode: skill.code, level: PATTERN[(n + i) % PATTERN.length]! }));
    await saveResults(db, id, [], levels, teacherId, at);
  }
}

/** Three marked assessments of a trimester, each positioning the class on two of the socle's components. */
const COLLEGE_ASSESSMENTS: { title: string; skills: string[]; week: number }[] = [
  { title: 'Contrôle — chapitre 1', skills: ['SOCLE.D1.1', 'SOCLE.D2'], week: 2 },
  { title: 'Devoir maison', skills: ['SOCLE.D2', 'SOCLE.D3'], week: 4 },
  { title: 'Évaluation de mi-trimestre', skills: ['SOCLE.D1.3', 'SOCLE.D4'], week: 6 },
];
/** Marks out of 20, varied but fixed, so that the demo is the same each time. */
const MARKS = [1450, 1200, 1675, 900, 1325, 1800, 1050, 1550, 775, 1400, 1125, 1625];

/**
 * The demo collège: the signed-in teacher's first collège class gets three marked assessments in
 * the first trimester, each with two socle components positioned for every pupil beside the mark,
 * published the day after. Nothing is added when that class already has assessments.
 */
export async function seedCollegeAssessmentDemo(app: FastifyInstance, teacherLogin: string): Promise<void> {
  const db = app.db;
  const now = app.clock.now();
  const schoolYear = schoolYearOf(now);
  const at = now.toISOString();
  const teacher = await db.selectFrom('people').select('id').where('login', '=', teacherLogin).executeTakeFirst();
  if (!teacher) return;
  const groups = (await taughtGroups(db, teacher.id, schoolYear)).filter((g) => g.kind === 'class' && collegeCycleOfClass(g) !== null);
  const group = groups.sort(compareClasses)[0];
  if (!group) return;
  if (await db.selectFrom('assessments').select('id').where('groupId', '=', group.id).executeTakeFirst()) return;
  const subject = (await assessableSubjects(db, teacher.id, group.id))[0]!;
  if ((await periodsOf(db, group.structureId, schoolYear)).length === 0) {
    await replacePeriods(db, group.structureId, schoolYear, suggestedPeriods('trimester', schoolYear), at);
  }
  const term = (await periodsOf(db, group.structureId, schoolYear))[0]!;
  const pupils = await groupPupils(db, group.id);
  for (const [i, a] of COLLEGE_ASSESSMENTS.entries()) {
    const assessedOn = addDays(term.startsOn, a.week * 7);
    if (assessedOn > term.endsOn) break;
    const id = newId();
    await insertAssessment(
      db,
      {
        id,
        structureId: group.structureId,
        groupId: group.id,
        periodId: term.id,
        teacherId: teacher.id,
        kind: 'marks',
        subjectCode: subject.code,
        subjectLabel: subject.label,
        title: a.title,
        assessedOn,
        scale: 20,
        coefficientCenti: i === 2 ? 200 : 100,
        publishAt: new Date(`${addDays(assessedOn, 1)}T07:00:00Z`).toISOString(),
        heldAt: null,
        heldReason: null,
        familiesNotifiedAt: assessedOn < addDays(todayInParis(now), -7) ? at : null,
        createdAt: at,
        updatedAt: at,
      },
      a.skills,
    );
    const marks = pupils.map((p, n) => ({ studentId: p.id, pointsCenti: MARKS[(n + i * 5) % MARKS.length]!, special: null }));
    const levels = pupils.flatMap((p, n) =>
      a.skills.map((skillCode, k) => ({ studentId: p.id, skillCode, level: PATTERN[(n + i + k * 3) % PATTERN.length]! })),
    );
    await saveResults(db, id, marks, levels, teacher.id, at);
  }
}
