import type { Actor, Profile, StructureRole } from '../../kernel/authz/index.js';
import { authorize, can, managesStructure } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { newId, nowIso } from '../../kernel/db/index.js';
import { Problems } from '../../kernel/http/errors.js';
import { isUuid } from '../../kernel/http/schemas.js';
import { audit } from '../../kernel/audit.js';
import { activationCode } from '../../kernel/auth/tokens.js';
import { destroyPersonSessions } from '../../kernel/auth/sessions.js';
import { currentYear, nowOf, type DirectoryDeps } from './deps.js';
import { groupStanding } from './groups-of.js';
import { t } from './i18n/fr.js';
import { managedStructureId, type PersonFacts } from './policy.js';
import { classChoices, classesOf } from './classes-service.js';
import * as repo from './repository.js';
import type { StructureKind } from './tables.js';

export type { DirectoryDeps };

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

export async function createStructure(deps: DirectoryDeps, actor: Actor, input: StructureInput) {
  authorize(actor, 'directory.structure.create', {});
  const { db } = deps;
  const name = clean(input.name);
  const uai = clean(input.uai)?.toUpperCase() ?? null;
  const problems = new Problems().check(!!name, 'name', t('directory.error.name'));
  if (input.kind !== 'municipality') problems.check(!!uai && UAI_PATTERN.test(uai), 'uai', t('directory.error.uai'));
  else problems.check(!uai || UAI_PATTERN.test(uai), 'uai', t('directory.error.uai'));
  if (uai && UAI_PATTERN.test(uai) && (await repo.findStructureByUai(db, uai))) problems.add('uai', t('directory.error.uai_taken'));
  if (input.parentId) {
    const parent = isUuid(input.parentId) ? await repo.findStructure(db, input.parentId) : undefined;
    problems.check(parent?.kind === 'municipality', 'parentId', t('directory.error.parent'));
  }
  problems.throwIfAny();
  const structure = { id: newId(), kind: input.kind, name: name!, uai, parentId: input.parentId || null, createdAt: nowOf(deps) };
  await repo.insertStructure(db, structure);
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

/** A class of the given structure and of the running year, or a field problem. */
async function classIn(deps: DirectoryDeps, structureId: string, classId: string | null | undefined, problems: Problems) {
  if (!classId) return null;
  const group = isUuid(classId) ? await repo.findGroup(deps.db, classId) : undefined;
  if (!group || group.structureId !== structureId || group.schoolYear !== currentYear(deps)) {
    problems.add('classId', t('directory.error.class'));
    return null;
  }
  return group;
}

export async function createPerson(deps: DirectoryDeps, actor: Actor, structureId: string | null, input: PersonInput) {
  authorize(actor, 'directory.person.create', structureId ? { structureId } : null);
  const problems = new Problems();
  checkPerson(input, problems);
  const group = await classIn(deps, structureId!, input.classId, problems);
  problems.throwIfAny();
  const now = nowOf(deps);
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
  const role = input.profile === 'teacher' ? 'teacher' : 'student';
  person.login = await repo.insertPerson(deps.db, person, { structureId: structureId!, createdAt: now }, group ? { groupId: group.id, role } : null);
  await audit(deps.db, { action: 'person.create', actorId: actor.personId, subjectId: person.id, structureId });
  return person;
}

/** The person and the facts rules read about them; null when there is no such person. */
export async function personFacts(deps: DirectoryDeps, actor: Actor, personId: string) {
  const standing = isUuid(personId) ? await repo.personStanding(deps.db, personId) : null;
  if (!standing) return null;
  const visible = await repo.canSeePerson(deps.db, actor, personId, currentYear(deps));
  const facts: PersonFacts = { personId, profile: standing.person.profile, structureIds: standing.structureIds, visible };
  return { person: standing.person, facts };
}

/** The person, if the actor manages one of their structures; otherwise not found. */
export async function managedPerson(deps: DirectoryDeps, actor: Actor, personId: string) {
  const found = await personFacts(deps, actor, personId);
  authorize(actor, 'directory.person.edit', found?.facts);
  return found!;
}

export async function updatePerson(deps: DirectoryDeps, actor: Actor, personId: string, input: Omit<PersonInput, 'profile' | 'classId'>) {
  const { person } = await managedPerson(deps, actor, personId);
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
    updatedAt: nowOf(deps),
  };
  await repo.updatePersonRow(deps.db, person.id, { ...changes, searchKey: repo.searchKeyOf(changes) });
  await audit(deps.db, { action: 'person.update', actorId: actor.personId, subjectId: person.id });
}

