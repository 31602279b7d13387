import type { Db } from '../../../kernel/db/index.js';
import type { EquipmentCommissionsTable, EquipmentNeedNotesTable, EquipmentNeedsTable, NeedStatus } from '../project-tables.js';

/** A need with its school's municipality (the facts of its rules), or null. */
export async function findNeed(db: Db, id: string) {
  return (
    (await db
      .selectFrom('equipmentNeeds')
      .innerJoin('structures', 'structures.id', 'equipmentNeeds.structureId')
      .selectAll('equipmentNeeds')
      .select('structures.parentId as municipalityId')
      .where('equipmentNeeds.id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

export async function insertNeed(db: Db, need: EquipmentNeedsTable, note: EquipmentNeedNotesTable) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('equipmentNeeds').values(need).execute();
    await trx.insertInto('equipmentNeedNotes').values(note).execute();
  });
}

export async function insertNote(db: Db, note: EquipmentNeedNotesTable) {
  await db.insertInto('equipmentNeedNotes').values(note).execute();
}

export async function setStatus(db: Db, id: string, status: NeedStatus, at: string, note: EquipmentNeedNotesTable) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('equipmentNeeds').set({ status, updatedAt: at }).where('id', '=', id).execute();
    await trx.insertInto('equipmentNeedNotes').values(note).execute();
  });
}

export interface Decision {
  needId: string;
  status: NeedStatus;
  grantedQuantity: number | null;
  comment: string | null;
}

/** The commission and its decisions, in one transaction. */
export async function recordCommission(db: Db, commission: EquipmentCommissionsTable, decisions: Decision[], notes: EquipmentNeedNotesTable[]) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('equipmentCommissions').values(commission).execute();
    for (const d of decisions)
      await trx
        .updateTable('equipmentNeeds')
        .set({ status: d.status, grantedQuantity: d.grantedQuantity, decisionComment: d.comment, commissionId: commission.id, updatedAt: commission.createdAt })
        .where('id', '=', d.needId)
        .execute();
    await trx.insertInto('equipmentNeedNotes').values(notes).execute();
  });
}

/** The school's needs of a year, with their author and room. */
export async function needsOf(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('equipmentNeeds')
    .innerJoin('people', 'people.id', 'equipmentNeeds.authorId')
    .leftJoin('equipmentPlaces', 'equipmentPlaces.id', 'equipmentNeeds.placeId')
    .selectAll('equipmentNeeds')
    .select(['people.firstName', 'people.lastName', 'people.usageName', 'equipmentPlaces.name as placeName'])
    .where('equipmentNeeds.structureId', '=', structureId)
    .where('equipmentNeeds.schoolYear', '=', schoolYear)
    .orderBy('equipmentNeeds.createdAt')
    .orderBy('equipmentNeeds.id')
    .execute();
}

/** The history of these needs, oldest first. */
export async function notesOf(db: Db, needIds: string[]) {
  if (needIds.length === 0) return [];
  return db
    .selectFrom('equipmentNeedNotes')
    .innerJoin('people', 'people.id', 'equipmentNeedNotes.authorId')
    .selectAll('equipmentNeedNotes')
    .select(['people.firstName', 'people.lastName', 'people.usageName'])
    .where('equipmentNeedNotes.needId', 'in', needIds)
    .orderBy('equipmentNeedNotes.at')
    .orderBy('equipmentNeedNotes.id')
    .execute();
}

export async function commissionsOf(db: Db, structureId: string, schoolYear: string) {
  return db
    .selectFrom('equipmentCommissions')
    .select(['id', 'heldOn', 'members'])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .orderBy('heldOn')
    .execute();
}
