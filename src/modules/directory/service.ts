import type { Actor, Profile, StructureRole } from '../../kernel/authz/index.js';
import { Forbidden, NotFound, authorize } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { flag, newId, nowIso } from '../../kernel/db/index.js';
import { Problems } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit.js';
import { activationCode } from '../../kernel/auth/tokens.js';
import { destroyPersonSessions } from '../../kernel/auth/sessions.js';
import { t } from './i18n/fr.js';
import { allocateLogin } from './logins.js';
import { managesStructure } from './policy.js';
import * as repo from './repository.js';
import type { StructureKind } from './tables.js';

export const UAI_PATTERN = /^\d{7}[A-Z]$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isRealDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export const clean = (value: string | null | undefined) => {
  const v = (value ?? '').trim().replace(/\s+/g, ' ');
  return v === '' ? null : v;
};

export interface StructureInput {
  kind: StructureKind;
  name: string;
  uai?: string | null;
  parentId?: string | null;
}

export async function createStructure(db: Db, actor: Actor, input: StructureInput) {
  if (!actor.isSuperAdmin) throw new Forbidden();
  const name = clean(input.name);
  const uai = clean(input.uai)?.toUpperCase() ?? null;
  const problems = new Problems().check(!!name, 'name', t('directory.error.name'));
  if (input.kind !== 'municipality') problems.check(!!uai && UAI_PATTERN.test(uai), 'uai', t('directory.error.uai'));
  else problems.check(!uai || UAI_PATTERN.test(uai), 'uai', t('directory.error.uai'));
  if (uai && UAI_PATTERN.test(uai) && (await repo.findStructureByUai(db, uai))) problems.add('uai', t('directory.error.uai_taken'));
  if (input.parentId) {
    const parent = await repo.findStructure(db, input.parentId);
    problems.check(parent?.kind === 'municipality', 'parentId', t('directory.error.parent'));
  }
  problems.throwIfAny();
  const structure = { id: newId(), kind: input.kind, name: name!, uai, parentId: input.parentId || null, createdAt: nowIso() };
  await db.insertInto('structures').values(structure).execute();
  await audit(db, { action: 'structure.create', actorId: actor.personId, structureId: structure.id, details: { name: structure.name, uai } });
  return structure;
}

export interface PersonInput {
  profile: Profile;
  civility?: string | null;
  firstName: string;
  lastName: string;
  usageName?: string | null;
  birthDate?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Class to put a pupil or a teacher in (current school year). */
  classId?: string | null;
}

function checkPerson(input: Omit<PersonInput, 'profile' | 'classId'>, problems: Problems) {
  problems.check(!!clean(input.firstName), 'firstName', t('directory.error.first_name'));
  problems.check(!!clean(input.lastName), 'lastName', t('directory.error.last_name'));
  const email = clean(input.email);
  problems.check(!email || EMAIL_PATTERN.test(email), 'email', t('directory.error.email'));
  const birthDate = clean(input.birthDate);
  problems.check(!birthDate || isRealDate(birthDate), 'birthDate', t('directory.error.birth_date'));
}

export function requireManager(actor: Actor, structureId: string | null): asserts structureId is string {
  if (!structureId) throw new Forbidden(t('directory.error.no_structure'));
  if (!managesStructure(actor, structureId)) throw new Forbidden();
}

/** A class of the given structure, or a field problem. */
async function classIn(db: Db, structureId: string, classId: string | null | undefined, problems: Problems) {
  if (!classId) return null;
  const group = await repo.findGroup(db, classId);
  if (!group || group.structureId !== structureId) {
    problems.add('classId', t('directory.error.class'));
    return null;
  }
  return group;
}

export async function createPerson(db: Db, actor: Actor, structureId: string | null, input: PersonInput) {
  requireManager(actor, structureId);
  const problems = new Problems();
  checkPerson(input, problems);
  const group = await classIn(db, structureId, input.classId, problems);
  problems.throwIfAny();
  const now = nowIso();
  const person = {
    id: newId(),
    profile: input.profile,
    civility: clean(input.civility),
    firstName: clean(input.firstName)!,
    lastName: clean(input.lastName)!,
    usageName: clean(input.usageName),
    birthDate: clean(input.birthDate),
    sex: null,
    email: clean(input.email)?.toLowerCase() ?? null,
    phone: clean(input.phone),
    address: null,
    login: '',
    passwordHash: null,
    activationCode: activationCode(),
    activatedAt: null,
    charterAcceptedAt: null,
    photoConsent: null,
    isSuperAdmin: 0,
    status: 'active' as const,
    searchKey: '',
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  };
  person.searchKey = repo.searchKeyOf(person);
  await db.transaction().execute(async (trx) => {
    person.login = await allocateLogin(trx, person.firstName, person.lastName);
    await trx.insertInto('people').values(person).execute();
    await trx
      .insertInto('structureMembers')
      .values({ structureId, personId: person.id, active: 1, importKey: null, source: 'manual', createdAt: now })
      .execute();
    if (group) {
      const role = input.profile === 'teacher' ? 'teacher' : 'student';
      await trx.insertInto('groupMembers').values({ groupId: group.id, personId: person.id, role }).execute();
    }
  });
  await audit(db, { action: 'person.create', actorId: actor.personId, subjectId: person.id, structureId });
  return person;
}

