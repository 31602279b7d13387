// Database side of the ONDE import: the structure's current state in a few queries, free
// logins in batches, and every change written in chunks (both engines cap bound parameters).
import type { Insertable } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import type { ImportRunsTable, PeopleTable, StructureMembersTable } from '../tables.js';

/** A person of the structure as the import compares them with the export, with their membership. */
export type Existing = Pick<
  PeopleTable,
  'id' | 'profile' | 'civility' | 'firstName' | 'lastName' | 'usageName' | 'birthDate' | 'sex' | 'email' | 'phone' | 'address' | 'photoConsent' | 'status'
> &
  Pick<StructureMembersTable, 'importKey' | 'source' | 'active'>;

export interface LinkKey {
  relativeId: string;
  studentId: string;
}

const CHUNK = 500;
export function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** What exists in the structure: members with their people, the year's groups and class memberships, links, director roles. */
export async function loadState(db: Db, structureId: string, schoolYear: string) {
  const members: Existing[] = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select([
      'people.id',
      'people.profile',
      'people.civility',
      'people.firstName',
      'people.lastName',
      'people.usageName',
      'people.birthDate',
      'people.sex',
      'people.email',
      'people.phone',
      'people.address',
      'people.photoConsent',
      'people.status',
      'structureMembers.importKey',
      'structureMembers.source',
      'structureMembers.active',
    ])
    .where('structureMembers.structureId', '=', structureId)
    .execute();
  const groups = await db
    .selectFrom('groups')
    .select(['id', 'name', 'kind', 'level', 'source'])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .execute();
  const memberships = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .select(['groupMembers.groupId', 'groupMembers.personId', 'groupMembers.role'])
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', schoolYear)
    .where('groups.kind', '=', 'class')
    .execute();
  const links = await db
    .selectFrom('relativeLinks')
    .innerJoin('structureMembers', 'structureMembers.personId', 'relativeLinks.relativeId')
    .select(['relativeLinks.relativeId', 'relativeLinks.studentId', 'relativeLinks.legalGuardian', 'relativeLinks.source'])
    .where('structureMembers.structureId', '=', structureId)
    .execute();
  const directors = await db
    .selectFrom('structureRoles')
    .select(['personId', 'source'])
    .where('structureId', '=', structureId)
    .where('role', '=', 'director')
    .execute();

  return { members, groups, memberships, links, directors };
}

export { allocateLogins } from '../logins.js';

export interface Changes {
  structureId: string;
  schoolYear: string;
  now: string;
  newGroups: { id: string; name: string; level: string | null }[];
  groupUpdates: { id: string; name: string; level: string | null }[];
  peopleIn: Insertable<PeopleTable>[];
  peopleChanged: { id: string; set: Record<string, unknown> }[];
  membersIn: { personId: string; importKey: string }[];
  membersChanged: { id: string; importKey: string; active: number }[];
  /** People whose membership of the structure ends. */
  leaving: string[];
  membershipsOut: { groupId: string; personId: string }[];
  membershipsIn: { groupId: string; personId: string; role: 'student' | 'teacher' }[];
  directorsIn: string[];
  directorsOut: string[];
  linksIn: LinkKey[];
  linksGuardian: LinkKey[];
  linksOut: LinkKey[];
}

