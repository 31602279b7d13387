import type { FastifyInstance } from 'fastify';
import { newId, type Db } from '../../kernel/db/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { schoolYearBounds } from './dates.js';
import type { TimetableSlotsTable } from './tables.js';

/** A Monday of term, mid-morning in Paris (an A week under the default odd-weeks calendar: ISO week 11). */
export const TEST_NOW = '2027-03-15T09:30:00Z';
export const TEST_MONDAY = '2027-03-15';

/** The directory's two-school world, its groups in the school year of the app's clock. */
export async function timetableWorld(app: FastifyInstance): Promise<World> {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  return w;
}

export async function buildRoom(db: Db, structureId: string, name: string) {
  const room = { id: newId(), structureId, name, createdAt: new Date().toISOString() };
  await db.insertInto('timetableRooms').values(room).execute();
  return room;
}

/** A weekly slot, valid the whole school year of its group unless said otherwise. */
export async function buildSlot(
  db: Db,
  spec: Pick<TimetableSlotsTable, 'groupId' | 'teacherId' | 'dayOfWeek' | 'startTime' | 'endTime'> & Partial<TimetableSlotsTable>,
) {
  const group = await db.selectFrom('groups').select(['structureId', 'schoolYear']).where('id', '=', spec.groupId).executeTakeFirstOrThrow();
  const bounds = schoolYearBounds(group.schoolYear);
  const at = new Date().toISOString();
  const slot: TimetableSlotsTable = {
    id: newId(),
    structureId: group.structureId,
    schoolYear: group.schoolYear,
    roomId: null,
    subjectCode: null,
    subject: 'Mathématiques',
    weeks: 'all',
    validFrom: bounds.from,
    validTo: bounds.to,
    source: 'manual',
    createdAt: at,
    updatedAt: at,
    ...spec,
  };
  await db.insertInto('timetableSlots').values(slot).execute();
  return slot;
}

export const countSlots = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('timetableSlots')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