/** Structures of a person that the actor manages; empty when the actor manages none of them. */
async function managedStructuresOf(db: Db, actor: Actor, personId: string) {
  const structures = await repo.personStructures(db, personId);
  return structures.filter((s) => managesStructure(actor, s.id));
}

/** The person, if the actor manages one of their structures; otherwise not found. */
export async function managedPerson(db: Db, actor: Actor, personId: string) {
  const person = await repo.findPerson(db, personId);
  const managed = person ? await managedStructuresOf(db, actor, personId) : [];
  authorize(() => managed.length > 0 || actor.isSuperAdmin, person);
  return { person, managed };
}

export async function updatePerson(db: Db, actor: Actor, personId: string, input: Omit<PersonInput, 'profile' | 'classId'>) {
  const { person } = await managedPerson(db, actor, personId);
  const problems = new Problems();
  checkPerson(input, problems);
  problems.throwIfAny();
  const changes = {
    civility: clean(input.civility),
    firstName: clean(input.firstName)!,
    lastName: clean(input.lastName)!,
    usageName: clean(input.usageName),
    birthDate: clean(input.birthDate),
    email: clean(input.email)?.toLowerCase() ?? null,
    phone: clean(input.phone),
    updatedAt: nowIso(),
  };
  await db
    .updateTable('people')
    .set({ ...changes, searchKey: repo.searchKeyOf(changes) })
    .where('id', '=', person.id)
    .execute();
  await audit(db, { action: 'person.update', actorId: actor.personId, subjectId: person.id });
}

/** Deactivation keeps every record; the person can no longer log in. */
export async function setPersonActive(db: Db, actor: Actor, personId: string, active: boolean) {
  const { person } = await managedPerson(db, actor, personId);
  if (person.id === actor.personId && !active) throw new Forbidden();
  const now = nowIso();
  await db
    .updateTable('people')
    .set({ status: active ? 'active' : 'deactivated', deactivatedAt: active ? null : now, updatedAt: now })
    .where('id', '=', person.id)
    .execute();
  if (!active) await destroyPersonSessions(db, person.id);
  await audit(db, { action: active ? 'person.reactivate' : 'person.deactivate', actorId: actor.personId, subjectId: person.id });
}

/** Moves a pupil into a class of the same structure and year, out of the other classes of that year. */
export async function movePupil(db: Db, actor: Actor, studentId: string, classId: string) {
  const { person, managed } = await managedPerson(db, actor, studentId);
  const problems = new Problems().check(person.profile === 'student', 'classId', t('directory.error.not_student'));
  const group = await repo.findGroup(db, classId);
  const allowed = !!group && group.kind === 'class' && managed.some((s) => s.id === group.structureId);
  problems.check(allowed, 'classId', t('directory.error.class'));
  problems.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const sameYear = trx
      .selectFrom('groups')
      .select('id')
      .where('structureId', '=', group!.structureId)
      .where('schoolYear', '=', group!.schoolYear)
      .where('kind', '=', 'class');
    await trx.deleteFrom('groupMembers').where('personId', '=', studentId).where('groupId', 'in', sameYear).execute();
    await trx.insertInto('groupMembers').values({ groupId: group!.id, personId: studentId, role: 'student' }).execute();
  });
  await audit(db, { action: 'person.move', actorId: actor.personId, subjectId: studentId, structureId: group!.structureId, details: { classId } });
}

export async function linkRelative(db: Db, actor: Actor, relativeId: string, studentId: string, legalGuardian: boolean) {
  const [relative, student] = await Promise.all([managedPerson(db, actor, relativeId), managedPerson(db, actor, studentId)]);
  if (relative.person.profile !== 'relative' || student.person.profile !== 'student') {
    new Problems().add('studentId', t('directory.error.not_relative')).throwIfAny();
  }
  const existing = await db
    .selectFrom('relativeLinks')
    .select('relativeId')
    .where('relativeId', '=', relativeId)
    .where('studentId', '=', studentId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('relativeLinks')
      .set({ legalGuardian: flag(legalGuardian) })
      .where('relativeId', '=', relativeId)
      .where('studentId', '=', studentId)
      .execute();
  } else {
    await db
      .insertInto('relativeLinks')
      .values({ relativeId, studentId, legalGuardian: flag(legalGuardian), source: 'manual' })
      .execute();
    // A parent follows their child's school.
    for (const s of student.managed) {
      await db
        .insertInto('structureMembers')
        .values({ structureId: s.id, personId: relativeId, active: 1, importKey: null, source: 'manual', createdAt: nowIso() })
        .onConflict((oc) => oc.columns(['structureId', 'personId']).doUpdateSet({ active: 1 }))
        .execute();
    }
  }
  await audit(db, { action: 'person.link', actorId: actor.personId, subjectId: relativeId, details: { studentId, legalGuardian } });
}

