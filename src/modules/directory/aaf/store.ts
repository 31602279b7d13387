// Database side of the AAF import: what the feed's structures and people already are, in a few
// batched queries, and the planned changes written in chunks (both engines cap bound parameters).
import type { Insertable } from 'kysely';
import type { Db } from '../../../kernel/db/index.js';
import { chunks } from '../onde/store.js';
import type {
  AafPeopleTable,
  AafRunsTable,
  GroupsTable,
  PeopleTable,
  StructureKind,
  StructuresTable,
  DirectorySubjectsTable,
  TeachingAssignmentsTable,
  GroupRolesTable,
  StudentContactsTable,
} from '../tables.js';

export { chunks };

export { allocateLogins } from '../logins.js';

/** A person as the import compares them with the feed. */
export type KnownPerson = Pick<
  PeopleTable,
  'id' | 'profile' | 'civility' | 'firstName' | 'lastName' | 'usageName' | 'birthDate' | 'email' | 'phone' | 'address' | 'status'
> &
  Pick<AafPeopleTable, 'jointure' | 'category' | 'mefCode' | 'mefLabel' | 'regime' | 'transport' | 'otherFirstNames'>;

const PERSON_COLUMNS = [
  'people.id',
  'people.profile',
  'people.civility',
  'people.firstName',
  'people.lastName',
  'people.usageName',
  'people.birthDate',
  'people.email',
  'people.phone',
  'people.address',
  'people.status',
] as const;

/** Structures known to the feed (by jointure) and those with one of the feed's UAIs. */
export async function loadStructures(db: Db, uais: string[]) {
  const known = await db
    .selectFrom('aafStructures')
    .innerJoin('structures', 'structures.id', 'aafStructures.structureId')
    .select([
      'aafStructures.jointure',
      'aafStructures.academy',
      'aafStructures.address',
      'structures.id',
      'structures.name',
      'structures.kind',
      'structures.uai',
    ])
    .execute();
  const byUai: Pick<StructuresTable, 'id' | 'name' | 'kind' | 'uai'>[] = [];
  for (const part of chunks(uais)) byUai.push(...(await db.selectFrom('structures').select(['id', 'name', 'kind', 'uai']).where('uai', 'in', part).execute()));
  return { known, byUai };
}

export async function insertStructure(db: Db, s: Insertable<StructuresTable>, jointure: string, academy: string | null, address: string | null) {
  await db.insertInto('structures').values(s).execute();
  await db.insertInto('aafStructures').values({ jointure, structureId: s.id, academy, address }).execute();
}

export async function attachStructure(db: Db, structureId: string, jointure: string, academy: string | null, address: string | null) {
  await db.deleteFrom('aafStructures').where('structureId', '=', structureId).execute();
  await db.insertInto('aafStructures').values({ jointure, structureId, academy, address }).execute();
}

export async function updateStructure(
  db: Db,
  id: string,
  set: { name: string; kind: StructureKind },
  jointure: string,
  academy: string | null,
  address: string | null,
) {
  await db.updateTable('structures').set(set).where('id', '=', id).execute();
  await db.updateTable('aafStructures').set({ academy, address }).where('jointure', '=', jointure).execute();
}

/** The year's groups of the structures (names, for collisions) and those the feed made (codes). */
export async function loadGroups(db: Db, structureIds: string[], schoolYear: string) {
  const groups: Pick<GroupsTable, 'id' | 'structureId' | 'name' | 'kind' | 'level'>[] = [];
  const codes: { groupId: string; structureId: string; kind: 'class' | 'teaching'; code: string }[] = [];
  for (const part of chunks(structureIds)) {
    groups.push(
      ...(await db
        .selectFrom('groups')
        .select(['id', 'structureId', 'name', 'kind', 'level'])
        .where('structureId', 'in', part)
        .where('schoolYear', '=', schoolYear)
        .execute()),
    );
    codes.push(
      ...(await db
        .selectFrom('aafGroups')
        .select(['groupId', 'structureId', 'kind', 'code'])
        .where('structureId', 'in', part)
        .where('schoolYear', '=', schoolYear)
        .execute()),
    );
  }
  return { groups, codes };
}