/** Writes a planned import: parents of rows first (groups, people), then what refers to them. */
export async function applyChanges(db: Db, c: Changes): Promise<void> {
  const { structureId, schoolYear, now } = c;
  for (const part of chunks(c.newGroups)) {
    await db
      .insertInto('groups')
      .values(part.map((g) => ({ ...g, structureId, schoolYear, kind: 'class' as const, source: 'onde' as const, createdAt: now })))
      .execute();
  }
  for (const g of c.groupUpdates) {
    await db.updateTable('groups').set({ name: g.name, level: g.level, kind: 'class', source: 'onde' }).where('id', '=', g.id).execute();
  }
  for (const part of chunks(c.peopleIn, 400)) await db.insertInto('people').values(part).execute();
  for (const p of c.peopleChanged) await db.updateTable('people').set(p.set).where('id', '=', p.id).execute();
  for (const part of chunks(c.membersIn)) {
    await db
      .insertInto('structureMembers')
      .values(part.map((x) => ({ structureId, personId: x.personId, active: 1, importKey: x.importKey, source: 'onde' as const, createdAt: now })))
      .execute();
  }
  for (const x of c.membersChanged) {
    await db
      .updateTable('structureMembers')
      .set({ importKey: x.importKey, active: x.active })
      .where('structureId', '=', structureId)
      .where('personId', '=', x.id)
      .execute();
  }
  await deactivate(db, structureId, c.leaving, now);

  const outByGroup = new Map<string, string[]>();
  for (const x of c.membershipsOut) outByGroup.set(x.groupId, [...(outByGroup.get(x.groupId) ?? []), x.personId]);
  for (const [groupId, ids] of outByGroup) {
    for (const part of chunks(ids)) await db.deleteFrom('groupMembers').where('groupId', '=', groupId).where('personId', 'in', part).execute();
  }
  for (const part of chunks(c.membershipsIn)) await db.insertInto('groupMembers').values(part).execute();

  for (const part of chunks(c.directorsOut)) {
    await db.deleteFrom('structureRoles').where('structureId', '=', structureId).where('role', '=', 'director').where('personId', 'in', part).execute();
  }
  if (c.directorsIn.length > 0) {
    await db
      .insertInto('structureRoles')
      .values(c.directorsIn.map((personId) => ({ structureId, personId, role: 'director' as const, source: 'onde' as const })))
      .execute();
  }

  for (const part of chunks(c.linksIn)) {
    await db
      .insertInto('relativeLinks')
      .values(part.map((l) => ({ ...l, legalGuardian: 1, source: 'onde' as const })))
      .execute();
  }
  for (const l of c.linksGuardian) {
    await db.updateTable('relativeLinks').set({ legalGuardian: 1 }).where('relativeId', '=', l.relativeId).where('studentId', '=', l.studentId).execute();
  }
  for (const l of c.linksOut) {
    await db.deleteFrom('relativeLinks').where('relativeId', '=', l.relativeId).where('studentId', '=', l.studentId).execute();
  }
}

/**
 * Ends people's membership of the structure; those left with no active membership anywhere are
 * deactivated (records kept, sessions ended).
 */
async function deactivate(db: Db, structureId: string, ids: string[], now: string): Promise<void> {
  for (const part of chunks(ids)) {
    await db.updateTable('structureMembers').set({ active: 0 }).where('structureId', '=', structureId).where('personId', 'in', part).execute();
    const elsewhere = await db.selectFrom('structureMembers').select('personId').where('personId', 'in', part).where('active', '=', 1).execute();
    const kept = new Set(elsewhere.map((r) => r.personId));
    const gone = part.filter((id) => !kept.has(id));
    if (gone.length === 0) continue;
    await db
      .updateTable('people')
      .set({ status: 'deactivated', deactivatedAt: now, updatedAt: now })
      .where('id', 'in', gone)
      .where('status', '=', 'active')
      .execute();
    await db.deleteFrom('sessions').where('personId', 'in', gone).execute();
  }
}

export async function structureExists(db: Db, structureId: string): Promise<boolean> {
  return !!(await db.selectFrom('structures').select('id').where('id', '=', structureId).executeTakeFirst());
}

export async function insertImportRun(db: Db, run: Insertable<ImportRunsTable>): Promise<void> {
  await db.insertInto('importRuns').values(run).execute();
}

/** A structure's last runs, newest first. */
export async function lastRuns(db: Db, structureId: string, limit: number) {
  return db.selectFrom('importRuns').selectAll().where('structureId', '=', structureId).orderBy('startedAt', 'desc').orderBy('id').limit(limit).execute();
}

/** The stored report (JSON) of one run of the structure, or null. */
export async function findRunReport(db: Db, structureId: string, runId: string): Promise<string | null> {
  const row = await db.selectFrom('importRuns').select('report').where('id', '=', runId).where('structureId', '=', structureId).executeTakeFirst();
  return row?.report ?? null;
}
