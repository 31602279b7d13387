import type { Db } from '../../../kernel/db/index.js';
import { displayName, groupIdsOf } from '../../directory/index.js';
import type { HandInBoxesTable, HandInFilesTable, HandInReturnsTable } from '../tables.js';

export type Box = HandInBoxesTable;
export type HandInStatus = 'on_time' | 'late' | 'missing';

export async function insertBox(db: Db, box: Box): Promise<void> {
  await db.insertInto('handInBoxes').values(box).execute();
}

/** The box tied to a piece of work of the cahier de textes, if one is open. */
export async function boxOfAssignment(db: Db, assignmentId: string): Promise<Box | undefined> {
  return db.selectFrom('handInBoxes').selectAll().where('assignmentId', '=', assignmentId).orderBy('createdAt').executeTakeFirst();
}

/** Groups a person teaches this year, for the "open a box" form. */
export async function taughtGroups(db: Db, personId: string, year: string) {
  return db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name'])
    .where('groups.id', 'in', groupIdsOf(db, personId, year, { as: 'teacher' }))
    .orderBy('groups.name')
    .execute();
}

/** Boxes of the person's groups of the year, or of their children's; scoped in SQL. */
export async function listBoxes(db: Db, personId: string, year: string, window: { limit: number; offset: number }) {
  return db
    .selectFrom('handInBoxes')
    .innerJoin('groups', 'groups.id', 'handInBoxes.groupId')
    .select([
      'handInBoxes.id',
      'handInBoxes.title',
      'handInBoxes.dueAt',
      'handInBoxes.acceptLate',
      'handInBoxes.groupId',
      'handInBoxes.assignmentId',
      'groups.name as groupName',
    ])
    .where('handInBoxes.groupId', 'in', groupIdsOf(db, personId, year))
    .orderBy('handInBoxes.dueAt', 'desc')
    .orderBy('handInBoxes.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export async function findBox(db: Db, id: string): Promise<(Box & { groupName: string }) | undefined> {
  return db
    .selectFrom('handInBoxes')
    .innerJoin('groups', 'groups.id', 'handInBoxes.groupId')
    .selectAll('handInBoxes')
    .select('groups.name as groupName')
    .where('handInBoxes.id', '=', id)
    .executeTakeFirst();
}

export interface RosterLine {
  studentId: string;
  name: string;
  status: HandInStatus;
  handInId: string | null;
  submittedAt: string | null;
  files: Array<{ id: string; fileName: string; size: number; sha256: string }>;
  returns: Array<{ id: string; comment: string; fileName: string | null; createdAt: string }>;
}

/** Pupils of the box's group (all, or some) with their hand-ins, files and returns. */
export async function roster(db: Db, box: Pick<Box, 'id' | 'groupId'>, onlyStudents?: string[]): Promise<RosterLine[]> {
  if (onlyStudents && onlyStudents.length === 0) return [];
  let query = db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .leftJoin('handIns', (join) => join.onRef('handIns.studentId', '=', 'groupMembers.personId').on('handIns.boxId', '=', box.id))
    .select([
      'people.id as studentId',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'handIns.id as handInId',
      'handIns.submittedAt',
      'handIns.late',
    ])
    .where('groupMembers.groupId', '=', box.groupId)
    .where('groupMembers.role', '=', 'student');
  if (onlyStudents) query = query.where('people.id', 'in', onlyStudents);
  // The folded displayed name (usage name first): accents do not push BÉRANGER after BRUNET.
  const rows = await query.orderBy('people.searchKey').orderBy('people.id').execute();
  const handInIds = rows.map((r) => r.handInId).filter((id): id is string => !!id);
  const files = handInIds.length
    ? await db
        .selectFrom('handInFiles')
        .select(['id', 'handInId', 'fileName', 'size', 'sha256'])
        .where('handInId', 'in', handInIds)
        .orderBy('fileName')
        .execute()
    : [];
  const returns = handInIds.length
    ? await db
        .selectFrom('handInReturns')
        .select(['id', 'handInId', 'comment', 'fileName', 'createdAt'])
        .where('handInId', 'in', handInIds)
        .orderBy('createdAt')
        .execute()
    : [];
  return rows.map((r) => ({
    studentId: r.studentId,
    name: displayName(r),
    status: !r.handInId ? 'missing' : r.late === 1 ? 'late' : 'on_time',
    handInId: r.handInId,
    submittedAt: r.submittedAt,
    files: files.filter((f) => f.handInId === r.handInId).map(({ handInId: _h, ...f }) => f),
    returns: returns.filter((x) => x.handInId === r.handInId).map(({ handInId: _h, ...x }) => x),
  }));
}

/** The children of a parent who are pupils of the group. */
export async function childrenInGroup(db: Db, relativeId: string, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', relativeId)
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .execute();
  return rows.map((r) => r.studentId);
}

export async function existingHandIn(db: Db, boxId: string, studentId: string) {
  return db.selectFrom('handIns').select(['id', 'submittedAt']).where('boxId', '=', boxId).where('studentId', '=', studentId).executeTakeFirst();
}

/**
 * Records a hand-in (or replaces the earlier one) in one transaction, once `decide` has said
 * whether it is late (or thrown when the box is closed); returns the blob keys no longer used.
 */
export async function writeHandIn(
  db: Db,
  newHandInId: string,
  boxId: string,
  studentId: string,
  decide: (alreadyHandedIn: boolean) => { late: boolean; at: string },
  files: Omit<HandInFilesTable, 'handInId'>[],
): Promise<{ handInId: string; late: boolean; oldBlobs: string[] }> {
  return db.transaction().execute(async (trx) => {
    const existing = await existingHandIn(trx, boxId, studentId);
    const { late, at } = decide(!!existing);
    // One upsert, so that two hand-ins sent at once (a double submit) cannot both create the row;
    // on PostgreSQL the second waits for the first and then replaces its files.
    const { id: handInId } = await trx
      .insertInto('handIns')
      .values({ id: newHandInId, boxId, studentId, submittedAt: at, late: late ? 1 : 0 })
      .onConflict((oc) =>
        oc.columns(['boxId', 'studentId']).doUpdateSet((eb) => ({ submittedAt: eb.ref('excluded.submittedAt'), late: eb.ref('excluded.late') })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const oldBlobs = (await trx.selectFrom('handInFiles').select('blobKey').where('handInId', '=', handInId).execute()).map((f) => f.blobKey);
    if (oldBlobs.length > 0) await trx.deleteFrom('handInFiles').where('handInId', '=', handInId).execute();
    const rows = files.map((f) => ({ ...f, handInId, createdAt: at }));
    for (let i = 0; i < rows.length; i += 50)
      await trx
        .insertInto('handInFiles')
        .values(rows.slice(i, i + 50))
        .execute();
    return { handInId, late, oldBlobs };
  });
}

/** A hand-in file with the hand-in it belongs to. */
export async function findHandInFile(db: Db, fileId: string) {
  return db
    .selectFrom('handInFiles')
    .innerJoin('handIns', 'handIns.id', 'handInFiles.handInId')
    .innerJoin('handInBoxes', 'handInBoxes.id', 'handIns.boxId')
    .selectAll('handInFiles')
    .select(['handIns.studentId', 'handInBoxes.groupId'])
    .where('handInFiles.id', '=', fileId)
    .executeTakeFirst();
}

/** A returned file with the hand-in it belongs to. */
export async function findReturn(db: Db, returnId: string) {
  return db
    .selectFrom('handInReturns')
    .innerJoin('handIns', 'handIns.id', 'handInReturns.handInId')
    .innerJoin('handInBoxes', 'handInBoxes.id', 'handIns.boxId')
    .selectAll('handInReturns')
    .select(['handIns.studentId', 'handInBoxes.groupId'])
    .where('handInReturns.id', '=', returnId)
    .executeTakeFirst();
}

export async function findHandIn(db: Db, handInId: string) {
  return db
    .selectFrom('handIns')
    .innerJoin('handInBoxes', 'handInBoxes.id', 'handIns.boxId')
    .select(['handIns.id', 'handIns.boxId', 'handIns.studentId', 'handInBoxes.groupId'])
    .where('handIns.id', '=', handInId)
    .executeTakeFirst();
}

export async function insertReturn(db: Db, row: HandInReturnsTable): Promise<void> {
  await db.insertInto('handInReturns').values(row).execute();
}

/** Files of every hand-in of a box, for the zip, named by pupil. */
export async function zipEntries(db: Db, boxId: string) {
  const rows = await db
    .selectFrom('handInFiles')
    .innerJoin('handIns', 'handIns.id', 'handInFiles.handInId')
    .innerJoin('people', 'people.id', 'handIns.studentId')
    .select([
      'handInFiles.fileName',
      'handInFiles.blobKey',
      'handInFiles.size',
      'handIns.late',
      'people.id as studentId',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('handIns.boxId', '=', boxId)
    .orderBy('people.searchKey')
    .orderBy('people.id')
    .orderBy('handInFiles.fileName')
    .execute();
  const used = new Set<string>();
  const folders = new Map<string, string>();
  return rows.map((r) => {
    // Two pupils with the same name get distinct folders.
    let folder = folders.get(r.studentId);
    if (!folder) {
      const base = `${r.usageName || r.lastName} ${r.firstName}`.replace(/[/\\]/g, '_');
      folder = base;
      for (let n = 2; [...folders.values()].includes(folder); n++) folder = `${base} (${n})`;
      folders.set(r.studentId, folder);
    }
    let path = `${folder}${r.late === 1 ? ' (en retard)' : ''}/${r.fileName}`;
    for (let n = 2; used.has(path); n++) path = `${folder}/${n}-${r.fileName}`;
    used.add(path);
    return { path, blobKey: r.blobKey, size: r.size };
  });
}
