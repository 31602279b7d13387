import type { Db } from '../../kernel/db/index.js';
import { readerKeys, type AudienceTarget } from '../news/index.js';
import type { CalendarAttachmentsTable, CalendarAudiencesTable, CalendarEventsTable } from './tables.js';

export type EventRow = CalendarEventsTable;

export async function insertEvent(db: Db, event: EventRow, audiences: CalendarAudiencesTable[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('calendarEvents').values(event).execute();
    await trx.insertInto('calendarAudiences').values(audiences).execute();
  });
}

/** An event's new fields and audience, in one transaction. */
export async function updateEvent(db: Db, id: string, fields: Partial<EventRow>, audiences: CalendarAudiencesTable[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('calendarEvents').set(fields).where('id', '=', id).execute();
    await trx.deleteFrom('calendarAudiences').where('eventId', '=', id).execute();
    await trx.insertInto('calendarAudiences').values(audiences).execute();
  });
}

export const audienceKeysOf = async (db: Db, eventId: string): Promise<string[]> =>
  (await db.selectFrom('calendarAudiences').select('audienceKey').where('eventId', '=', eventId).orderBy('audienceKey').execute()).map((r) => r.audienceKey);

export const attachmentsOf = (db: Db, eventId: string) =>
  db
    .selectFrom('calendarAttachments')
    .select(['id', 'fileName', 'contentType', 'size'])
    .where('eventId', '=', eventId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();

export const findAttachment = (db: Db, eventId: string, id: string) =>
  db.selectFrom('calendarAttachments').selectAll().where('eventId', '=', eventId).where('id', '=', id).executeTakeFirst();

export async function insertAttachments(db: Db, rows: CalendarAttachmentsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('calendarAttachments').values(rows).execute();
}

export async function deleteAttachment(db: Db, eventId: string, id: string): Promise<string | null> {
  const row = await db.deleteFrom('calendarAttachments').where('eventId', '=', eventId).where('id', '=', id).returning('blobKey').executeTakeFirst();
  return row?.blobKey ?? null;
}

/** Of these blob keys, those an event's attachment still uses (for the blob sweep). */
export async function referencedBlobKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  return (
    await db
      .selectFrom('calendarAttachments')
      .select('blobKey')
      .where('blobKey', 'in', [...keys])
      .execute()
  ).map((r) => r.blobKey);
}

export const findEvent = (db: Db, id: string) => db.selectFrom('calendarEvents').selectAll().where('id', '=', id).executeTakeFirst();

export const targetsOf = (db: Db, eventId: string): Promise<AudienceTarget[]> =>
  db.selectFrom('calendarAudiences').select(['kind', 'targetId']).where('eventId', '=', eventId).orderBy('audienceKey').execute();

export async function isInAudience(db: Db, eventId: string, personId: string, year: string): Promise<boolean> {
  const row = await db
    .selectFrom('calendarAudiences')
    .select('eventId')
    .where('eventId', '=', eventId)
    .where('audienceKey', 'in', db.selectFrom(readerKeys(db, personId, year).as('k')).select('k.key'))
    .executeTakeFirst();
  return !!row;
}

/**
 * Events that overlap the days `from`–`to` (inclusive) and whose audience reaches the person, or
 * that they wrote; in day order, then by start time.
 */
export async function eventsBetween(db: Db, personId: string, year: string, from: string, to: string, limit = 500) {
  return db
    .selectFrom('calendarEvents')
    .innerJoin('structures', 'structures.id', 'calendarEvents.structureId')
    .selectAll('calendarEvents')
    .select('structures.name as structureName')
    .where('calendarEvents.startDay', '<=', to)
    .where('calendarEvents.endDay', '>=', from)
    .where((eb) =>
      eb.or([
        eb('calendarEvents.authorId', '=', personId),
        eb.exists(
          eb
            .selectFrom('calendarAudiences')
            .select('calendarAudiences.eventId')
            .whereRef('calendarAudiences.eventId', '=', 'calendarEvents.id')
            .where('calendarAudiences.audienceKey', 'in', db.selectFrom(readerKeys(db, personId, year).as('k')).select('k.key')),
        ),
      ]),
    )
    .orderBy('calendarEvents.startDay')
    .orderBy('calendarEvents.startsAt')
    .orderBy('calendarEvents.id')
    .limit(limit)
    .execute();
}

export async function cancel(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('calendarEvents')
    .set((eb) => ({ status: 'cancelled', updatedAt: at, sequence: eb('sequence', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export const zoneOf = (db: Db, structureId: string) =>
  db.selectFrom('calendarSettings').select('zone').where('structureId', '=', structureId).executeTakeFirst();

export async function setZone(db: Db, structureId: string, zone: 'A' | 'B' | 'C', at: string): Promise<void> {
  await db
    .insertInto('calendarSettings')
    .values({ structureId, zone, updatedAt: at })
    .onConflict((oc) => oc.column('structureId').doUpdateSet({ zone, updatedAt: at }))
    .execute();
}
