import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { childrenOf, compareClasses, groupStanding, schoolYearOf } from '../../directory/index.js';
import { formatMark, round2, stats, CLASS_STATS_MIN, type Mark } from '../averages.js';
import { todayInParis } from '../dates.js';
import * as repo from '../repository/assessments.js';
import { classOf, groupById, isClassTeacher, pupilStanding, schoolGroups, taughtGroups } from '../repository/people.js';
import { subjectsAssessedBy } from '../repository/reports.js';
import { periodsOf, type Period } from '../repository/settings.js';
import { inRosterOrder, rosterName } from '../roster.js';
import { skillOf } from '../skills.js';
import type { PupilFacts } from '../policy.js';
import { pupilAverage } from './results.js';
import type { Deps } from './deps.js';

/** The period holding today, else the last one begun, else the first. */
export function currentPeriod(periods: Period[], today: string): Period | undefined {
  return periods.find((p) => p.startsOn <= today && today <= p.endsOn) ?? [...periods].reverse().find((p) => p.startsOn <= today) ?? periods[0];
}

function choosePeriod(periods: Period[], periodId: string | undefined, now: Date): Period | undefined {
  return periodId ? periods.find((p) => p.id === periodId) : currentPeriod(periods, todayInParis(now));
}

/** Facts about a pupil from who asks, and the pupil's name. */
export async function pupilFacts(deps: Deps, actor: Actor, studentId: string) {
  const standing = await pupilStanding(deps.db, actor.personId, studentId, schoolYearOf(deps.clock.now()));
  if (!standing) return undefined;
  const facts: PupilFacts = { studentId, structureId: standing.structureId, childOfActor: standing.childOfActor, teachesPupil: standing.teachesPupil };
  return { facts, pupil: standing.pupil };
}

/**
 * One pupil's marks and skills in a period, by subject, with their averages. A family (the pupil,
 * their parents) gets only what is published, filtered in SQL; their teachers and the school's
 * managers see everything, with what is not published yet marked so.
 */
export async function pupilMarks(deps: Deps, actor: Actor, studentId: string, periodId?: string) {
  const found = await pupilFacts(deps, actor, studentId);
  authorize(actor, 'assessment.pupil.read', found?.facts);
  const { facts, pupil } = found!;
  const now = deps.clock.now();
  const schoolYear = schoolYearOf(now);
  const staff = can(actor, 'assessment.pupil.readUnpublished', facts);
  const periods = await periodsOf(deps.db, facts.structureId, schoolYear);
  const period = choosePeriod(periods, periodId, now);
  const rows = period ? await repo.pupilAssessments(deps.db, studentId, schoolYear, [period.id], staff ? undefined : now) : [];
  const ids = rows.map((r) => r.id);
  const [marks, levels, skills, publishedIds] = await Promise.all([
    repo.marksOf(deps.db, ids, studentId),
    repo.levelsOf(deps.db, ids, studentId),
    repo.skillsOf(deps.db, ids),
    staff && period
      ? repo.pupilAssessments(deps.db, studentId, schoolYear, [period.id], now).then((r) => new Set(r.map((x) => x.id)))
      : Promise.resolve(new Set(ids)),
  ]);
  const markOf = new Map<string, Mark>(marks.map((m) => [m.assessmentId, m]));
  const subjects = new Map<string, { code: string; label: string; rows: repo.AssessmentRow[] }>();
  for (const r of rows) {
    const s = subjects.get(r.subjectCode) ?? { code: r.subjectCode, label: r.subjectLabel, rows: [] };
    s.rows.push(r);
    subjects.set(r.subjectCode, s);
  }
  const bySubject = [...subjects.values()]
    .sort((a, b) => compareFrench(a.label, b.label))
    .map((s) => ({
      code: s.code,
      label: s.label,
      average: pupilAverage(s.rows, markOf),
      assessments: s.rows.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        assessedOn: r.assessedOn,
        scale: r.scale,
        coefficient: r.coefficientCenti / 100,
        mark: formatMark(markOf.get(r.id)),
        published: publishedIds.has(r.id),
        levels: (skills.get(r.id) ?? []).map((code) => ({
          code,
          label: skillOf(code)?.skill.label ?? code,
          level: levels.find((l) => l.assessmentId === r.id && l.skillCode === code)?.level ?? null,
        })),
      })),
    }));
  const averages = bySubject.map((s) => s.average).filter((v): v is number => v !== null);
  return {
    pupil: { id: pupil.id, name: rosterName(pupil) },
    staff,
    periods: periods.map((p) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })),
    period: period ? { id: period.id, name: period.name } : null,
    subjects: bySubject,
    average: averages.length > 0 ? round2(averages.reduce((x, y) => x + y, 0) / averages.length) : null,
  };
}

/**
 * A group's table for a period: every pupil's results on every assessment, their averages per
 * subject, and the class's average, lowest and highest. Teachers of the group and managers only.
 */
