import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../../kernel/db/index.js';
import { publishedToFamilies } from './publication.js';

/** An assessment with at least one pupil's result recorded. */
const hasResults = (eb: ExpressionBuilder<Database, 'assessments'>) =>
  eb.or([
    eb.exists(eb.selectFrom('assessmentMarks').select(eb.lit(1).as('one')).whereRef('assessmentMarks.assessmentId', '=', 'assessments.id')),
    eb.exists(eb.selectFrom('assessmentLevels').select(eb.lit(1).as('one')).whereRef('assessmentLevels.assessmentId', '=', 'assessments.id')),
  ]);

/**
 * Assessments whose families have not been told yet and that the publication rule opens to them
 * at `now`, with results to see; one school's only when given.
 */
export async function dueForNotice(db: Db, now: Date, options: { structureId?: string; assessmentId?: string; limit?: number } = {}): Promise<string[]> {
  let q = db
    .selectFrom('assessments')
    .select('assessments.id')
    .where('assessments.familiesNotifiedAt', 'is', null)
    .where(publishedToFamilies(now))
    .where(hasResults);
  if (options.structureId) q = q.where('assessments.structureId', '=', options.structureId);
  if (options.assessmentId) q = q.where('assessments.id', '=', options.assessmentId);
  const rows = await q
    .orderBy('assessments.id')
    .limit(options.limit ?? 500)
    .execute();
  return rows.map((r) => r.id);
}

/** Marks the assessment's families as told, if nobody did and the rule still holds: true for the one caller that wins. */
export async function claimNotice(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('assessments')
    .set({ familiesNotifiedAt: now.toISOString() })
    .where('assessments.id', '=', id)
    .where('assessments.familiesNotifiedAt', 'is', null)
    .where(publishedToFamilies(now))
    .where(hasResults)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The pupils of the group with a result on the assessment, and each one's linked relatives; active people only. */
export async function noticeRecipients(db: Db, assessmentId: string, groupId: string) {
  const pupils = await db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.email'])
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .where('people.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('assessmentMarks')
            .select(eb.lit(1).as('one'))
            .where('assessmentMarks.assessmentId', '=', assessmentId)
            .whereRef('assessmentMarks.studentId', '=', 'people.id'),
        ),
        eb.exists(
          eb
            .selectFrom('assessmentLevels')
            .select(eb.lit(1).as('one'))
            .where('assessmentLevels.assessmentId', '=', assessmentId)
            .whereRef('assessmentLevels.studentId', '=', 'people.id'),
        ),
      ]),
    )
    .execute();
  const relatives =
    pupils.length === 0
      ? []
      : await db
          .selectFrom('relativeLinks')
          .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
          .select(['relativeLinks.studentId', 'people.id', 'people.email'])
          .where(
            'relativeLinks.studentId',
            'in',
            pupils.map((p) => p.id),
          )
          .where('people.status', '=', 'active')
          .execute();
  return { pupils, relatives };
}

/** A person's address and standing, for the e-mail. */
export async function mailTarget(db: Db, personId: string) {
  return db.selectFrom('people').select(['email', 'status']).where('id', '=', personId).executeTakeFirst();
}