/** People of the feed already known, by jointure. */
export async function loadPeople(db: Db, jointures: string[]): Promise<KnownPerson[]> {
  const out: KnownPerson[] = [];
  for (const part of chunks(jointures)) {
    out.push(
      ...(await db
        .selectFrom('aafPeople')
        .innerJoin('people', 'people.id', 'aafPeople.personId')
        .select([
          ...PERSON_COLUMNS,
          'aafPeople.jointure',
          'aafPeople.category',
          'aafPeople.mefCode',
          'aafPeople.mefLabel',
          'aafPeople.regime',
          'aafPeople.transport',
          'aafPeople.otherFirstNames',
        ])
        .where('aafPeople.jointure', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** Pupils born on these days who have no AAF id yet (imported from ONDE, or created by hand). */
export async function pupilsWithoutJointure(db: Db, birthDates: string[]) {
  const out: Pick<
    PeopleTable,
    'id' | 'firstName' | 'lastName' | 'usageName' | 'birthDate' | 'civility' | 'email' | 'phone' | 'address' | 'status' | 'profile'
  >[] = [];
  for (const part of chunks(birthDates)) {
    out.push(
      ...(await db
        .selectFrom('people')
        .leftJoin('aafPeople', 'aafPeople.personId', 'people.id')
        .select([...PERSON_COLUMNS])
        .where('people.profile', '=', 'student')
        .where('people.birthDate', 'in', part)
        .where('aafPeople.jointure', 'is', null)
        .execute()),
    );
  }
  return out;
}

/** Memberships of these people, in any structure. */
export async function membershipsOf(db: Db, personIds: string[]) {
  const out: { structureId: string; personId: string; active: number; source: string }[] = [];
  for (const part of chunks(personIds)) {
    out.push(...(await db.selectFrom('structureMembers').select(['structureId', 'personId', 'active', 'source']).where('personId', 'in', part).execute()));
  }
  return out;
}

/** Active members the feed brought into these structures, with their category: who may leave in a `Complet`. */
export async function feedMembers(db: Db, structureIds: string[]) {
  const out: { structureId: string; personId: string; category: AafPeopleTable['category'] }[] = [];
  for (const part of chunks(structureIds)) {
    out.push(
      ...(await db
        .selectFrom('structureMembers')
        .innerJoin('aafPeople', 'aafPeople.personId', 'structureMembers.personId')
        .select(['structureMembers.structureId', 'structureMembers.personId', 'aafPeople.category'])
        .where('structureMembers.structureId', 'in', part)
        .where('structureMembers.source', '=', 'aaf')
        .where('structureMembers.active', '=', 1)
        .execute()),
    );
  }
  return out;
}

/** What links the feed's groups of the year: members, teaching assignments, main teachers. */
export async function loadGroupLinks(db: Db, groupIds: string[]) {
  const members: { groupId: string; personId: string; role: 'student' | 'teacher' }[] = [];
  const teaching: { groupId: string; personId: string; subjectCode: string }[] = [];
  const mains: { groupId: string; personId: string }[] = [];
  for (const part of chunks(groupIds)) {
    members.push(...(await db.selectFrom('groupMembers').select(['groupId', 'personId', 'role']).where('groupId', 'in', part).execute()));
    teaching.push(...(await db.selectFrom('teachingAssignments').select(['groupId', 'personId', 'subjectCode']).where('groupId', 'in', part).execute()));
    mains.push(...(await db.selectFrom('groupRoles').select(['groupId', 'personId']).where('groupId', 'in', part).where('role', '=', 'mainTeacher').execute()));
  }
  return { members, teaching, mains };
}

export async function loadSubjects(db: Db, structureIds: string[]) {
  const out: Pick<DirectorySubjectsTable, 'structureId' | 'code' | 'label'>[] = [];
  for (const part of chunks(structureIds))
    out.push(...(await db.selectFrom('directorySubjects').select(['structureId', 'code', 'label']).where('structureId', 'in', part).execute()));
  return out;
}

export async function loadDirectors(db: Db, structureIds: string[]) {
  const out: { structureId: string; personId: string; source: string }[] = [];
  for (const part of chunks(structureIds)) {
    out.push(
      ...(await db
        .selectFrom('structureRoles')
        .select(['structureId', 'personId', 'source'])
        .where('structureId', 'in', part)
        .where('role', '=', 'director')
        .execute()),
    );
  }
  return out;
}

/** Links and contacts of these pupils. */
export async function loadFamilies(db: Db, studentIds: string[]) {
  const links: { relativeId: string; studentId: string; legalGuardian: number; source: string }[] = [];
  const contacts: { relativeId: string; studentId: string; relation: string | null; source: string }[] = [];
  for (const part of chunks(studentIds)) {
    links.push(
      ...(await db.selectFrom('relativeLinks').select(['relativeId', 'studentId', 'legalGuardian', 'source']).where('studentId', 'in', part).execute()),
    );
    contacts.push(
      ...(await db.selectFrom('studentContacts').select(['relativeId', 'studentId', 'relation', 'source']).where('studentId', 'in', part).execute()),
    );
  }
  return { links, contacts };
}

type Pair = { groupId: string; personId: string };

export interface AafChanges {
  now: string;
  schoolYear: string;
  groupsIn: (Insertable<GroupsTable> & { code: string; aafKind: 'class' | 'teaching' })[];
  groupsChanged: { id: string; name: string; level: string | null }[];
  peopleIn: Insertable<PeopleTable>[];
  aafPeopleIn: Insertable<AafPeopleTable>[];
  peopleChanged: { id: string; set: Record<string, unknown> }[];
  aafPeopleChanged: { jointure: string; set: Record<string, unknown> }[];
  membersIn: { structureId: string; personId: string; importKey: string }[];
  membersBack: { structureId: string; personId: string; importKey: string }[];
  membersOut: { structureId: string; personId: string }[];
  /** People to set active again (a membership came back). */
  reactivated: string[];
  groupMembersIn: (Pair & { role: 'student' | 'teacher' })[];
  groupMembersOut: Pair[];
  subjectsIn: Insertable<DirectorySubjectsTable>[];
  subjectsChanged: { structureId: string; code: string; label: string }[];
  teachingIn: Insertable<TeachingAssignmentsTable>[];
  teachingOut: (Pair & { subjectCode: string })[];
  mainsIn: Insertable<GroupRolesTable>[];
  mainsOut: Pair[];
  directorsIn: { structureId: string; personId: string }[];
  directorsOut: { structureId: string; personId: string }[];
  linksIn: { relativeId: string; studentId: string; legalGuardian: number }[];
  linksChanged: { relativeId: string; studentId: string; legalGuardian: number }[];
  linksOut: { relativeId: string; studentId: string }[];
  contactsIn: Insertable<StudentContactsTable>[];
  contactsChanged: { relativeId: string; studentId: string; relation: string | null }[];
  contactsOut: { relativeId: string; studentId: string }[];
}

async function deletePairs(db: Db, table: 'groupMembers' | 'groupRoles', rows: Pair[], extra?: (q: any) => any) {
  const byGroup = new Map<string, string[]>();
  for (const r of rows) {
    const list = byGroup.get(r.groupId);
    if (list) list.push(r.personId);
    else byGroup.set(r.groupId, [r.personId]);
  }
  for (const [groupId, ids] of byGroup) {
    for (const part of chunks(ids)) {
      let q = db.deleteFrom(table).where('groupId', '=', groupId).where('personId', 'in', part);
      if (extra) q = extra(q);
      await q.execute();
    }
  }
}

/** Writes a planned run: structures are already written; groups and people first, then what refers to them. */
export async function applyAafChanges(db: Db, c: AafChanges): Promise<void> {
  const { now, schoolYear } = c;
  for (const part of chunks(c.groupsIn)) {
    await db
      .insertInto('groups')
      .values(part.map(({ code: _code, aafKind: _kind, ...g }) => g))
      .execute();
    await db
      .insertInto('aafGroups')
      .values(part.map((g) => ({ groupId: g.id, structureId: g.structureId, schoolYear, kind: g.aafKind, code: g.code })))
      .execute();
  }
  for (const g of c.groupsChanged) await db.updateTable('groups').set({ name: g.name, level: g.level }).where('id', '=', g.id).execute();

  for (const part of chunks(c.peopleIn, 400)) await db.insertInto('people').values(part).execute();
  for (const part of chunks(c.aafPeopleIn)) await db.insertInto('aafPeople').values(part).execute();
  for (const p of c.peopleChanged) await db.updateTable('people').set(p.set).where('id', '=', p.id).execute();
  for (const p of c.aafPeopleChanged) await db.updateTable('aafPeople').set(p.set).where('jointure', '=', p.jointure).execute();

  for (const part of chunks(c.membersIn)) {
    await db
      .insertInto('structureMembers')
      .values(part.map((m) => ({ ...m, active: 1, source: 'aaf' as const, createdAt: now })))
      .execute();
  }
  for (const m of c.membersBack) {
    await db
      .updateTable('structureMembers')
      .set({ active: 1, importKey: m.importKey, source: 'aaf' })
      .where('structureId', '=', m.structureId)
      .where('personId', '=', m.personId)
      .execute();
  }
  for (const part of chunks(c.reactivated)) {
    await db
      .updateTable('people')
      .set({ status: 'active', deactivatedAt: null, updatedAt: now })
      .where('id', 'in', part)
      .where('status', '=', 'deactivated')
      .execute();
  }
  const outByStructure = new Map<string, string[]>();
  for (const m of c.membersOut) {
    const list = outByStructure.get(m.structureId);
    if (list) list.push(m.personId);
    else outByStructure.set(m.structureId, [m.personId]);
  }
  for (const [structureId, ids] of outByStructure) {
    for (const part of chunks(ids)) {
      await db.updateTable('structureMembers').set({ active: 0 }).where('structureId', '=', structureId).where('personId', 'in', part).execute();
    }
  }
  await deactivateIfGone(db, [...new Set(c.membersOut.map((m) => m.personId))], now);

  await deletePairs(db, 'groupMembers', c.groupMembersOut);
  for (const part of chunks(c.groupMembersIn)) await db.insertInto('groupMembers').values(part).execute();

  for (const part of chunks(c.subjectsIn)) await db.insertInto('directorySubjects').values(part).execute();
  for (const s of c.subjectsChanged) {
    await db.updateTable('directorySubjects').set({ label: s.label }).where('structureId', '=', s.structureId).where('code', '=', s.code).execute();
  }
  for (const x of c.teachingOut) {
    await db
      .deleteFrom('teachingAssignments')
      .where('groupId', '=', x.groupId)
      .where('personId', '=', x.personId)
      .where('subjectCode', '=', x.subjectCode)
      .execute();
  }
  for (const part of chunks(c.teachingIn)) await db.insertInto('teachingAssignments').values(part).execute();
  await deletePairs(db, 'groupRoles', c.mainsOut, (q) => q.where('role', '=', 'mainTeacher'));
  for (const part of chunks(c.mainsIn)) await db.insertInto('groupRoles').values(part).execute();

  for (const d of c.directorsOut) {
    await db.deleteFrom('structureRoles').where('structureId', '=', d.structureId).where('personId', '=', d.personId).where('role', '=', 'director').execute();
  }
  for (const part of chunks(c.directorsIn)) {
    await db
      .insertInto('structureRoles')
      .values(part.map((d) => ({ ...d, role: 'director' as const, source: 'aaf' as const })))
      .execute();
  }

  for (const l of c.linksOut) await db.deleteFrom('relativeLinks').where('relativeId', '=', l.relativeId).where('studentId', '=', l.studentId).execute();
  for (const l of c.linksChanged) {
    await db
      .updateTable('relativeLinks')
      .set({ legalGuardian: l.legalGuardian })
      .where('relativeId', '=', l.relativeId)
      .where('studentId', '=', l.studentId)
      .execute();
  }
  for (const part of chunks(c.linksIn)) {
    await db
      .insertInto('relativeLinks')
      .values(part.map((l) => ({ ...l, source: 'aaf' as const })))
      .execute();
  }
  for (const l of c.contactsOut) await db.deleteFrom('studentContacts').where('relativeId', '=', l.relativeId).where('studentId', '=', l.studentId).execute();
  for (const l of c.contactsChanged) {
    await db.updateTable('studentContacts').set({ relation: l.relation }).where('relativeId', '=', l.relativeId).where('studentId', '=', l.studentId).execute();
  }
  for (const part of chunks(c.contactsIn)) await db.insertInto('studentContacts').values(part).execute();
}

/** People left with no active membership anywhere are deactivated (records kept, sessions ended). */
async function deactivateIfGone(db: Db, ids: string[], now: string): Promise<void> {
  for (const part of chunks(ids)) {
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

export async function insertRun(db: Db, run: Insertable<AafRunsTable>): Promise<void> {
  await db.insertInto('aafRuns').values(run).execute();
}

export async function lastRuns(db: Db, limit: number) {
  return db.selectFrom('aafRuns').selectAll().orderBy('startedAt', 'desc').orderBy('id').limit(limit).execute();
}

export async function findRun(db: Db, id: string) {
  return db.selectFrom('aafRuns').selectAll().where('id', '=', id).executeTakeFirst();
}
