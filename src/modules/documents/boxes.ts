import type { Actor } from '../../kernel/authz/index.js';
import { NotFound } from '../../kernel/authz/index.js';
import { AppError, InvalidInput, Problems } from '../../kernel/http/errors.js';
import { newId, nowIso, type Db } from '../../kernel/db/index.js';
import type { StoredFile } from '../../kernel/storage/http.js';
import { displayName, schoolYearOf } from '../directory/index.js';
import { canOpenBox, handInWindow, type ClassRole } from './policy.js';
import { classRole, myGroupIds } from './repository.js';
import type { HandInBoxesTable } from './tables.js';
import { t } from './i18n/fr.js';
import { handInAssignmentsOf } from '../homework/index.js';

export type Box = HandInBoxesTable;
export type HandInStatus = 'on_time' | 'late' | 'missing';

export interface OpenBoxInput {
  groupId?: string;
  title?: string;
  instructions?: string;
  /** ISO timestamp, or `YYYY-MM-DDTHH:MM` read as Paris time (what a datetime-local input sends). */
  dueAt?: string;
  acceptLate?: boolean;
  assignmentId?: string | null;
}

/** `2026-12-01T18:00` in Europe/Paris → ISO UTC; full ISO strings pass through. */
export function parisToIso(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  if (Number.isNaN(guess) || new Date(guess).getUTCMonth() !== mo! - 1) return null;
  // Paris is UTC+1 or +2: find the offset that maps back to the wall-clock time asked for.
  for (const offset of [1, 2]) {
    const candidate = new Date(guess - offset * 3600_000);
    const wall = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hour12: false }).format(candidate);
    if (wall === `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`) return candidate.toISOString();
  }
  return new Date(guess - 3600_000).toISOString();
}

export async function openBox(db: Db, actor: Actor, input: OpenBoxInput): Promise<Box> {
  const problems = new Problems();
  const title = (input.title ?? '').trim();
  const instructions = (input.instructions ?? '').trim();
  const dueAt = input.dueAt ? parisToIso(input.dueAt.trim()) : null;
  problems.check(title.length > 0 && title.length <= 200, 'title', t('boxes.error.title'));
  problems.check(instructions.length <= 5000, 'instructions', t('boxes.error.instructions'));
  problems.check(dueAt !== null, 'dueAt', t('boxes.error.due'));
  const role = input.groupId ? await classRole(db, actor, input.groupId) : null;
  problems.check(canOpenBox(actor, role), 'groupId', t('boxes.error.group'));
  const assignmentId = input.assignmentId?.trim() || null;
  if (assignmentId) {
    // Only the teacher's own work "to hand in", given to the same class or group.
    const [assignment] = await handInAssignmentsOf(db, actor.personId, [assignmentId]);
    problems.check(!!assignment && assignment.groupId === input.groupId, 'assignmentId', t('boxes.error.assignment'));
  }
  problems.throwIfAny('boxes.invalid');
  const box: Box = {
    id: newId(),
    groupId: input.groupId!,
    teacherId: actor.personId,
    assignmentId,
    title,
    instructions,
    dueAt: dueAt!,
    acceptLate: input.acceptLate ? 1 : 0,
    createdAt: nowIso(),
  };
  await db.insertInto('handInBoxes').values(box).execute();
  return box;
}

/** Groups a person teaches, for the "open a box" form. */
export async function teachingGroups(db: Db, actor: Actor) {
  if (actor.profile !== 'teacher') return [];
  return db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groups.id', 'groups.name'])
    .where('groupMembers.personId', '=', actor.personId)
    .where('groupMembers.role', '=', 'teacher')
    .where('groups.schoolYear', '=', schoolYearOf())
    .orderBy('groups.name')
    .execute();
}

/** Boxes of the actor's groups, or of their children's groups; scoped in SQL. */
export async function listBoxes(db: Db, actor: Actor) {
  const year = schoolYearOf();
  const childGroups = db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .select('groupMembers.groupId as id')
    .where('relativeLinks.relativeId', '=', actor.personId)
    .where('groupMembers.role', '=', 'student');
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
    .where('groups.schoolYear', '=', year)
    .where((eb) => eb.or([eb('handInBoxes.groupId', 'in', myGroupIds(db, actor.personId, year)), eb('handInBoxes.groupId', 'in', childGroups)]))
    .orderBy('handInBoxes.dueAt', 'desc')
    .limit(500)
    .execute();
}

