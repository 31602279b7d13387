import { sql } from 'kysely';
import type { Db, DbKind } from '../../../kernel/db/index.js';
import { newId } from '../../../kernel/db/index.js';
import type { BookingStatus, CanteenBookingHistoryTable } from '../tables.js';

/** A child's bookings (booked or waiting) for some services over a range of days. */
export async function bookingsOfStudent(db: Db, studentId: string, serviceIds: string[], from: string, to: string) {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('canteenBookings')
    .select(['serviceId', 'day', 'status'])
    .where('studentId', '=', studentId)
    .where('serviceId', 'in', serviceIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('status', '!=', 'cancelled')
    .execute();
}

/** Booked places per day of a service over a range (the counter rows). */
export async function countersOf(db: Db, serviceIds: string[], from: string, to: string) {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('canteenDayCounters')
    .select(['serviceId', 'day', 'booked'])
    .where('serviceId', 'in', serviceIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
}

/**
 * The day's counter row, created at 0 when missing and locked for the rest of the transaction on
 * PostgreSQL (`FOR UPDATE`): a second booking of the same day waits here until the first commits,
 * then reads the count it left. SQLite runs one write transaction at a time.
 */
export async function lockCounter(trx: Db, kind: DbKind, serviceId: string, day: string): Promise<number> {
  await trx
    .insertInto('canteenDayCounters')
    .values({ serviceId, day, booked: 0 })
    .onConflict((oc) => oc.columns(['serviceId', 'day']).doNothing())
    .execute();
  const q = trx.selectFrom('canteenDayCounters').select('booked').where('serviceId', '=', serviceId).where('day', '=', day);
  const row = await (kind === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
  return row.booked;
}

export async function addToCounter(trx: Db, serviceId: string, day: string, delta: number) {
  await trx
    .updateTable('canteenDayCounters')
    .set({ booked: sql`booked + ${delta}` })
    .where('serviceId', '=', serviceId)
    .where('day', '=', day)
    .execute();
}

export async function findBooking(trx: Db, serviceId: string, studentId: string, day: string) {
  return (
    (await trx
      .selectFrom('canteenBookings')
      .select(['id', 'status', 'waitingSince'])
      .where('serviceId', '=', serviceId)
      .where('studentId', '=', studentId)
      .where('day', '=', day)
      .executeTakeFirst()) ?? null
  );
}

/** Sets a child's state for the day (the row is the current state; the history keeps every step). */
export async function setBooking(
  trx: Db,
  b: { serviceId: string; studentId: string; day: string; status: BookingStatus; waitingSince: string | null; at: string },
) {
  await trx
    .insertInto('canteenBookings')
    .values({ id: newId(), serviceId: b.serviceId, studentId: b.studentId, day: b.day, status: b.status, waitingSince: b.waitingSince, updatedAt: b.at })
    .onConflict((oc) => oc.columns(['serviceId', 'studentId', 'day']).doUpdateSet({ status: b.status, waitingSince: b.waitingSince, updatedAt: b.at }))
    .execute();
}

export async function appendHistory(trx: Db, row: Omit<CanteenBookingHistoryTable, 'id'>) {
  await trx
    .insertInto('canteenBookingHistory')
    .values({ id: newId(), ...row })
    .execute();
}

/** The longest-waiting request of a day, promoted when a place frees up. */
export async function firstWaiting(trx: Db, serviceId: string, day: string) {
  return (
    (await trx
      .selectFrom('canteenBookings')
      .select(['studentId'])
      .where('serviceId', '=', serviceId)
      .where('day', '=', day)
      .where('status', '=', 'waiting')
      .orderBy('waitingSince')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

/** A child's history, newest first. */
export async function historyOf(db: Db, studentId: string, limit: number) {
  return db
    .selectFrom('canteenBookingHistory')
    .innerJoin('canteenServices', 'canteenServices.id', 'canteenBookingHistory.serviceId')
    .innerJoin('people', 'people.id', 'canteenBookingHistory.actorId')
    .select([
      'canteenBookingHistory.day',
      'canteenBookingHistory.action',
      'canteenBookingHistory.reason',
      'canteenBookingHistory.at',
      'canteenServices.label as service',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('canteenBookingHistory.studentId', '=', studentId)
    .orderBy('canteenBookingHistory.at', 'desc')
    .orderBy('canteenBookingHistory.id')
    .limit(limit)
    .execute();
}

/** The day's list of a service: booked and waiting children with their diet and PAI, and the roll call so far. */
export async function dayList(db: Db, serviceId: string, day: string, schoolYear: string) {
  return db
    .selectFrom('canteenBookings')
    .innerJoin('people', 'people.id', 'canteenBookings.studentId')
    .leftJoin('canteenRegistrations', (j) => j.onRef('canteenRegistrations.studentId', '=', 'people.id').on('canteenRegistrations.schoolYear', '=', schoolYear))
    .select([
      'people.id',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'canteenBookings.status',
      'canteenRegistrations.diet',
      'canteenRegistrations.careplan',
    ])
    .where('canteenBookings.serviceId', '=', serviceId)
    .where('canteenBookings.day', '=', day)
    .where('canteenBookings.status', '!=', 'cancelled')
    .execute();
}

export async function attendanceOf(db: Db, serviceId: string, day: string) {
  return db.selectFrom('canteenAttendance').select(['studentId', 'present', 'booked']).where('serviceId', '=', serviceId).where('day', '=', day).execute();
}

export async function saveAttendance(
  db: Db,
  rows: { serviceId: string; studentId: string; day: string; present: number; booked: number; markedBy: string; markedAt: string }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('canteenAttendance')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['serviceId', 'day', 'studentId']).doUpdateSet((eb) => ({
        present: eb.ref('excluded.present'),
        booked: eb.ref('excluded.booked'),
        markedBy: eb.ref('excluded.markedBy'),
        markedAt: eb.ref('excluded.markedAt'),
      })),
    )
    .execute();
}

/** Per service of a school: booked places and children marked present on a day. */
export async function schoolNumbers(db: Db, structureId: string, schoolYear: string, day: string) {
  return db
    .selectFrom('canteenServices')
    .select(['canteenServices.id', 'canteenServices.label', 'canteenServices.kind', 'canteenServices.capacity'])
    .select((eb) => [
      eb
        .selectFrom('canteenBookings')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('canteenBookings.serviceId', '=', 'canteenServices.id')
        .where('canteenBookings.day', '=', day)
        .where('canteenBookings.status', '=', 'booked')
        .as('booked'),
      eb
        .selectFrom('canteenAttendance')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('canteenAttendance.serviceId', '=', 'canteenServices.id')
        .where('canteenAttendance.day', '=', day)
        .where('canteenAttendance.present', '=', 1)
        .as('present'),
    ])
    .where('canteenServices.structureId', '=', structureId)
    .where('canteenServices.schoolYear', '=', schoolYear)
    .orderBy('canteenServices.kind')
    .execute();
}

/** Meals booked on a day, per school and diet, over a municipality's canteens. */
export async function mealCounts(db: Db, municipalityId: string, schoolYear: string, day: string) {
  return db
    .selectFrom('canteenBookings')
    .innerJoin('canteenServices', 'canteenServices.id', 'canteenBookings.serviceId')
    .innerJoin('structures', 'structures.id', 'canteenServices.structureId')
    .leftJoin('canteenRegistrations', (j) =>
      j.onRef('canteenRegistrations.studentId', '=', 'canteenBookings.studentId').on('canteenRegistrations.schoolYear', '=', schoolYear),
    )
    .select(['structures.id as structureId', 'structures.name as school', 'canteenRegistrations.diet'])
    .select((eb) => eb.fn.countAll<number>().as('meals'))
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenServices.kind', '=', 'canteen')
    .where('canteenServices.schoolYear', '=', schoolYear)
    .where('canteenBookings.day', '=', day)
    .where('canteenBookings.status', '=', 'booked')
    .groupBy(['structures.id', 'structures.name', 'canteenRegistrations.diet'])
    .orderBy('structures.name')
    .execute();
}
