import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { BadRequest, Problems } from '../../../kernel/http/errors.js';
import { average, formatMark, round2, stats, type Mark } from '../averages.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/assessments.js';
import { inRosterOrder, rosterName } from '../roster.js';
import { skillOf } from '../skills.js';
import type { SpecialMark } from '../tables.js';
import { assessmentFacts, editableAssessment } from './assessments.js';
import type { Deps } from './deps.js';

export interface ResultsInput {
  marks?: { studentId: string; value: number | null; special?: SpecialMark | null }[];
  levels?: { studentId: string; skillCode: string; level: number | null }[];
}

/** One assessment with every pupil's result: its teachers and the school's managers. */
export async function assessmentSheet(deps: Deps, actor: Actor, id: string) {
  const row = await repo.assessmentById(deps.db, id);
  const facts = await assessmentFacts(deps, actor, row);
  authorize(actor, 'assessment.assessment.read', facts);
  const a = row!;
  const [pupils, marks, levels, skills, published] = await Promise.all([
    repo.groupPupils(deps.db, a.groupId),
    repo.marksOf(deps.db, [id]),
    repo.levelsOf(deps.db, [id]),
    repo.skillsOf(deps.db, [id]),
    repo.isPublished(deps.db, id, deps.clock.now()),
  ]);
  const markOf = new Map(marks.map((m) => [m.studentId, m]));
  const skillCodes = skills.get(id) ?? [];
  const values = marks.map((m) => (m.pointsCenti !== null && m.special === null && a.scale ? m.pointsCenti / 100 : null));
  const s = stats(values);
  return {
    assessment: { ...a, coefficient: a.coefficientCenti / 100, published, held: a.heldAt !== null },
    skills: skillCodes.map((code) => ({ code, label: skillOf(code)?.skill.label ?? code })),
    pupils: inRosterOrder(pupils).map((p) => ({
      id: p.id,
      name: rosterName(p),
      mark: formatMark(markOf.get(p.id)),
      result: markOf.get(p.id) ?? null,
      levels: Object.fromEntries(levels.filter((l) => l.studentId === p.id).map((l) => [l.skillCode, l.level])),
    })),
    stats: { mean: round2(s.mean), min: s.min, max: s.max, count: s.count },
    editable: can(actor, 'assessment.assessment.edit', facts),
  };
}

/**
 * Enters results for pupils of the group: marks within the scale, levels 1 to 4 on the
 * assessment's skills. One bad value and nothing is stored; each problem names its pupil.
 */
export async function enterResults(deps: Deps, actor: Actor, id: string, input: ResultsInput, fieldOf = defaultFields): Promise<{ saved: number }> {
  const a = await editableAssessment(deps, actor, id);
  const [pupils, skills] = await Promise.all([repo.groupPupils(deps.db, a.groupId), repo.skillsOf(deps.db, [id])]);
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const skillCodes = new Set(skills.get(id) ?? []);
  const problems = new Problems();
  const marks: { studentId: string; pointsCenti: number | null; special: SpecialMark | null }[] = [];
  for (const [i, m] of (input.marks ?? []).entries()) {
    const pupil = byId.get(m.studentId);
    if (!pupil) {
      problems.add(fieldOf.mark(i, m.studentId, 'studentId'), t('assessment.error.not_in_group'));
      continue;
    }
    const name = rosterName(pupil);
    const special = m.special ?? null;
    if (a.kind !== 'marks' || a.scale === null) {
      problems.add(fieldOf.mark(i, m.studentId, 'value'), t('assessment.error.no_marks', name));
      continue;
    }
    if (special === null && m.value !== null) {
      const centi = Math.round(m.value * 100);
      if (Math.abs(m.value * 100 - centi) > 1e-6 || m.value < 0) problems.add(fieldOf.mark(i, m.studentId, 'value'), t('assessment.error.mark_format', name));
      else if (centi > a.scale * 100) problems.add(fieldOf.mark(i, m.studentId, 'value'), t('assessment.error.over_scale', name, a.scale));
      else marks.push({ studentId: m.studentId, pointsCenti: centi, special: null });
    } else marks.push({ studentId: m.studentId, pointsCenti: null, special });
  }
  const levels: { studentId: string; skillCode: string; level: number | null }[] = [];
  for (const [i, l] of (input.levels ?? []).entries()) {
    const pupil = byId.get(l.studentId);
    if (!pupil) problems.add(fieldOf.level(i, l.studentId, l.skillCode, 'studentId'), t('assessment.error.not_in_group'));
    else if (!skillCodes.has(l.skillCode))
      problems.add(fieldOf.level(i, l.studentId, l.skillCode, 'skillCode'), t('assessment.error.skill_not_assessed', rosterName(pupil)));
    else levels.push(l);
  }
  if (new Set(marks.map((m) => m.studentId)).size !== marks.length) throw new BadRequest('assessment.duplicate_pupil', t('assessment.error.duplicate'));
  problems.throwIfAny('assessment.invalid_results');
  await repo.saveResults(deps.db, id, marks, levels, actor.personId, deps.clock.now().toISOString());
  return { saved: marks.length + levels.length };
}

/** Field names of problems: JSON paths for the API; the form uses its inputs' names. */
export interface FieldNames {
  mark(index: number, studentId: string, part: 'studentId' | 'value'): string;
  level(index: number, studentId: string, skillCode: string, part: 'studentId' | 'skillCode'): string;
}
const defaultFields: FieldNames = {
  mark: (i, _s, part) => `marks.${i}.${part}`,
  level: (i, _s, _k, part) => `levels.${i}.${part}`,
};

/** A pupil's weighted average in some assessments, out of 20, rounded. */
export function pupilAverage(assessments: repo.AssessmentRow[], marks: Map<string, Mark>): number | null {
  return round2(average(assessments, (id) => marks.get(id)));
}
