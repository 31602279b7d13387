// The catalogue's rows and its use counts: Kysely only.
import { sql } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import type { CatalogueResourcesTable } from './tables.js';

export function findResource(db: Db, id: string) {
  return db.selectFrom('catalogueResources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function resourcesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalogueResources').selectAll().where('id', 'in', ids).execute();
}

export function existingIdentifiers(db: Db, identifiers: string[]) {
  if (identifiers.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalogueResources').select(['id', 'identifier']).where('identifier', 'in', identifiers).execute();
}

export async function upsertResource(db: Db, row: CatalogueResourcesTable, existingId: string | undefined) {
  if (existingId) {
    const { id: _id, createdAt: _c, ...changes } = row;
    await db.updateTable('catalogueResources').set(changes).where('id', '=', existingId).execute();
  } else await db.insertInto('catalogueResources').values(row).execute();
}

/** One more use of a resource today at a school: a counter, never who opened it. */
export async function countUse(db: Db, day: string, structureId: string, resourceId: string) {
  await db
    .insertInto('resourceUses')
    .values({ day, structureId, resourceId, uses: 1 })
    .onConflict((oc) => oc.columns(['day', 'structureId', 'resourceId']).doUpdateSet({ uses: sql`resource_uses.uses + 1` }))
    .execute();
}

/** New rows in multi-row statements (a first load of a large catalogue; the caller indexes them). */
export async function insertResources(db: Db, rows: CatalogueResourcesTable[], chunk = 500) {
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto('catalogueResources')
      .values(rows.slice(i, i + chunk))
      .execute();
}
