import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { NotFound } from '../../../kernel/authz/index.js';
import { BadRequest } from '../../../kernel/http/errors.js';
import { schoolYearOf } from '../../directory/index.js';
import { average, round2, stats, CLASS_STATS_MIN, type Mark } from '../averages.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/assessments.js';
import { classOf, isClassTeacher, structureOf } from '../repository/people.js';
import { reportPublished } from '../repository/publication.js';
import { commentsOf, saveComment, subjectsAssessedBy } from '../repository/reports.js';
import { periodById, settingsOf } from '../repository/settings.js';
import { skillOf } from '../skills.js';
import { SOCLE, SOCLE_COMPONENTS, socleSummary } from '../socle.js';
import type { Deps } from './deps.js';
import { groupTable, pupilFacts } from './reads.js';

export interface ReportLine {
  code: string;
  label: string;
  average: number | null;
  classAverage: number | null;
  skills: { code: string; label: string; level: number | null }[];
  comment: string;
}

export interface Report {
  school: string;
  schoolYear: string;
  pupil: { id: string; name: string };
  className: string | null;
  period: { id: string; name: string; startsOn: string; endsOn: string };
  published: boolean;
  staff: boolean;
  lines: ReportLine[];
  average: number | null;
  /** The socle's domains with a positioning this period, each component's levels summed up. */
  socle: { code: string; label: string; components: { code: string; label: string; level: number; count: number }[] }[];
  overall: string;
}

/** The socle's domains and components positioned in these levels, in catalogue order. */
export function soclePositions(levels: { skillCode: string; level: number }[]): Report['socle'] {
  const summary = socleSummary(levels);
  return SOCLE.map((d) => ({
    code: d.code,
    label: d.label,
    components: d.skills.flatMap((s) => {
      const p = summary.get(s.code);
      return p ? [{ code: s.code, label: s.label, ...p }] : [];
    }),
  })).filter((d) => d.components.length > 0);
}

/** A period of the pupil's school this year, or 404. */
async function periodOfPupil(deps: Deps, structureId: string, periodId: string) {
  const period = await periodById(deps.db, periodId);
  if (!period || period.structureId !== structureId || period.schoolYear !== schoolYearOf(deps.clock.now())) throw new NotFound();
  return period;
}

/**
 * The period report (bulletin, livret): per subject or domain the pupil's average and the class's,
 * the last level reached on each skill, the teachers' comments and the class teacher's overall
 * comment. Families read it once the period is published, and only published assessments count.
 */
export async function reportOf(deps: Deps, actor: Actor, studentId: string, periodId: string): Promise<Report> {
  const found = await pupilFacts(deps, actor, studentId);
  const now = deps.clock.now();
  const period = found ? await periodOfPupil(deps, found.facts.structureId, periodId) : undefined;
  const settings = found ? await settingsOf(deps.db, found.facts.structureId) : undefined;
  const facts = found && period && settings ? { ...found.facts, published: reportPublished(settings.publicationPolicy, period, now) } : undefined;
  authorize(actor, 'assessment.report.read', facts);
  const { pupil } = found!;
  const staff = can(actor, 'assessment.pupil.readUnpublished', facts);
  const schoolYear = schoolYearOf(now);
  const [rows, klass, school, comments] = await Promise.all([
    repo.pupilAssessments(deps.db, studentId, schoolYear, [period!.id], staff ? undefined : now),
    classOf(deps.db, studentId, schoolYear),
    structureOf(deps.db, facts.structureId),
    commentsOf(deps.db, period!.id, [studentId]),
  ]);
  const ids = rows.map((r) => r.id);
  const [allMarks, levels, skills] = await Promise.all([repo.marksOf(deps.db, ids), repo.levelsOf(deps.db, ids, studentId), repo.skillsOf(deps.db, ids)]);
  const bySubject = new Map<string, { label: string; rows: repo.AssessmentRow[] }>();
  for (const r of rows) bySubject.set(r.subjectCode, { label: r.subjectLabel, rows: [...(bySubject.get(r.subjectCode)?.rows ?? []), r] });
  const lines: ReportLine[] = [...bySubject.entries()]
    .map(([code, s]) => {
      const marksOf = (sid: string) => new Map<string, Mark>(allMarks.filter((m) => m.studentId === sid).map((m) => [m.assessmentId, m]));
      const own = round2(average(s.rows, (id) => marksOf(studentId).get(id)));
      const pupils = [...new Set(allMarks.filter((m) => s.rows.some((r) => r.id === m.assessmentId)).map((m) => m.studentId))];
      const cls = stats(pupils.map((sid) => average(s.rows, (id) => marksOf(sid).get(id))));
      // The last level recorded on each skill of the subject in the period.
      const last = new Map<string, number>();
      for (const r of s.rows)
        for (const code of skills.get(r.id) ?? []) {
          const l = levels.find((x) => x.assessmentId === r.id && x.skillCode === code);
          if (l) last.set(code, l.level);
        }
      const codes = [...new Set(s.rows.flatMap((r) => skills.get(r.id) ?? []))];
      return {
        code,
        label: s.label,
        average: own,
        classAverage: staff || cls.count >= CLASS_STATS_MIN ? round2(cls.mean) : null,
        skills: codes.map((c) => ({ code: c, label: skillOf(c)?.skill.label ?? c, level: last.get(c) ?? null })),
        comment: comments.find((c) => c.subjectCode === code)?.comment ?? '',
      };
    })
    .sort((a, b) => compareFrench(a.label, b.label));
  const averages = lines.map((l) => l.average).filter((v): v is number => v !== null);
  return {
    school: school?.name ?? '',
    schoolYear,
    pupil: { id: pupil.id, name: `${pupil.usageName || pupil.lastName} ${pupil.firstName}` },
    className: klass?.name ?? null,
    period: { id: period!.id, name: period!.name, startsOn: period!.startsOn, endsOn: period!.endsOn },
    published: facts.published,
    staff,
    lines,
    average: averages.length > 0 ? round2(averages.reduce((x, y) => x + y, 0) / averages.length) : null,
    // Levels of the assessments listed above only: for a family, the published ones.
    socle: soclePositions(levels),
    overall: comments.find((c) => c.subjectCode === '')?.comment ?? '',
  };
}

