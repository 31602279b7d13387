// What other modules ask the communication rules about a whole audience at once: "may this
// person write to every one of these people?", answered in one SQL query.
import type { SelectQueryBuilder } from 'kysely';
import type { Actor } from '../../kernel/authz/index.js';
import type { Database, Db } from '../../kernel/db/index.js';
import { reachableIds, rulesOf } from './repository/rules.js';

/**
 * How many active people of `audience` (a subquery of ids, the actor left out) the actor may not
 * write to by the school's communication rules (replies to those who wrote to them included). Zero:
 * the actor reaches all of them.
 */
export async function unreachableCount(
  db: Db,
  actor: Actor,
  structureId: string,
  audience: SelectQueryBuilder<Database, any, { id: string }>,
  year: string,
  now: Date,
): Promise<number> {
  const rules = await rulesOf(db, structureId, now);
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('people.id', 'in', audience)
    .where('people.status', '=', 'active')
    .where('people.id', '!=', actor.personId)
    .where('people.id', 'not in', reachableIds(db, actor, structureId, rules, year))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