/** A box the actor may see, with their role in its group; otherwise not found. */
export async function boxFor(db: Db, actor: Actor, id: string): Promise<{ box: Box; role: Exclude<ClassRole, null>; groupName: string }> {
  const row = await db
    .selectFrom('handInBoxes')
    .innerJoin('groups', 'groups.id', 'handInBoxes.groupId')
    .selectAll('handInBoxes')
    .select('groups.name as groupName')
    .where('handInBoxes.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  const role = await classRole(db, actor, row.groupId);
  if (!role) throw new NotFound();
  const { groupName, ...box } = row;
  return { box, role, groupName };
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
export async function roster(db: Db, box: Box, onlyStudents?: string[]): Promise<RosterLine[]> {
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
  const rows = await query.orderBy('people.lastName').orderBy('people.firstName').execute();
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

/** The children of a parent who are pupils of the box's group. */
export async function childrenInGroup(db: Db, actor: Actor, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .select('relativeLinks.studentId')
    .where('relativeLinks.relativeId', '=', actor.personId)
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .execute();
  return rows.map((r) => r.studentId);
}

/**
 * A pupil hands in files, replacing an earlier hand-in while the box is open. Returns the
 * blob keys that are no longer used (the caller deletes them once the transaction is done).
 */
export async function handIn(
  db: Db,
  actor: Actor,
  boxId: string,
  files: StoredFile[],
  now = new Date(),
): Promise<{ handInId: string; late: boolean; oldBlobs: string[] }> {
  const { box, role } = await boxFor(db, actor, boxId);
  if (role !== 'student') throw new NotFound();
  if (files.length === 0) throw new InvalidInput([{ field: 'files', message: t('boxes.error.no_files') }], 'boxes.no_files');
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('handIns').select(['id']).where('boxId', '=', box.id).where('studentId', '=', actor.personId).executeTakeFirst();
    const window = handInWindow(box, !!existing, now);
    if (window === 'closed') throw new AppError(409, 'boxes.closed', t('boxes.error.closed'));
    const at = now.toISOString();
    const late = window === 'late';
    let handInId: string;
    let oldBlobs: string[] = [];
    if (existing) {
      handInId = existing.id;
      oldBlobs = (await trx.selectFrom('handInFiles').select('blobKey').where('handInId', '=', handInId).execute()).map((f) => f.blobKey);
      await trx.deleteFrom('handInFiles').where('handInId', '=', handInId).execute();
      await trx
        .updateTable('handIns')
        .set({ submittedAt: at, late: late ? 1 : 0 })
        .where('id', '=', handInId)
        .execute();
    } else {
      handInId = newId();
      await trx
        .insertInto('handIns')
        .values({ id: handInId, boxId: box.id, studentId: actor.personId, submittedAt: at, late: late ? 1 : 0 })
        .execute();
    }
    const rows = files.map((f) => ({
      id: newId(),
      handInId,
      fileName: f.fileName,
      blobKey: f.key,
      size: f.size,
      sha256: f.sha256,
      contentType: f.contentType,
      createdAt: at,
    }));
    for (let i = 0; i < rows.length; i += 50)
      await trx
        .insertInto('handInFiles')
        .values(rows.slice(i, i + 50))
        .execute();
    return { handInId, late, oldBlobs };
  });
}

/** A hand-in file the actor may download: the group's teachers, or the pupil who handed it in. */
export async function handInFileFor(db: Db, actor: Actor, fileId: string) {
  const row = await db
    .selectFrom('handInFiles')
    .innerJoin('handIns', 'handIns.id', 'handInFiles.handInId')
    .selectAll('handInFiles')
    .select(['handIns.studentId', 'handIns.boxId'])
    .where('handInFiles.id', '=', fileId)
    .executeTakeFirst();
  if (!row) throw new NotFound();
  const { role } = await boxFor(db, actor, row.boxId);
  if (role !== 'teacher' && row.studentId !== actor.personId) throw new NotFound();
  return row;
}

/** A returned file: the group's teachers or the pupil it was returned to. */
export async function returnFileFor(db: Db, actor: Actor, returnId: string) {
  const row = await db
    .selectFrom('handInReturns')
    .innerJoin('handIns', 'handIns.id', 'handInReturns.handInId')
    .selectAll('handInReturns')
    .select(['handIns.studentId', 'handIns.boxId'])
    .where('handInReturns.id', '=', returnId)
    .executeTakeFirst();
  if (!row || !row.blobKey) throw new NotFound();
  const { role } = await boxFor(db, actor, row.boxId);
  if (role !== 'teacher' && row.studentId !== actor.personId) throw new NotFound();
  return row;
}

/** The teacher returns a hand-in with a comment and maybe a corrected file. */
export async function returnHandIn(db: Db, actor: Actor, handInId: string, comment: string, file: StoredFile | null): Promise<string> {
  const handIn = await db.selectFrom('handIns').select(['id', 'boxId']).where('id', '=', handInId).executeTakeFirst();
  if (!handIn) throw new NotFound();
  const { role } = await boxFor(db, actor, handIn.boxId);
  if (role !== 'teacher') throw new NotFound();
  const text = comment.trim();
  if ((text === '' && !file) || text.length > 5000) throw new InvalidInput([{ field: 'comment', message: t('boxes.error.comment') }], 'boxes.bad_return');
  const id = newId();
  await db
    .insertInto('handInReturns')
    .values({
      id,
      handInId,
      teacherId: actor.personId,
      comment: text,
      fileName: file?.fileName ?? null,
      blobKey: file?.key ?? null,
      size: file?.size ?? 0,
      sha256: file?.sha256 ?? null,
      contentType: file?.contentType ?? null,
      createdAt: nowIso(),
    })
    .execute();
  return id;
}

/** Files of every hand-in of a box, for the zip, named by pupil. */
export async function zipEntries(db: Db, box: Box) {
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
    .where('handIns.boxId', '=', box.id)
    .orderBy('people.lastName')
    .orderBy('people.firstName')
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
