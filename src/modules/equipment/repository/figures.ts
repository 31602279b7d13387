import type { SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../../../kernel/db/index.js';
import { CLOSED_TICKET_STATUSES } from '../tables.js';

/** Equipment figures of some schools (a subquery of ids), for the steering dashboards: assets in use and open tickets. */
export async function equipmentFigures(db: Db, schools: SelectQueryBuilder<Database, any, { id: string }>) {
  const [assets, tickets] = await Promise.all([
    db
      .selectFrom('equipmentAssets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('structureId', 'in', schools)
      .where('status', '<>', 'retired')
      .executeTakeFirst(),
    db
      .selectFrom('equipmentTickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('structureId', 'in', schools)
      .where('status', 'not in', CLOSED_TICKET_STATUSES)
      .executeTakeFirst(),
  ]);
  return { assets: Number(assets?.n ?? 0), openTickets: Number(tickets?.n ?? 0) };
}
