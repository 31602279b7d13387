// A month of a municipality's services in numbers: bookings by status and roll-call marks, grouped
// in SQL per service; the service's school and name come with them.
import type { Db } from '../../../kernel/db/index.js';

/** The municipality's services of the school year, with their school. */
export async function servicesOf(db: Db, municipalityId: string, schoolYear: string) {
  return db
    .selectFrom('canteenServices')
    .innerJoin('structures', 'structures.id', 'canteenServices.structureId')
    .select(['canteenServices.id', 'canteenServices.kind', 'canteenServices.label', 'structures.id as structureId', 'structures.name as school'])
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenServices.schoolYear', '=', schoolYear)
    .execute();
}

/** Bookings of the month's days (`from`–`to`, inclusive) per service and status. */
export async function bookingsByStatus(db: Db, municipalityId: string, from: string, to: string) {
  return db
    .selectFrom('canteenBookings')
    .innerJoin('canteenServices', 'canteenServices.id', 'canteenBookings.serviceId')
    .select(['canteenBookings.serviceId', 'canteenBookings.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenBookings.day', '>=', from)
    .where('canteenBookings.day', '<=', to)
    .groupBy(['canteenBookings.serviceId', 'canteenBookings.status'])
    .execute();
}

/** Roll-call marks of the month's days per service: present or not, booked or not. */
export async function marks(db: Db, municipalityId: string, from: string, to: string) {
  return db
    .selectFrom('canteenAttendance')
    .innerJoin('canteenServices', 'canteenServices.id', 'canteenAttendance.serviceId')
    .select(['canteenAttendance.serviceId', 'canteenAttendance.present', 'canteenAttendance.booked'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenAttendance.day', '>=', from)
    .where('canteenAttendance.day', '<=', to)
    .groupBy(['canteenAttendance.serviceId', 'canteenAttendance.present', 'canteenAttendance.booked'])
    .execute();
}

/** Days of the month with a roll call, per service. */
export async function calledDays(db: Db, municipalityId: string, from: string, to: string) {
  return db
    .selectFrom('canteenAttendance')
    .innerJoin('canteenServices', 'canteenServices.id', 'canteenAttendance.serviceId')
    .select('canteenAttendance.serviceId')
    .select((eb) => eb.fn.count<number>('canteenAttendance.day').distinct().as('days'))
    .where('canteenServices.municipalityId', '=', municipalityId)
    .where('canteenAttendance.day', '>=', from)
    .where('canteenAttendance.day', '<=', to)
    .groupBy('canteenAttendance.serviceId')
    .execute();
}