/** Deactivation keeps every record; the person can no longer log in. */
export async function setPersonActive(deps: DirectoryDeps, actor: Actor, personId: string, active: boolean) {
  const { person, facts } = await managedPerson(deps, actor, personId);
  if (!active) authorize(actor, 'directory.person.deactivate', facts);
  const now = nowOf(deps);
  await repo.updatePersonRow(deps.db, person.id, { status: active ? 'active' : 'deactivated', deactivatedAt: active ? null : now, updatedAt: now });
  if (!active) await destroyPersonSessions(deps.db, person.id);
  await audit(deps.db, { action: active ? 'person.reactivate' : 'person.deactivate', actorId: actor.personId, subjectId: person.id });
}

/** Moves a pupil into a class of the same structure and year, out of the other classes of that year. */
export async function movePupil(deps: DirectoryDeps, actor: Actor, studentId: string, classId: string) {
  const { person, facts } = await managedPerson(deps, actor, studentId);
  const problems = new Problems().check(person.profile === 'student', 'classId', t('directory.error.not_student'));
  const group = isUuid(classId) ? await repo.findGroup(deps.db, classId) : undefined;
  const inPersonsStructure = !!group && group.kind === 'class' && facts.structureIds.includes(group.structureId);
  problems.check(inPersonsStructure, 'classId', t('directory.error.class'));
  problems.throwIfAny();
  const target = await groupStanding(deps.db, actor.personId, group!.id, deps.clock.now());
  authorize(actor, 'directory.person.move', target && { person: facts, target });
  await repo.moveToClass(deps.db, studentId, group!);
  await audit(deps.db, { action: 'person.move', actorId: actor.personId, subjectId: studentId, structureId: group!.structureId, details: { classId } });
}

export async function linkRelative(deps: DirectoryDeps, actor: Actor, relativeId: string, studentId: string, legalGuardian: boolean) {
  const [relative, student] = await Promise.all([personFacts(deps, actor, relativeId), personFacts(deps, actor, studentId)]);
  authorize(actor, 'directory.link.create', relative && student && { relative: relative.facts, student: student.facts });
  if (relative!.person.profile !== 'relative' || student!.person.profile !== 'student') {
    new Problems().add('studentId', t('directory.error.not_relative')).throwIfAny();
  }
  // A parent follows their child's school: the ones of the child's schools the actor manages.
  const schools = student!.facts.structureIds.filter((id) => managesStructure(actor, id));
  await repo.upsertRelativeLink(deps.db, { relativeId, studentId, legalGuardian }, schools, nowOf(deps));
  await audit(deps.db, { action: 'person.link', actorId: actor.personId, subjectId: relativeId, details: { studentId, legalGuardian } });
}

/** New activation code, password removed, sessions ended: the person starts over at first login. */
export async function issueActivationCode(db: Db, personId: string, now = nowIso()): Promise<string> {
  const code = activationCode();
  await repo.updatePersonRow(db, personId, { activationCode: code, passwordHash: null, activatedAt: null, updatedAt: now });
  await destroyPersonSessions(db, personId);
  return code;
}

export async function resetAccess(deps: DirectoryDeps, actor: Actor, personId: string, ip: string | null = null) {
  const { person } = await managedPerson(deps, actor, personId);
  const code = await issueActivationCode(deps.db, person.id, nowOf(deps));
  await audit(deps.db, { action: 'account.reset', actorId: actor.personId, subjectId: person.id, ip });
  return code;
}

/**
 * Sets a person's roles in one structure the actor manages. Nobody removes their own roles, so a
 * school always keeps the manager who is acting.
 */
export async function setRoles(deps: DirectoryDeps, actor: Actor, personId: string, structureId: string, roles: StructureRole[]) {
  const { person, facts } = await managedPerson(deps, actor, personId);
  if (!facts.structureIds.includes(structureId)) {
    new Problems().add('structureId', t('directory.error.no_structure')).throwIfAny();
  }
  authorize(actor, 'directory.role.grant', { person: facts, structureId });
  const wanted = [...new Set(roles)];
  await repo.replaceRoles(deps.db, structureId, person.id, wanted);
  await audit(deps.db, { action: 'person.roles', actorId: actor.personId, subjectId: person.id, structureId, details: { roles: wanted } });
}

