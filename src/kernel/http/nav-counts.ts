import { sql } from 'kysely';
import type { Actor } from '../authz/index.js';
import type { Db } from '../db/index.js';
import type { NavRegistration } from './types.js';

/**
 * The navigation's counters (unread messages, notifications…) for one page, as one statement:
 * `select (select count(*) …) as c0, (select count(*) …) as c1`. Each module builds its own
 * counter, scoped to the person in SQL; the page pays one round trip for all of them.
 */
export async function navCounts(db: Db, actor: Actor, entries: readonly NavRegistration[]): Promise<Map<NavRegistration, number>> {
  const counted = entries.filter((n) => n.counter);
  const counts = new Map<NavRegistration, number>();
  if (counted.length === 0) return counts;
  const row = (await db.selectNoFrom(counted.map((n, i) => sql<number>`(${n.counter!(actor, db)})`.as(`c${i}`))).executeTakeFirstOrThrow()) as Record<
    string,
    unknown
  >;
  counted.forEach((n, i) => counts.set(n, Number(row[`c${i}`] ?? 0)));
  return counts;
}