/** A teacher's comment on a subject of the pupil's report, or the class teacher's overall comment. */
export async function commentReport(
  deps: Deps,
  actor: Actor,
  input: { periodId: string; studentId: string; subjectCode?: string; comment: string },
  options: { store: boolean } = { store: true },
) {
  const found = await pupilFacts(deps, actor, input.studentId);
  if (!found || !can(actor, 'assessment.pupil.read', found.facts)) throw new NotFound();
  const period = await periodOfPupil(deps, found.facts.structureId, input.periodId);
  const overall = !input.subjectCode;
  const klass = await classOf(deps.db, input.studentId, period.schoolYear);
  if (overall && !klass) throw new BadRequest('assessment.no_class', t('assessment.error.no_class'));
  const classTeacher = overall && klass ? await isClassTeacher(deps.db, actor.personId, klass.id) : false;
  const subjects = overall ? new Set<string>() : await subjectsAssessedBy(deps.db, actor.personId, input.studentId, period.id);
  authorize(actor, 'assessment.report.comment', {
    teachesPupil: found.facts.teachesPupil,
    teachesSubject: subjects.has(input.subjectCode ?? ''),
    classTeacher,
    overall,
  });
  if (!options.store) return;
  await saveComment(deps.db, {
    periodId: period.id,
    studentId: input.studentId,
    subjectCode: input.subjectCode ?? '',
    authorId: actor.personId,
    comment: input.comment.trim(),
    updatedAt: deps.clock.now().toISOString(),
  });
}

const csvCell = (value: string) => (/[";\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : value);
const csvNumber = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

/** One line per pupil of a class for a period: averages per subject, overall, the socle's positioning per component, the overall comment (semicolon-separated, as French spreadsheets read it). */
export async function classCsv(deps: Deps, actor: Actor, groupId: string, periodId: string): Promise<{ name: string; csv: string }> {
  const table = await groupTable(deps, actor, groupId, periodId);
  if (!table.period || table.period.id !== periodId) throw new NotFound();
  const comments = await commentsOf(
    deps.db,
    periodId,
    table.rows.map((r) => r.id),
  );
  // The socle's components someone in the class is positioned on this period, one column each.
  const levels = await repo.levelsOf(
    deps.db,
    table.assessments.map((a) => a.id),
  );
  const socle = SOCLE_COMPONENTS.filter((c) => levels.some((l) => l.skillCode === c.code));
  const header = [
    'Élève',
    ...table.subjects.map((s) => s.label),
    'Moyenne générale',
    ...socle.map((c) => `Socle ${c.short ?? c.code}`),
    'Appréciation générale',
  ];
  const lines = table.rows.map((r) => {
    const present = r.averages.filter((v): v is number => v !== null);
    const overall = present.length > 0 ? round2(present.reduce((x, y) => x + y, 0) / present.length) : null;
    const positions = socleSummary(levels.filter((l) => l.studentId === r.id));
    return [
      r.name,
      ...r.averages.map(csvNumber),
      csvNumber(overall),
      ...socle.map((c) => {
        const p = positions.get(c.code);
        return p ? t(`assessment.level.${p.level as 1 | 2 | 3 | 4}`) : '';
      }),
      comments.find((c) => c.studentId === r.id && c.subjectCode === '')?.comment ?? '',
    ];
  });
  const csv = [header, ...lines].map((l) => l.map(csvCell).join(';')).join('\r\n');
  return { name: `${table.group.name}-${table.period.name}`.replace(/[^\p{L}0-9]+/gu, '-'), csv: `\ufeff${csv}\r\n` };
}
