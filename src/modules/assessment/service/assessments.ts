import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { BadRequest, Problems } from '../../../kernel/http/errors.js';
import { groupStanding, schoolYearOf } from '../../directory/index.js';
import { addDays, isDate, parisLocalToIso, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import { planNotice } from '../jobs.js';
import * as repo from '../repository/assessments.js';
import { periodsOf } from '../repository/settings.js';
import { groupById } from '../repository/people.js';
import { catalogueOf, isSocle, skillOf } from '../skills.js';
import { assessableSubjects } from '../subjects.js';
import type { AssessmentKind } from '../tables.js';
import type { AssessmentFacts } from '../policy.js';
import type { Deps } from './deps.js';

export interface AssessmentInput {
  groupId: string;
  kind: AssessmentKind;
  /** Marks: a subject the teacher teaches the group. Skills: taken from the first skill's domain when absent (primary programme skills only). */
  subjectCode?: string;
  title: string;
  assessedOn: string;
  scale?: number;
  /** 1 by default; up to two decimals. */
  coefficient?: number;
  /** ISO moment; tomorrow 8:00 (Paris) by default. */
  publishAt?: string;
  skills?: string[];
}

/** The facts `assessment.*` rules read, for one assessment row. */
export async function assessmentFacts(deps: Deps, actor: Actor, row: repo.AssessmentRow | undefined): Promise<AssessmentFacts | undefined> {
  if (!row) return undefined;
  const standing = await groupStanding(deps.db, actor.personId, row.groupId, deps.clock.now());
  return {
    structureId: row.structureId,
    current: row.schoolYear === schoolYearOf(deps.clock.now()),
    relations: standing?.relations ?? [],
    teacherId: row.teacherId,
  };
}

/** The default publication moment: tomorrow at 8:00 in Paris. */
export function defaultPublishAt(now: Date): string {
  return parisLocalToIso(`${addDays(todayInParis(now), 1)}T08:00`)!;
}

/** Checks an assessment's fields against its group's periods and subjects; returns what to store. */
async function validated(
  deps: Deps,
  actor: Actor,
  structureId: string,
  schoolYear: string,
  input: AssessmentInput,
  /** An edit keeps its stored subject and skills without them being offered again. */
  kept?: { code: string; label: string; skills: string[] },
) {
  const problems = new Problems();
  problems.check(input.title.trim().length > 0, 'title', t('assessment.error.title'));
  const skills = [...new Set(input.skills ?? [])];
  // Only the group's own list: its cycle's programme in primary school, the socle at collège.
  const group = await groupById(deps.db, input.groupId);
  const offered = new Set([...(group ? catalogueOf(group) : []).flatMap((d) => d.skills.map((s) => s.code)), ...(kept?.skills ?? [])]);
  skills.forEach((code, i) => problems.check(offered.has(code), `skills.${i}`, t('assessment.error.skill')));
  if (input.kind === 'skills') problems.check(skills.length > 0, 'skills', t('assessment.error.skills_needed'));
  let subject: { code: string; label: string } | undefined;
  if (kept && (input.subjectCode ?? kept.code) === kept.code) subject = { code: kept.code, label: kept.label };
  // A primary skills assessment takes its domain as subject; the socle's components belong to every subject, so a collège one names its own.
  else if (input.kind === 'skills' && !input.subjectCode && !(skills[0] && isSocle(skills[0]))) {
    const domain = skills[0] ? skillOf(skills[0])?.domain : undefined;
    subject = domain && { code: domain.code, label: domain.label };
  } else {
    const offered = await assessableSubjects(deps.db, actor.personId, input.groupId);
    subject = offered.find((s) => s.code === input.subjectCode);
    problems.check(!!subject, 'subjectCode', t('assessment.error.subject'));
  }
  const scale = input.kind === 'marks' ? (input.scale ?? 20) : (input.scale ?? null);
  const coefficient = input.coefficient ?? 1;
  problems.check(Math.abs(coefficient * 100 - Math.round(coefficient * 100)) < 1e-9, 'coefficient', t('assessment.error.coefficient'));
  let period;
  if (!isDate(input.assessedOn)) problems.add('assessedOn', t('assessment.error.date'));
  else {
    const periods = await periodsOf(deps.db, structureId, schoolYear);
    if (periods.length === 0) problems.add('assessedOn', t('assessment.error.no_periods'));
    else {
      period = periods.find((p) => p.startsOn <= input.assessedOn && input.assessedOn <= p.endsOn);
      problems.check(!!period, 'assessedOn', t('assessment.error.outside_period'));
    }
  }
  problems.throwIfAny('assessment.invalid');
  return {
    periodId: period!.id,
    subjectCode: subject!.code,
    subjectLabel: subject!.label,
    title: input.title.trim(),
    assessedOn: input.assessedOn,
    scale,
    coefficientCenti: Math.round(coefficient * 100),
    publishAt: input.publishAt ? new Date(input.publishAt).toISOString() : defaultPublishAt(deps.clock.now()),
    skills,
  };
}

export async function createAssessment(deps: Deps, actor: Actor, input: AssessmentInput): Promise<{ id: string }> {
  const now = deps.clock.now();
  const standing = await groupStanding(deps.db, actor.personId, input.groupId, now);
  authorize(actor, 'assessment.assessment.create', standing);
  const { skills, ...fields } = await validated(deps, actor, standing.structureId, standing.schoolYear, input);
  const id = newId();
  const at = now.toISOString();
  await repo.insertAssessment(
    deps.db,
    {
      id,
      structureId: standing.structureId,
      groupId: input.groupId,
      teacherId: actor.personId,
      kind: input.kind,
      ...fields,
      heldAt: null,
      heldReason: null,
      createdAt: at,
      updatedAt: at,
    },
    skills,
    (trx) => planNotice(trx, id, fields.publishAt, now),
  );
  return { id };
}

/** The author's assessment of this year, or 404. */
export async function editableAssessment(deps: Deps, actor: Actor, id: string) {
  const row = await repo.assessmentById(deps.db, id);
  const facts = await assessmentFacts(deps, actor, row);
  authorize(actor, 'assessment.assessment.edit', facts);
  return row!;
}

/** What an edit may change; a field left out keeps its stored value. */
export type AssessmentEdit = Omit<AssessmentInput, 'groupId' | 'kind' | 'skills' | 'title' | 'assessedOn'> & {
  title: string;
  assessedOn: string;
  /** Replaces the skills; one that already carries a pupil's level cannot be taken off. */
  skills?: string[];
};

/**
 * Changes title, date (and so the period), subject, scale, coefficient, publication date or
 * skills; the group and kind stay. A scale below a recorded mark, or a skill taken off while
 * pupils are positioned on it, is refused with the field named; nothing is stored.
 */
export async function editAssessment(deps: Deps, actor: Actor, id: string, input: AssessmentEdit): Promise<void> {
  const row = await editableAssessment(deps, actor, id);
  const stored = (await repo.skillsOf(deps.db, [id])).get(id) ?? [];
  const { skills, ...fields } = await validated(
    deps,
    actor,
    row.structureId,
    row.schoolYear,
    {
      ...input,
      groupId: row.groupId,
      kind: row.kind,
      subjectCode: input.subjectCode ?? row.subjectCode,
      scale: input.scale ?? row.scale ?? undefined,
      coefficient: input.coefficient ?? row.coefficientCenti / 100,
      publishAt: input.publishAt ?? row.publishAt,
      skills: input.skills ?? stored,
    },
    { code: row.subjectCode, label: row.subjectLabel, skills: stored },
  );
  if (row.scale !== null && fields.scale !== null && fields.scale < row.scale) {
    const marks = await repo.marksOf(deps.db, [id]);
    const highest = Math.max(0, ...marks.map((m) => (m.special === null ? (m.pointsCenti ?? 0) : 0)));
    if (highest > fields.scale * 100) {
      const problems = new Problems();
      problems.add('scale', t('assessment.error.scale_below_marks', highest / 100, fields.scale));
      problems.throwIfAny('assessment.scale_below_marks');
    }
  }
  const removed = stored.filter((code) => !skills.includes(code));
  if (removed.length > 0) {
    const placed = new Set((await repo.levelsOf(deps.db, [id])).map((l) => l.skillCode));
    const problems = new Problems();
    for (const code of removed) problems.check(!placed.has(code), 'skills', t('assessment.error.skill_in_use', skillOf(code)?.skill.label ?? code));
    problems.throwIfAny('assessment.skill_in_use');
  }
  const changedSkills = skills.length !== stored.length || skills.some((code, i) => stored[i] !== code);
  const now = deps.clock.now();
  await repo.updateAssessment(deps.db, id, { ...fields, updatedAt: now.toISOString() }, changedSkills ? skills : undefined, (trx) =>
    planNotice(trx, id, fields.publishAt, now),
  );
}

export async function deleteAssessment(deps: Deps, actor: Actor, id: string): Promise<void> {
  await editableAssessment(deps, actor, id);
  await repo.deleteAssessment(deps.db, id);
}

/** Holds an assessment back from families, whatever the policy, with a reason the director sees. */
export async function holdAssessment(deps: Deps, actor: Actor, id: string, reason: string): Promise<void> {
  await editableAssessment(deps, actor, id);
  if (reason.trim().length === 0)
    throw new BadRequest('assessment.hold_reason', t('assessment.error.hold_reason'), [{ field: 'reason', message: t('assessment.error.hold_reason') }]);
  const at = deps.clock.now().toISOString();
  await repo.updateAssessment(deps.db, id, { heldAt: at, heldReason: reason.trim(), updatedAt: at });
}

export async function releaseAssessment(deps: Deps, actor: Actor, id: string): Promise<void> {
  const row = await editableAssessment(deps, actor, id);
  const now = deps.clock.now();
  // Released: the families are told now if the rule already opens it, else at its date.
  await repo.updateAssessment(deps.db, id, { heldAt: null, heldReason: null, updatedAt: now.toISOString() }, undefined, (trx) =>
    planNotice(trx, id, row.publishAt, now),
  );
}