export async function groupTable(deps: Deps, actor: Actor, groupId: string, periodId?: string, subjectCode?: string) {
  const now = deps.clock.now();
  const standing = await groupStanding(deps.db, actor.personId, groupId, now);
  authorize(actor, 'assessment.group.read', standing);
  const [group, periods] = await Promise.all([groupById(deps.db, groupId), periodsOf(deps.db, standing.structureId, standing.schoolYear)]);
  const period = choosePeriod(periods, periodId, now);
  const [assessments, pupils] = await Promise.all([
    period ? repo.groupAssessments(deps.db, groupId, period.id, { subjectCode }) : Promise.resolve([]),
    repo.groupPupils(deps.db, groupId),
  ]);
  const marks = await repo.marksOf(
    deps.db,
    assessments.map((a) => a.id),
  );
  const byPupil = new Map<string, Map<string, Mark>>();
  for (const m of marks) byPupil.set(m.studentId, (byPupil.get(m.studentId) ?? new Map()).set(m.assessmentId, m));
  const subjects = [...new Map(assessments.map((a) => [a.subjectCode, { code: a.subjectCode, label: a.subjectLabel }])).values()].sort((a, b) =>
    compareFrench(a.label, b.label),
  );
  const rows = inRosterOrder(pupils).map((p) => {
    const own = byPupil.get(p.id) ?? new Map<string, Mark>();
    return {
      id: p.id,
      name: rosterName(p),
      marks: assessments.map((a) => formatMark(own.get(a.id))),
      averages: subjects.map((s) =>
        pupilAverage(
          assessments.filter((a) => a.subjectCode === s.code),
          own,
        ),
      ),
    };
  });
  const columnStats = assessments.map((a) => {
    const s = stats(marks.filter((m) => m.assessmentId === a.id).map((m) => (m.special === null && m.pointsCenti !== null ? m.pointsCenti / 100 : null)));
    return { mean: round2(s.mean), min: s.min, max: s.max };
  });
  const subjectStats = subjects.map((_, i) => {
    const s = stats(rows.map((r) => r.averages[i] ?? null));
    return { mean: round2(s.mean), min: s.min, max: s.max };
  });
  return {
    group: { id: groupId, name: group!.name },
    periods: periods.map((p) => ({ id: p.id, name: p.name })),
    period: period ? { id: period.id, name: period.name } : null,
    assessments: assessments.map((a) => ({ id: a.id, title: a.title, subjectCode: a.subjectCode, assessedOn: a.assessedOn, scale: a.scale, kind: a.kind })),
    subjects,
    rows,
    columnStats,
    subjectStats,
  };
}

/** What the assessment home shows each person: the groups a teacher teaches, a parent's children, the pupil themself, a manager's classes. */
export async function assessmentIndex(deps: Deps, actor: Actor) {
  authorize(actor, 'assessment.index.open', {});
  const now = deps.clock.now();
  const schoolYear = schoolYearOf(now);
  const taught = actor.profile === 'teacher' ? await taughtGroups(deps.db, actor.personId, schoolYear) : [];
  const managed =
    actor.activeStructureId && can(actor, 'assessment.settings.manage', { structureId: actor.activeStructureId })
      ? await schoolGroups(deps.db, actor.activeStructureId, schoolYear)
      : [];
  const children = actor.profile === 'relative' ? (await childrenOf(deps.db, actor.personId)).map((c) => ({ id: c.id, name: c.displayName })) : [];
  const recent = actor.profile === 'teacher' ? await repo.teacherAssessments(deps.db, actor.personId, schoolYear, 20) : [];
  const order = (groups: { id: string; name: string; level: string | null }[]) => [...groups].sort(compareClasses);
  return {
    taught: order(taught),
    managed: order(managed.filter((g) => !taught.some((x) => x.id === g.id))),
    children,
    self: actor.profile === 'student' ? actor.personId : null,
    recent: recent.map((r) => ({
      id: r.id,
      title: r.title,
      groupName: r.groupName,
      subject: r.subjectLabel,
      assessedOn: r.assessedOn,
      held: r.heldAt !== null,
    })),
  };
}

/** Whether families may see the class's statistics: enough averages that none can be told apart. */
export const showsClassStats = (count: number) => count >= CLASS_STATS_MIN;

/** What the person may comment on a pupil's report: the subjects they assessed the pupil in, the overall comment as class teacher. */
export async function commentRights(deps: Deps, actor: Actor, studentId: string, periodId: string) {
  const found = await pupilFacts(deps, actor, studentId);
  if (!found || actor.profile !== 'teacher') return { subjects: new Set<string>(), overall: false };
  const klass = await classOf(deps.db, studentId, schoolYearOf(deps.clock.now()));
  const classTeacher = klass ? await isClassTeacher(deps.db, actor.personId, klass.id) : false;
  const assessed = await subjectsAssessedBy(deps.db, actor.personId, studentId, periodId);
  const facts = (code: string | null) => ({
    teachesPupil: found.facts.teachesPupil,
    teachesSubject: code !== null && assessed.has(code),
    classTeacher,
    overall: code === null,
  });
  return {
    subjects: new Set([...assessed].filter((code) => can(actor, 'assessment.report.comment', facts(code)))),
    overall: can(actor, 'assessment.report.comment', facts(null)),
  };
}
