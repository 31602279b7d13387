import type { Actor, Profile } from '../../kernel/authz/index.js';
import { authorize, can } from '../../kernel/authz/index.js';
import { newId } from '../../kernel/db/index.js';
import { Conflict, Problems } from '../../kernel/http/errors.js';
import { isUuid } from '../../kernel/http/schemas.js';
import { audit } from '../../kernel/audit.js';
import { currentYear, nowOf, type DirectoryDeps } from './deps.js';
import { groupStanding } from './groups-of.js';
import { t } from './i18n/fr.js';
import { managedStructureId } from './policy.js';
import * as repo from './repository.js';
import { clean } from './service.js';

// Classes: who is in them, their activation sheets, and new classes.

/** Where a class is and how the actor stands towards it; null when there is no such class. */
async function classStanding(deps: DirectoryDeps, actor: Actor, groupId: string) {
  return isUuid(groupId) ? groupStanding(deps.db, actor.personId, groupId, deps.clock.now()) : null;
}

/**
 * A class with its members. Managers and the class's teachers see pupils, their relatives and
 * account states; a pupil of the class sees classmates and teachers.
 */
export async function classDetail(deps: DirectoryDeps, actor: Actor, groupId: string) {
  const { db } = deps;
  const standing = await classStanding(deps, actor, groupId);
  authorize(actor, 'directory.class.read', standing);
  const group = (await repo.findGroup(db, groupId))!;
  const manager = can(actor, 'directory.structure.manage', { structureId: group.structureId });
  const members = await repo.groupMembers(db, groupId);
  const students = members.filter((m) => m.role === 'student');
  const teachers = members.filter((m) => m.role === 'teacher');
  const full = manager || standing.relations.includes('teacher');
  const relatives = full
    ? await repo.relativesOf(
        db,
        students.map((s) => s.id),
      )
    : [];
  const structure = (await repo.findStructure(db, group.structureId))!;
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    level: group.level,
    schoolYear: group.schoolYear,
    structure: { id: structure.id, name: structure.name },
    manager,
    /** The viewer sees the pupils' birth dates and families (managers and the class's teachers). */
    families: full,
    /** The class's year is over: nothing in it changes any more. */
    closed: !standing.current,
    teachers: teachers.map((p) => ({ id: p.id, displayName: p.displayName })),
    students: students.map((s) => ({
      id: s.id,
      displayName: s.displayName,
      firstName: s.firstName,
      lastName: s.usageName || s.lastName,
      status: s.status,
      birthDate: full ? s.birthDate : null,
      photoConsent: full ? s.photoConsent : null,
      account: manager ? { login: s.login, activated: s.activated, activationCode: s.activationCode } : null,
      relatives: relatives
        .filter((r) => r.studentId === s.id)
        .map((r) => ({
          id: r.id,
          displayName: r.displayName,
          legalGuardian: r.legalGuardian,
          email: r.email,
          phone: r.phone,
          account: manager ? { login: r.login, activated: r.activated, activationCode: r.activationCode } : null,
        })),
    })),
  };
}

export type ClassDetail = Awaited<ReturnType<typeof classDetail>>;

/** One sheet per person of a class (pupils, their relatives, teachers) with login and code to print. */
export async function activationSheets(deps: DirectoryDeps, actor: Actor, groupId: string) {
  const { db } = deps;
  authorize(actor, 'directory.codes.print', await classStanding(deps, actor, groupId));
  const detail = await classDetail(deps, actor, groupId);
  const members = await repo.groupMembers(db, groupId);
  const byId = new Map(members.map((m) => [m.id, m]));
  const sheets: {
    personId: string;
    displayName: string;
    profile: Profile;
    login: string;
    activationCode: string | null;
    activated: boolean;
    forStudent: string | null;
  }[] = [];
  const seen = new Set<string>();
  for (const student of detail.students) {
    const m = byId.get(student.id)!;
    sheets.push({
      personId: m.id,
      displayName: m.displayName,
      profile: 'student',
      login: m.login,
      activationCode: m.activationCode,
      activated: m.activated,
      forStudent: null,
    });
    for (const r of student.relatives) {
      if (seen.has(r.id) || !r.account) continue;
      seen.add(r.id);
      const children = detail.students.filter((s) => s.relatives.some((x) => x.id === r.id)).map((s) => s.displayName);
      sheets.push({
        personId: r.id,
        displayName: r.displayName,
        profile: 'relative',
        login: r.account.login,
        activationCode: r.account.activationCode,
        activated: r.account.activated,
        forStudent: children.join(', '),
      });
    }
  }
  for (const teacher of members.filter((m) => m.role === 'teacher')) {
    sheets.push({
      personId: teacher.id,
      displayName: teacher.displayName,
      profile: teacher.profile,
      login: teacher.login,
      activationCode: teacher.activationCode,
      activated: teacher.activated,
      forStudent: null,
    });
  }
  await audit(db, { action: 'directory.codes_printed', actorId: actor.personId, structureId: detail.structure.id, details: { groupId } });
  return { detail, sheets };
}

export async function createClass(deps: DirectoryDeps, actor: Actor, structureId: string, input: { name: string; level: string | null; schoolYear?: string }) {
  const { db } = deps;
  const schoolYear = input.schoolYear ?? currentYear(deps);
  const structure = await repo.findStructure(db, structureId);
  authorize(actor, 'directory.class.create', structure && { structureId: structure.id, closed: schoolYear < currentYear(deps) });
  const name = clean(input.name);
  new Problems().check(!!name, 'name', t('directory.error.name')).throwIfAny();
  if (await repo.findGroupByName(db, structureId, schoolYear, name!)) {
    throw new Conflict('directory.class_name_taken', t('directory.error.class_name_taken'), { field: 'name' });
  }
  const group = {
    id: newId(),
    structureId,
    schoolYear,
    kind: 'class' as const,
    name: name!,
    level: input.level,
    source: 'manual' as const,
    createdAt: nowOf(deps),
  };
  await repo.insertGroup(db, group);
  await audit(db, { action: 'directory.class_created', actorId: actor.personId, structureId, details: { groupId: group.id, schoolYear } });
  return group;
}

/**
 * Classes of a structure's year: managers see all; teachers the classes they teach; pupils their
 * own class, of the running year only. The list is filtered in SQL by the same rule.
 */
export async function classesOf(deps: DirectoryDeps, actor: Actor, structureId: string, year = currentYear(deps)) {
  const { db } = deps;
  const structure = await repo.findStructure(db, structureId);
  authorize(actor, 'directory.structure.read', structure && { structureId: structure.id });
  if (can(actor, 'directory.structure.manage', { structureId })) return repo.listGroups(db, structureId, year);
  const relations = year === currentYear(deps) ? (['teacher', 'student'] as const) : (['teacher'] as const);
  return repo.listGroups(db, structureId, year, undefined, repo.groupIdsWithRelation(db, actor.personId, year, [...relations]));
}

/** This year's classes of the structure the actor manages, for the forms' choices. */
export async function classChoices(deps: DirectoryDeps, actor: Actor) {
  const structureId = managedStructureId(actor);
  if (!structureId) return [];
  return (await repo.listGroups(deps.db, structureId, currentYear(deps), 'class')).map((g) => ({ id: g.id, name: g.name }));
}

/** This year's pupils of the structure the actor manages, class by class: the choices of a "link a pupil" form. */
export async function pupilChoices(deps: DirectoryDeps, actor: Actor) {
  const structureId = managedStructureId(actor);
  return structureId ? repo.pupilsByClass(deps.db, structureId, currentYear(deps)) : [];
}
