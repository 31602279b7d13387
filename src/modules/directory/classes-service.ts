import type { Actor, Profile } from '../../kernel/authz/index.js';
import { NotFound, authorize } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { newId, nowIso } from '../../kernel/db/index.js';
import { Problems } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit.js';
import { t } from './i18n/fr.js';
import { managesStructure } from './policy.js';
import * as repo from './repository.js';
import { clean, requireManager } from './service.js';

/** Classes: who is in them, their activation sheets, and new classes. */
/**
 * A class with its members. Managers and the class's teachers see pupils, their relatives and
 * account states; a pupil of the class sees classmates and teachers.
 */
export async function classDetail(db: Db, actor: Actor, groupId: string) {
  const group = await repo.findGroup(db, groupId);
  if (!group) throw new NotFound();
  const manager = managesStructure(actor, group.structureId);
  const role = manager ? null : await repo.memberRole(db, groupId, actor.personId);
  if (!manager && !role) throw new NotFound();
  const members = await repo.groupMembers(db, groupId);
  const students = members.filter((m) => m.role === 'student');
  const teachers = members.filter((m) => m.role === 'teacher');
  const full = manager || role === 'teacher';
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
export async function activationSheets(db: Db, actor: Actor, groupId: string) {
  const detail = await classDetail(db, actor, groupId);
  if (!detail.manager) throw new NotFound();
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

export async function createClass(db: Db, actor: Actor, structureId: string, input: { name: string; level: string | null; schoolYear: string }) {
  requireManager(actor, structureId);
  const name = clean(input.name);
  const problems = new Problems().check(!!name, 'name', t('directory.error.name'));
  problems.throwIfAny();
  const group = {
    id: newId(),
    structureId,
    schoolYear: input.schoolYear,
    kind: 'class' as const,
    name: name!,
    level: input.level,
    source: 'manual' as const,
    createdAt: nowIso(),
  };
  await db.insertInto('groups').values(group).execute();
  return group;
}

/** Classes of a structure: managers see all; members see those they belong to. */
export async function classesOf(db: Db, actor: Actor, structureId: string, year: string) {
  const structure = await repo.findStructure(db, structureId);
  authorize((s) => actor.isSuperAdmin || actor.structures.some((x) => x.id === s.id), structure);
  const all = await repo.listGroups(db, structureId, year);
  if (managesStructure(actor, structureId)) return all;
  const mine = new Set((await repo.personGroups(db, actor.personId, year)).map((g) => g.id));
  return all.filter((g) => mine.has(g.id));
}
