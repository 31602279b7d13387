import type { Db } from '../../../kernel/db/index.js';
import type { EquipmentInstallationsTable } from '../project-tables.js';

export async function installationOf(db: Db, orderId: string) {
  return (await db.selectFrom('equipmentInstallations').selectAll().where('orderId', '=', orderId).executeTakeFirst()) ?? null;
}

/** A new date resets the director's confirmation. */
export async function schedule(db: Db, row: EquipmentInstallationsTable) {
  await db
    .insertInto('equipmentInstallations')
    .values(row)
    .onConflict((oc) =>
      oc.column('orderId').doUpdateSet({ scheduledFor: row.scheduledFor, note: row.note, scheduledBy: row.scheduledBy, confirmedBy: null, confirmedAt: null }),
    )
    .execute();
}

export async function confirm(db: Db, id: string, personId: string, at: string) {
  await db.updateTable('equipmentInstallations').set({ confirmedBy: personId, confirmedAt: at }).where('id', '=', id).execute();
}

export async function recordTraining(db: Db, id: string, heldOn: string, notes: string | null, personId: string, attendeeIds: string[]) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('equipmentInstallations')
      .set({ trainingOn: heldOn, trainingNotes: notes, trainingRecordedBy: personId })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('equipmentTrainingAttendees').where('installationId', '=', id).execute();
    await trx
      .insertInto('equipmentTrainingAttendees')
      .values(attendeeIds.map((personId) => ({ installationId: id, personId })))
      .execute();
  });
}

/** The installations of these orders, with who confirmed and who attended the training. */
export async function installationsOf(db: Db, orderIds: string[]) {
  if (orderIds.length === 0) return { rows: [], attendees: [] };
  const rows = await db
    .selectFrom('equipmentInstallations')
    .leftJoin('people', 'people.id', 'equipmentInstallations.confirmedBy')
    .selectAll('equipmentInstallations')
    .select(['people.firstName', 'people.lastName', 'people.usageName'])
    .where('orderId', 'in', orderIds)
    .execute();
  const attendees = rows.length
    ? await db
        .selectFrom('equipmentTrainingAttendees')
        .innerJoin('people', 'people.id', 'equipmentTrainingAttendees.personId')
        .select(['installationId', 'people.firstName', 'people.lastName', 'people.usageName'])
        .where(
          'installationId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return { rows, attendees };
}
