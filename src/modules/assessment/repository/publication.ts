import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../../kernel/db/index.js';
import { todayInParis } from '../dates.js';
import type { PublicationPolicy } from '../tables.js';

/**
 * The publication rule, in SQL: what an assessment records reaches families only when it is not
 * held back and, under the school's policy, its teacher's date has come (`perAssessment`), the
 * period's date set by the teaching team has come (`perPeriod`), or its period has ended
 * (`periodEnd`). Every family-facing list filters with this one expression.
 */
export function publishedToFamilies(now: Date) {
  const at = now.toISOString();
  const today = todayInParis(now);
  return (eb: ExpressionBuilder<Database, 'assessments'>) =>
    eb.and([
      eb('assessments.heldAt', 'is', null),
      eb.exists(
        eb
          .selectFrom('assessmentPeriods as pubPeriod')
          .leftJoin('assessmentSettings as pubSettings', 'pubSettings.structureId', 'pubPeriod.structureId')
          .select(eb.lit(1).as('one'))
          .whereRef('pubPeriod.id', '=', 'assessments.periodId')
          .where((e) =>
            e.or([
              e.and([
                e.or([e('pubSettings.publicationPolicy', 'is', null), e('pubSettings.publicationPolicy', '=', 'perAssessment')]),
                e('assessments.publishAt', '<=', at),
              ]),
              e.and([e('pubSettings.publicationPolicy', '=', 'perPeriod'), e('pubPeriod.publishAt', '<=', at)]),
              e.and([e('pubSettings.publicationPolicy', '=', 'periodEnd'), e('pubPeriod.endsOn', '<', today)]),
            ]),
          ),
      ),
    ]);
}

/** The same rule for a period's report: the period's date under `perPeriod`, its end otherwise. */
export function reportPublished(policy: PublicationPolicy, period: { publishAt: string | null; endsOn: string }, now: Date): boolean {
  if (policy === 'perPeriod') return !!period.publishAt && period.publishAt <= now.toISOString();
  return period.endsOn < todayInParis(now);
}
