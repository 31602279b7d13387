import type { Db } from '../../../kernel/db/index.js';
import { newId } from '../../../kernel/db/index.js';
import type { AssessmentPeriodsTable, PeriodKind, PublicationPolicy } from '../tables.js';

export interface Settings {
  periodKind: PeriodKind;
  publicationPolicy: PublicationPolicy;
}

export const DEFAULT_SETTINGS: Settings = { periodKind: 'trimester', publicationPolicy: 'perAssessment' };

export async function settingsOf(db: Db, structureId: string): Promise<Settings> {
  const row = await db.selectFrom('assessmentSettings').select(['periodKind', 'publicationPolicy']).where('structureId', '=', structureId).executeTakeFirst();
  return row ?? DEFAULT_SETTINGS;
}

export async function saveSettings(db: Db, structureId: string, settings: Settings, by: string, at: string): Promise<void> {
  await db
    .insertInto('assessmentSettings')
    .values({ structureId, ...settings, updatedAt: at, updatedBy: by })
    .onConflict((oc) => oc.column('structureId').doUpdateSet({ ...settings, updatedAt: at, updatedBy: by }))
    .execute();
}

export type Period = Pick<AssessmentPeriodsTable, 'id' | 'structureId' | 'schoolYear' | 'position' | 'name' | 'startsOn' | 'endsOn' | 'publishAt'>;
const periodColumns = ['id', 'structureId', 'schoolYear', 'position', 'name', 'startsOn', 'endsOn', 'publishAt'] as const;

export async function periodsOf(db: Db, structureId: string, schoolYear: string): Promise<Period[]> {
  return db
    .selectFrom('assessmentPeriods')
    .select(periodColumns)
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .orderBy('position')
    .execute();
}

export async function periodById(db: Db, id: string): Promise<Period | undefined> {
  return db.selectFrom('assessmentPeriods').select(periodColumns).where('id', '=', id).executeTakeFirst();
}

/** Replaces a year's periods, keeping ids by position (assessments point at them). */
export async function replacePeriods(
  db: Db,
  structureId: string,
  schoolYear: string,
  periods: { name: string; startsOn: string; endsOn: string }[],
  at: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await periodsOf(trx, structureId, schoolYear);
    for (const [index, p] of periods.entries()) {
      const old = existing.find((e) => e.position === index + 1);
      if (old) await trx.updateTable('assessmentPeriods').set(p).where('id', '=', old.id).execute();
      else
        await trx
          .insertInto('assessmentPeriods')
          .values({ id: newId(), structureId, schoolYear, position: index + 1, ...p, publishAt: null, createdAt: at })
          .execute();
    }
    for (const old of existing.filter((e) => e.position > periods.length)) {
      await trx.deleteFrom('assessmentPeriods').where('id', '=', old.id).execute();
    }
  });
}

/** How many assessments each period holds (a period with assessments cannot be removed). */
export async function assessmentCounts(db: Db, periodIds: string[]): Promise<Map<string, number>> {
  if (periodIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('assessments')
    .select(['periodId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('periodId', 'in', periodIds)
    .groupBy('periodId')
    .execute();
  return new Map(rows.map((r) => [r.periodId, Number(r.n)]));
}

export async function setPeriodPublication(db: Db, periodId: string, publishAt: string | null): Promise<void> {
  await db.updateTable('assessmentPeriods').set({ publishAt }).where('id', '=', periodId).execute();
}
