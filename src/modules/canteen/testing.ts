import type { FastifyInstance } from 'fastify';
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { buildPerson, buildSchool, buildWorld } from '../directory/testing.js';
import type { DeadlineRule } from './rules.js';
import type { ServiceKind } from './tables.js';

/** Tuesday 1 December 2026, 10:00 in Paris. */
export const TEST_NOW = '2026-12-01T09:00:00Z';

/** School A belongs to a municipality with an agent; school B to another municipality with its agent. */
export async function canteenWorld(app: FastifyInstance) {
  const w = await buildWorld(app.db);
  const town = await buildSchool(app.db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  const otherTown = await buildSchool(app.db, { kind: 'municipality', name: 'Ville du Port' });
  await attachSchool(app.db, w.schoolA.id, town.id);
  await attachSchool(app.db, w.schoolB.id, otherTown.id);
  const agent = await buildPerson(app.db, { profile: 'municipal', firstName: 'Mathilde', lastName: 'Mairie', structureId: town.id });
  const otherAgent = await buildPerson(app.db, { profile: 'municipal', firstName: 'Octave', lastName: 'Portail', structureId: otherTown.id });
  return { ...w, town, otherTown, agent, otherAgent };
}

export type CanteenWorld = Awaited<ReturnType<typeof canteenWorld>>;

export async function attachSchool(db: Db, schoolId: string, municipalityId: string) {
  await db.updateTable('structures').set({ parentId: municipalityId }).where('id', '=', schoolId).execute();
}

/** A service written straight to the database (the API's own tests create them through HTTP). */
export async function buildService(
  db: Db,
  input: {
    structureId: string;
    municipalityId: string;
    schoolYear: string;
    kind?: ServiceKind;
    label?: string;
    capacity?: number;
    weekdays?: number[];
    bookingRule?: DeadlineRule;
    cancellationRule?: DeadlineRule;
    waitingList?: boolean;
  },
) {
  const at = new Date().toISOString();
  const row = {
    id: newId(),
    structureId: input.structureId,
    municipalityId: input.municipalityId,
    schoolYear: input.schoolYear,
    kind: input.kind ?? 'canteen',
    label: input.label ?? 'Cantine',
    weekdays: (input.weekdays ?? [1, 2, 4, 5]).join(','),
    capacity: input.capacity ?? 100,
    period: 'term' as const,
    bookingRule: JSON.stringify(input.bookingRule ?? { kind: 'dayBefore', time: '18:00' }),
    cancellationRule: JSON.stringify(input.cancellationRule ?? { kind: 'dayBefore', time: '18:00' }),
    waitingList: input.waitingList ? 1 : 0,
    createdAt: at,
    updatedAt: at,
  };
  await db.insertInto('canteenServices').values(row).execute();
  return row;
}

/** A child registered for the year with one emergency contact. */
export async function registerChild(
  db: Db,
  input: { studentId: string; structureId: string; schoolYear: string; by: string; diet?: 'none' | 'noPork' | 'vegetarian' | 'noMeat'; careplan?: string },
) {
  const at = new Date().toISOString();
  await db
    .insertInto('canteenRegistrations')
    .values({
      id: newId(),
      studentId: input.studentId,
      schoolYear: input.schoolYear,
      structureId: input.structureId,
      diet: input.diet ?? 'none',
      careplan: input.careplan ?? null,
      emergencyContacts: JSON.stringify([{ name: 'Contact', phone: '0600000000' }]),
      pickupPeople: '[]',
      consentAt: at,
      registeredBy: input.by,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
}

export const registrationBody = {
  diet: 'vegetarian',
  careplan: 'Allergie à l’arachide',
  emergencyContacts: [{ name: 'Marc Élève', phone: '06 12 34 56 78' }],
  pickupPeople: [{ name: 'Grand-mère', phone: '06 98 76 54 32' }],
  consent: true,
};

/** A kitchen cooking for some schools, written straight to the database. */
export async function buildKitchen(db: Db, input: { municipalityId: string; schoolIds: string[]; name?: string }) {
  const row = { id: newId(), municipalityId: input.municipalityId, name: input.name ?? 'Cuisine centrale', createdAt: new Date().toISOString() };
  await db.insertInto('canteenKitchens').values(row).execute();
  if (input.schoolIds.length > 0)
    await db
      .insertInto('canteenKitchenSchools')
      .values(input.schoolIds.map((structureId) => ({ structureId, kitchenId: row.id })))
      .execute();
  return row;
}

/** A day's menu with its dishes (`course:name:allergen,allergen:protein`), published unless said otherwise. */
export async function buildMenuDay(db: Db, input: { kitchenId: string; day: string; by: string; dishes: string[]; status?: 'draft' | 'published' }) {
  const at = new Date().toISOString();
  const id = newId();
  await db
    .insertInto('canteenMenuDays')
    .values({ id, kitchenId: input.kitchenId, day: input.day, status: input.status ?? 'published', publishedAt: at, updatedBy: input.by, updatedAt: at })
    .execute();
  await db
    .insertInto('canteenDishes')
    .values(
      input.dishes.map((spec, position) => {
        const [course = 'main', name = 'Plat', allergens = '', protein = 'none', labels = ''] = spec.split(':');
        return { id: newId(), menuDayId: id, course, name, allergens, labels, protein, alternative: 0, purchaseCents: null, position };
      }),
    )
    .execute();
  return id;
}
