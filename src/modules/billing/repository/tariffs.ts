import type { Db } from '../../../kernel/db/index.js';
import type { BillingJustificationsTable, BillingQuotientsTable, BillingTariffsTable } from '../tables.js';

export async function upsertTariff(db: Db, row: BillingTariffsTable) {
  await db
    .insertInto('billingTariffs')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('serviceId')
        .doUpdateSet({ brackets: row.brackets, walkInSurchargeCents: row.walkInSurchargeCents, updatedBy: row.updatedBy, updatedAt: row.updatedAt }),
    )
    .execute();
}

export async function tariffsOf(db: Db, municipalityId: string) {
  return db.selectFrom('billingTariffs').selectAll().where('municipalityId', '=', municipalityId).execute();
}

/** A canteen service and the municipality that runs it. */
export async function findService(db: Db, id: string) {
  return (
    (await db.selectFrom('canteenServices').select(['id', 'municipalityId', 'label', 'structureId', 'schoolYear']).where('id', '=', id).executeTakeFirst()) ??
    null
  );
}

export async function insertQuotient(db: Db, row: BillingQuotientsTable) {
  await db.insertInto('billingQuotients').values(row).execute();
}

export async function findQuotient(db: Db, id: string) {
  return (await db.selectFrom('billingQuotients').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function reviewQuotient(db: Db, id: string, set: Pick<BillingQuotientsTable, 'status' | 'reviewedBy' | 'reviewedAt' | 'validFrom'>) {
  const r = await db.updateTable('billingQuotients').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A parent's declarations to one municipality, newest first. */
export async function quotientsOfFamily(db: Db, relativeId: string, municipalityId: string) {
  return db
    .selectFrom('billingQuotients')
    .select(['id', 'quotient', 'status', 'declaredAt', 'reviewedAt', 'validFrom', 'fileName'])
    .where('relativeId', '=', relativeId)
    .where('municipalityId', '=', municipalityId)
    .orderBy('declaredAt', 'desc')
    .execute();
}

/** Declarations waiting for the municipality's review, oldest first, with the parent's name. */
export async function pendingQuotients(db: Db, municipalityId: string) {
  return db
    .selectFrom('billingQuotients')
    .innerJoin('people', 'people.id', 'billingQuotients.relativeId')
    .select([
      'billingQuotients.id',
      'billingQuotients.relativeId',
      'billingQuotients.quotient',
      'billingQuotients.declaredAt',
      'billingQuotients.fileName',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('billingQuotients.municipalityId', '=', municipalityId)
    .where('billingQuotients.status', '=', 'pending')
    .orderBy('billingQuotients.declaredAt')
    .execute();
}

/** Validated quotients of the municipality's families, for pricing a month. */
export async function validatedQuotients(db: Db, municipalityId: string, last: string) {
  return db
    .selectFrom('billingQuotients')
    .select(['relativeId', 'quotient', 'validFrom', 'reviewedAt'])
    .where('municipalityId', '=', municipalityId)
    .where('status', '=', 'validated')
    .where('validFrom', '<=', last)
    .orderBy('validFrom')
    .orderBy('reviewedAt')
    .execute();
}

/** The stored proofs among `keys` (for the blob sweep). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('billingQuotients')
    .select('blobKey')
    .where('blobKey', 'in', [...keys])
    .execute();
  return rows.map((r) => r.blobKey);
}

export async function upsertJustification(db: Db, row: BillingJustificationsTable) {
  await db
    .insertInto('billingJustifications')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['serviceId', 'studentId', 'day']).doUpdateSet({ reason: row.reason, recordedBy: row.recordedBy, recordedAt: row.recordedAt }),
    )
    .execute();
}

export async function justificationsIn(db: Db, municipalityId: string, first: string, last: string) {
  return db
    .selectFrom('billingJustifications')
    .innerJoin('canteenServices', 'canteenServices.id', 'billingJustifications.serviceId')
    .select(['billingJustifications.serviceId', 'billingJustifications.studentId', 'billingJustifications.day'])
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('billingJustifications.day', '>=', first)
    .where('billingJustifications.day', '<=', last)
    .execute();
}

/** The child's booking of that service and day, when one stands. */
export async function bookingOf(db: Db, serviceId: string, studentId: string, day: string) {
  return (
    (await db
      .selectFrom('canteenBookings')
      .select('id')
      .where('serviceId', '=', serviceId)
      .where('studentId', '=', studentId)
      .where('day', '=', day)
      .where('status', '=', 'booked')
      .executeTakeFirst()) ?? null
  );
}
