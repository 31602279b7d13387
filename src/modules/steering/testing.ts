import { sql } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import { newId, nowIso } from '../../kernel/db/index.js';
import { buildPerson } from '../directory/testing.js';

/** A circonscription or an académie (kinds above schools; `parentId` of a circonscription is its académie). */
export async function buildInspection(db: Db, input: { name: string; kind?: 'circonscription' | 'academie'; parentId?: string | null }) {
  const row = {
    id: newId(),
    kind: (input.kind ?? 'circonscription') as never,
    name: input.name,
    uai: null,
    parentId: input.parentId ?? null,
    createdAt: nowIso(),
  };
  await db.insertInto('structures').values(row).execute();
  return row;
}

/** Puts a school in a circonscription (the column the steering migration adds). */
export async function attachToInspection(db: Db, schoolId: string, inspectionId: string) {
  await sql`update structures set inspection_id = ${inspectionId} where id = ${schoolId}`.execute(db);
}

/** An inspector (IEN, DAN adviser): a member of the circonscription or académie they work for. */
export async function buildInspector(db: Db, inspectionId: string, names: { firstName: string; lastName: string }) {
  return buildPerson(db, { profile: 'personnel', ...names, structureId: inspectionId });
}

/** Rolled-up figures written straight to the monthly table (bench and masking tests). */
export async function seedMonthly(
  db: Db,
  rows: { month: string; structureId: string; profile: string; service?: string; people: number; sessions?: number; actions?: number }[],
) {
  const values = rows.map((r) => ({ service: '*', sessions: r.people * 3, actions: 0, ...r }));
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('steeringMonthly')
      .values(values.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['structureId', 'month', 'profile', 'service']).doUpdateSet((eb) => ({ people: eb.ref('excluded.people') })))
      .execute();
}