/** What the actor may see of a person: identity always; contact details and account state for managers. */
export async function personDetail(deps: DirectoryDeps, actor: Actor, personId: string) {
  const { db } = deps;
  const year = currentYear(deps);
  const found = await personFacts(deps, actor, personId);
  authorize(actor, 'directory.person.read', found?.facts);
  const { person, facts } = found!;
  const managed = can(actor, 'directory.person.edit', facts);
  const self = person.id === actor.personId;
  const [structures, groups, children, relatives, roles] = await Promise.all([
    repo.personStructures(db, personId),
    repo.personGroups(db, personId, year),
    person.profile === 'relative' ? repo.childrenOf(db, personId) : Promise.resolve([]),
    person.profile === 'student' && (managed || self || actor.profile === 'teacher') ? repo.relativesOf(db, [personId]) : Promise.resolve([]),
    repo.rolesOfPerson(db, personId),
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

/** The actor's structures; every structure for the instance administrator. */
export async function structuresFor(deps: DirectoryDeps, actor: Actor) {
  return repo.listStructures(deps.db, actor.isSuperAdmin ? 'all' : actor.structures.map((s) => s.id));
}

/** The structures page of the instance administrator. */
export async function structuresToManage(deps: DirectoryDeps, actor: Actor) {
  authorize(actor, 'directory.structure.create', {});
  return structuresFor(deps, actor);
}

export async function structureDetail(deps: DirectoryDeps, actor: Actor, structureId: string, year = currentYear(deps)) {
  const structure = await repo.findStructure(deps.db, structureId);
  authorize(actor, 'directory.structure.read', structure && { structureId: structure.id });
  const counts = can(actor, 'directory.structure.manage', { structureId }) ? await repo.structureCounts(deps.db, structureId, year) : null;
  return { ...structure!, counts };
}

export interface SearchInput {
  q?: string;
  profile?: Profile;
  structureId?: string;
  includeDeactivated?: boolean;
  limit: number;
  offset: number;
}

/** People the actor may see, matching the search: the scope is the SQL of `visiblePersonIds`. */
export async function searchPeople(deps: DirectoryDeps, actor: Actor, input: SearchInput) {
  return repo.searchPeople(deps.db, actor, { ...input, year: currentYear(deps) });
}

/** The school year running now, by the application's clock. */
export const currentSchoolYear = currentYear;

/** Where a person created from the pages goes: the structure the actor manages, or the active one. */
export function creationStructureOf(actor: Actor): string | null {
  return managedStructureId(actor) ?? actor.activeStructureId;
}

/** The "new person" form's class choices, for those who may create people in their structure. */
export async function newPersonChoices(deps: DirectoryDeps, actor: Actor) {
  const structureId = creationStructureOf(actor);
  authorize(actor, 'directory.person.create', structureId ? { structureId } : null);
  return classChoices(deps, actor);
}

/** The directory page: the people found in the active structure, its classes, and whether the actor manages it. */
export async function directorySearch(
  deps: DirectoryDeps,
  actor: Actor,
  input: { q: string; profile?: Profile; includeDeactivated: boolean; page: number; pageSize: number },
) {
  authorize(actor, 'directory.person.search', {});
  const structureId = actor.activeStructureId;
  const manager = !!structureId && can(actor, 'directory.structure.manage', { structureId });
  const [result, classes] = await Promise.all([
    searchPeople(deps, actor, {
      q: input.q,
      profile: input.profile,
      structureId: structureId ?? undefined,
      includeDeactivated: manager && input.includeDeactivated,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    }),
    structureId ? classesOf(deps, actor, structureId) : Promise.resolve([]),
  ]);
  return { ...result, classes, manager, schoolYear: currentYear(deps) };
}

/** The structure where the actor may give this person roles from their page (the one they manage now), if any. */
export function rolesStructureOf(actor: Actor, person: PersonDetail) {
  const structureId = managedStructureId(actor);
  const membership = person.structures.find((s) => s.id === structureId);
  if (!membership) return null;
  const facts = { personId: person.id, profile: person.profile, structureIds: person.structures.map((s) => s.id), visible: true };
  return can(actor, 'directory.role.grant', { person: facts, structureId: membership.id })
    ? { id: membership.id, name: membership.name, roles: membership.roles }
    : null;
}

export * from './classes-service.js';