/** New activation code, password removed, sessions ended: the person starts over at first login. */
export async function issueActivationCode(db: Db, personId: string): Promise<string> {
  const code = activationCode();
  await db.updateTable('people').set({ activationCode: code, passwordHash: null, activatedAt: null, updatedAt: nowIso() }).where('id', '=', personId).execute();
  await destroyPersonSessions(db, personId);
  return code;
}

export async function resetAccess(db: Db, actor: Actor, personId: string, ip: string | null = null) {
  const { person } = await managedPerson(db, actor, personId);
  const code = await issueActivationCode(db, person.id);
  await audit(db, { action: 'account.reset', actorId: actor.personId, subjectId: person.id, ip });
  return code;
}

/**
 * Sets a person's roles in one structure the actor manages. Nobody removes their own roles, so a
 * school always keeps the manager who is acting.
 */
export async function setRoles(db: Db, actor: Actor, personId: string, structureId: string, roles: StructureRole[]) {
  const { person, managed } = await managedPerson(db, actor, personId);
  if (!managed.some((s) => s.id === structureId) && !(actor.isSuperAdmin && (await repo.personStructures(db, personId)).some((s) => s.id === structureId))) {
    new Problems().add('structureId', t('directory.error.no_structure')).throwIfAny();
  }
  if (person.id === actor.personId && !actor.isSuperAdmin) throw new Forbidden(t('directory.error.own_roles'));
  const wanted = [...new Set(roles)];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('structureRoles').where('structureId', '=', structureId).where('personId', '=', person.id).execute();
    if (wanted.length > 0)
      await trx
        .insertInto('structureRoles')
        .values(wanted.map((role) => ({ structureId, personId: person.id, role, source: 'manual' as const })))
        .execute();
  });
  await audit(db, { action: 'person.roles', actorId: actor.personId, subjectId: person.id, structureId, details: { roles: wanted } });
}

/** What the actor may see of a person: identity always; contact details and account state for managers. */
export async function personDetail(db: Db, actor: Actor, personId: string, year: string) {
  if (!(await repo.canSeePerson(db, actor, personId, year))) throw new NotFound();
  const person = (await repo.findPerson(db, personId))!;
  const managed = (await managedStructuresOf(db, actor, personId)).length > 0 || actor.isSuperAdmin;
  const self = person.id === actor.personId;
  const [structures, groups, children, relatives, roles] = await Promise.all([
    repo.personStructures(db, personId),
    repo.personGroups(db, personId, year),
    person.profile === 'relative' ? repo.childrenOf(db, personId) : Promise.resolve([]),
    person.profile === 'student' && (managed || self || actor.profile === 'teacher') ? repo.relativesOf(db, [personId]) : Promise.resolve([]),
    db.selectFrom('structureRoles').select(['structureId', 'role']).where('personId', '=', personId).execute(),
  ]);
  const visibleChildren = [];
  for (const child of children) if (managed || self || (await repo.canSeePerson(db, actor, child.id, year))) visibleChildren.push(child);
  const contact = managed || self || (actor.profile === 'teacher' && person.profile === 'relative');
  return {
    id: person.id,
    profile: person.profile,
    civility: person.civility,
    firstName: person.firstName,
    lastName: person.lastName,
    usageName: person.usageName,
    displayName: repo.displayName(person),
    status: person.status,
    birthDate: managed || self ? person.birthDate : null,
    email: contact ? person.email : null,
    phone: contact ? person.phone : null,
    login: managed || self ? person.login : null,
    account: managed ? { activated: !!person.activatedAt, activationCode: person.activationCode } : null,
    managed,
    structures: structures
      .filter((s) => s.active === 1 || managed)
      .map((s) => ({ id: s.id, name: s.name, kind: s.kind, active: s.active === 1, roles: roles.filter((r) => r.structureId === s.id).map((r) => r.role) })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      level: g.level,
      role: g.role,
      structureId: g.structureId,
      structureName: g.structureName,
    })),
    children: visibleChildren.map((c) => ({ id: c.id, displayName: c.displayName, legalGuardian: c.legalGuardian })),
    relatives: relatives.map((r) => ({
      id: r.id,
      displayName: r.displayName,
      legalGuardian: r.legalGuardian,
      email: managed || actor.profile === 'teacher' ? r.email : null,
      phone: managed || actor.profile === 'teacher' ? r.phone : null,
    })),
  };
}

export type PersonDetail = Awaited<ReturnType<typeof personDetail>>;

export async function structuresFor(db: Db, actor: Actor) {
  const structures = await repo.listStructures(db, actor.isSuperAdmin ? 'all' : actor.structures.map((s) => s.id));
  return structures;
}

export async function structureDetail(db: Db, actor: Actor, structureId: string, year: string) {
  const structure = await repo.findStructure(db, structureId);
  authorize((s) => actor.isSuperAdmin || actor.structures.some((x) => x.id === s.id), structure);
  const counts = managesStructure(actor, structureId) ? await repo.structureCounts(db, structureId, year) : null;
  return { ...structure, counts };
}

export * from './classes-service.js';
