import type { FastifyInstance } from 'fastify';
import { newId } from '../../kernel/db/index.js';
import { addDemoMunicipalAgent } from '../directory/index.js';
import { addDays, daysBetween, monthBounds, weekdayOf, type DeadlineRule } from './rules.js';
import { timeOf } from './service/deps.js';
import { seedMenusDemo } from './demo-menus.js';
import type { Diet, ServiceKind } from './tables.js';

const DIETS: Diet[] = ['none', 'none', 'none', 'none', 'noPork', 'vegetarian', 'noMeat'];

/**
 * The demo municipality's family services: an agent, the school's five services with the
 * commune's deadlines, the Christmas holidays closed, two thirds of the pupils registered and
 * booked for the canteen this month. Runs once, with the demo school.
 */
export async function seedCanteenDemo(app: FastifyInstance, input: { schoolId: string; passwordHash: string }): Promise<string | null> {
  const db = app.db;
  const school = await db.selectFrom('structures').select(['id', 'parentId']).where('id', '=', input.schoolId).executeTakeFirstOrThrow();
  if (!school.parentId) return null;
  const town = school.parentId;
  const { today, schoolYear } = timeOf({ clock: app.clock });
  const at = app.clock.now().toISOString();
  const agentId = await addDemoMunicipalAgent(db, {
    townId: town,
    login: 'nadia.regie.mairie',
    firstName: 'Nadia',
    lastName: 'Régie',
    passwordHash: input.passwordHash,
    at,
  });

  const service = (kind: ServiceKind, label: string, weekdays: number[], capacity: number, booking: DeadlineRule, cancel: DeadlineRule) => ({
    id: newId(),
    structureId: school.id,
    municipalityId: town,
    schoolYear,
    kind,
    label,
    weekdays: weekdays.join(','),
    capacity,
    period: 'term' as const,
    bookingRule: JSON.stringify(booking),
    cancellationRule: JSON.stringify(cancel),
    waitingList: kind === 'canteen' ? 0 : 1,
    createdAt: at,
    updatedAt: at,
  });
  const weekly: DeadlineRule = { kind: 'weekBefore', weekday: 2, time: '23:59' };
  const eve: DeadlineRule = { kind: 'dayBefore', time: '18:00' };
  const j2: DeadlineRule = { kind: 'workingDays', days: 2, time: '23:59' };
  const canteen = service('canteen', 'Cantine', [1, 2, 4, 5], 220, eve, j2);
  await db
    .insertInto('canteenServices')
    .values([
      canteen,
      service('morning', 'Garderie du matin', [1, 2, 4, 5], 40, eve, eve),
      service('evening', 'Garderie du soir', [1, 2, 4, 5], 60, eve, eve),
      service('wednesday', 'Mercredi loisirs', [3], 48, weekly, weekly),
      service('study', 'Étude surveillée', [1, 2, 4], 30, j2, j2),
    ])
    .execute();
  const start = Number(schoolYear.slice(0, 4));
  await db
    .insertInto('canteenClosures')
    .values([
      {
        id: newId(),
        municipalityId: town,
        structureId: null,
        startsOn: `${start}-12-19`,
        endsOn: `${start + 1}-01-03`,
        reason: 'holiday',
        label: 'Vacances de Noël',
        createdAt: at,
      },
      {
        id: newId(),
        municipalityId: town,
        structureId: null,
        startsOn: `${start}-11-11`,
        endsOn: `${start}-11-11`,
        reason: 'bankHoliday',
        label: 'Armistice',
        createdAt: at,
      },
    ])
    .execute();
  await seedMenusDemo(app, { municipalityId: town, agentId });

  const pupils = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.id')
    .where('structureMembers.structureId', '=', school.id)
    .where('people.profile', '=', 'student')
    .orderBy('people.searchKey')
    .execute();
  const registered = pupils.filter((_, i) => i % 3 !== 2);
  if (registered.length === 0) return agentId;
  await db
    .insertInto('canteenRegistrations')
    .values(
      registered.map((p, i) => ({
        id: newId(),
        studentId: p.id,
        schoolYear,
        structureId: school.id,
        diet: DIETS[i % DIETS.length]!,
        careplan: i % 23 === 0 ? 'Allergie à l’arachide (PAI signé)' : null,
        emergencyContacts: JSON.stringify([{ name: 'Parent', phone: '06 00 00 00 00' }]),
        pickupPeople: '[]',
        consentAt: at,
        registeredBy: agentId,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .execute();
  // This month's canteen, from today, for the registered pupils (closed days left out).
  const { last } = monthBounds(today.slice(0, 7));
  const days = daysBetween(today, last < addDays(today, 14) ? addDays(today, 14) : last).filter(
    (d) => [1, 2, 4, 5].includes(weekdayOf(d)) && !(d >= `${start}-12-19` && d <= `${start + 1}-01-03`),
  );
  for (const day of days) {
    const rows = registered.map((p) => ({
      id: newId(),
      serviceId: canteen.id,
      studentId: p.id,
      day,
      status: 'booked' as const,
      waitingSince: null,
      updatedAt: at,
    }));
    await db.insertInto('canteenBookings').values(rows).execute();
    await db
      .insertInto('canteenBookingHistory')
      .values(
        rows.map((r) => ({
          id: newId(),
          serviceId: r.serviceId,
          studentId: r.studentId,
          day,
          action: 'book' as const,
          actorId: agentId,
          reason: 'Inscription de rentrée',
          at,
        })),
      )
      .execute();
    await db.insertInto('canteenDayCounters').values({ serviceId: canteen.id, day, booked: rows.length }).execute();
  }
  return agentId;
}

/** The demo agent's login, for the demo's list of accounts. */
export async function canteenDemoLogins(app: FastifyInstance, password: string) {
  const agent = await app.db.selectFrom('people').select('login').where('profile', '=', 'municipal').where('lastName', '=', 'Régie').executeTakeFirst();
  return agent ? [{ role: 'Agent de la commune (actualités, cantine, périscolaire)', login: agent.login, password }] : [];
}
