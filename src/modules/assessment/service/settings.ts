import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { schoolYearOf } from '../../directory/index.js';
import { displayName } from '../../directory/index.js';
import { isDate } from '../dates.js';
import { t } from '../i18n/fr.js';
import { planSweep } from '../jobs.js';
import { heldAssessments } from '../repository/assessments.js';
import { reportPublished } from '../repository/publication.js';
import * as repo from '../repository/settings.js';
import type { PeriodKind, PublicationPolicy } from '../tables.js';
import type { Deps } from './deps.js';

export interface SettingsView extends repo.Settings {
  structureId: string;
  schoolYear: string;
  periods: (repo.Period & { assessments: number; published: boolean })[];
}

const structureOfActor = (actor: Actor) => ({ structureId: actor.activeStructureId });

/** The active school's choices and this year's periods. */
export async function readSettings(deps: Deps, actor: Actor): Promise<SettingsView> {
  const s = structureOfActor(actor);
  authorize(actor, 'assessment.settings.read', s);
  const structureId = s.structureId!;
  const now = deps.clock.now();
  const schoolYear = schoolYearOf(now);
  const [settings, periods] = await Promise.all([repo.settingsOf(deps.db, structureId), repo.periodsOf(deps.db, structureId, schoolYear)]);
  const counts = await repo.assessmentCounts(
    deps.db,
    periods.map((p) => p.id),
  );
  return {
    ...settings,
    structureId,
    schoolYear,
    periods: periods.map((p) => ({ ...p, assessments: counts.get(p.id) ?? 0, published: reportPublished(settings.publicationPolicy, p, now) })),
  };
}

export async function updateSettings(deps: Deps, actor: Actor, input: { periodKind: PeriodKind; publicationPolicy: PublicationPolicy }): Promise<SettingsView> {
  const s = structureOfActor(actor);
  authorize(actor, 'assessment.settings.manage', s);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.saveSettings(trx, s.structureId!, input, actor.personId, now.toISOString());
    // Another policy may open assessments at once: their families are told by a sweep now.
    await planSweep(trx, s.structureId!, now, 'policy');
  });
  return readSettings(deps, actor);
}

export interface PeriodInput {
  name: string;
  startsOn: string;
  endsOn: string;
}

/** This year's periods, in order, without overlap, inside the school year; a period holding assessments stays. */
export async function setPeriods(deps: Deps, actor: Actor, periods: PeriodInput[]): Promise<SettingsView> {
  const s = structureOfActor(actor);
  authorize(actor, 'assessment.settings.manage', s);
  const structureId = s.structureId!;
  const schoolYear = schoolYearOf(deps.clock.now());
  const [first, second] = schoolYear.split('-');
  const problems = new Problems();
  periods.forEach((p, i) => {
    const field = `periods.${i}`;
    problems.check(p.name.trim().length > 0, `${field}.name`, t('assessment.error.period_name'));
    if (!isDate(p.startsOn) || !isDate(p.endsOn)) return problems.add(`${field}.startsOn`, t('assessment.error.date'));
    problems.check(p.startsOn <= p.endsOn, `${field}.endsOn`, t('assessment.error.period_order'));
    problems.check(p.startsOn >= `${first}-08-01` && p.endsOn <= `${second}-07-31`, `${field}.startsOn`, t('assessment.error.period_year', schoolYear));
    const previous = periods[i - 1];
    if (previous) problems.check(previous.endsOn < p.startsOn, `${field}.startsOn`, t('assessment.error.period_overlap'));
  });
  const existing = await repo.periodsOf(deps.db, structureId, schoolYear);
  const counts = await repo.assessmentCounts(
    deps.db,
    existing.map((p) => p.id),
  );
  for (const old of existing.filter((p) => p.position > periods.length && (counts.get(p.id) ?? 0) > 0)) {
    problems.add('periods', t('assessment.error.period_in_use', old.name));
  }
  problems.throwIfAny('assessment.invalid_periods');
  await repo.replacePeriods(
    deps.db,
    structureId,
    schoolYear,
    periods.map((p) => ({ ...p, name: p.name.trim() })),
    deps.clock.now().toISOString(),
  );
  return readSettings(deps, actor);
}

/** The teaching team's publication date for a period (the `perPeriod` policy); null holds it again. */
export async function setPeriodPublication(deps: Deps, actor: Actor, periodId: string, publishAt: string | null): Promise<SettingsView> {
  const period = await repo.periodById(deps.db, periodId);
  authorize(actor, 'assessment.settings.manage', period ? { structureId: period.structureId } : undefined);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPeriodPublication(trx, periodId, publishAt);
    if (publishAt) await planSweep(trx, period!.structureId, new Date(Math.max(Date.parse(publishAt), deps.clock.now().getTime())), `period:${periodId}`);
  });
  return readSettings(deps, actor);
}

/** Suggested periods for a year: three trimesters or two semesters. */
export function suggestedPeriods(kind: PeriodKind, schoolYear: string): PeriodInput[] {
  const [a, b] = schoolYear.split('-');
  if (kind === 'semester')
    return [
      { name: t('assessment.period.semester', 1), startsOn: `${a}-09-01`, endsOn: `${b}-01-31` },
      { name: t('assessment.period.semester', 2), startsOn: `${b}-02-01`, endsOn: `${b}-07-05` },
    ];
  return [
    { name: t('assessment.period.trimester', 1), startsOn: `${a}-09-01`, endsOn: `${a}-11-30` },
    { name: t('assessment.period.trimester', 2), startsOn: `${a}-12-01`, endsOn: `${b}-03-15` },
    { name: t('assessment.period.trimester', 3), startsOn: `${b}-03-16`, endsOn: `${b}-07-05` },
  ];
}

/** What is held back in the active school this year, for the director. */
export async function heldList(deps: Deps, actor: Actor) {
  const s = structureOfActor(actor);
  authorize(actor, 'assessment.held.list', s);
  const rows = await heldAssessments(deps.db, s.structureId!, schoolYearOf(deps.clock.now()));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    subject: r.subjectLabel,
    group: r.groupName,
    teacher: displayName({ firstName: r.teacherFirstName, lastName: r.teacherLastName, usageName: r.teacherUsageName }),
    assessedOn: r.assessedOn,
    heldAt: r.heldAt!,
    reason: r.heldReason ?? '',
  }));
}
