import type { FastifyInstance } from 'fastify';
import type { Profile, StructureRole } from '../../kernel/authz/index.js';
import { loginAs, type Session } from '../../kernel/testing/index.js';
import type { Db } from '../../kernel/db/index.js';
import { flag, newId, nowIso } from '../../kernel/db/index.js';
import { hashPassword } from '../../kernel/auth/password.js';
import { activationCode } from '../../kernel/auth/tokens.js';
import { allocateLogin } from './logins.js';
import { searchKeyOf } from './repository.js';
import { schoolYearOf } from './school-year.js';
import type { StructureKind } from './tables.js';

let uaiCounter = 0;

/** Test data factories: readable set-ups, written straight to the database. */
export async function buildSchool(db: Db, input: { name?: string; uai?: string; kind?: StructureKind; parentId?: string } = {}) {
  uaiCounter += 1;
  const structure = {
    id: newId(),
    kind: input.kind ?? 'school',
    name: input.name ?? `École ${uaiCounter}`,
    uai:
      input.kind === 'municipality'
        ? null
        : (input.uai ?? `${String(600000 + uaiCounter * 7 + Math.floor(Math.random() * 5)).padStart(7, '0')}${'ABCDEFGH'[uaiCounter % 8]}`),
    parentId: input.parentId ?? null,
    createdAt: nowIso(),
  };
  await db.insertInto('structures').values(structure).execute();
  return structure;
}

export interface PersonSpec {
  profile: Profile;
  firstName?: string;
  lastName?: string;
  /** Name used instead of the last name (a married name…): what lists show and sort by. */
  usageName?: string;
  structureId?: string;
  roles?: StructureRole[];
  password?: string;
  /** Leave the account waiting for its first login (it keeps an activation code). */
  pending?: boolean;
  isSuperAdmin?: boolean;
  email?: string;
}

let personCounter = 0;

export async function buildPerson(db: Db, spec: PersonSpec) {
  personCounter += 1;
  const now = nowIso();
  const names = { firstName: spec.firstName ?? `Prénom${personCounter}`, lastName: spec.lastName ?? `Nom${personCounter}`, usageName: spec.usageName ?? null };
  const person = {
    id: newId(),
    profile: spec.profile,
    civility: null,
    ...names,
    birthDate: spec.profile === 'student' ? '2018-03-14' : null,
    sex: null,
    email: spec.email ?? null,
    phone: null,
    address: null,
    login: await allocateLogin(db, names.firstName, names.lastName),
    passwordHash: spec.password ? await hashPassword(spec.password) : null,
    activationCode: spec.pending ? activationCode() : null,
    activatedAt: spec.pending ? null : now,
    charterAcceptedAt: spec.pending ? null : now,
    photoConsent: null,
    isSuperAdmin: flag(!!spec.isSuperAdmin),
    status: 'active' as const,
    searchKey: searchKeyOf(names),
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  };
  await db.insertInto('people').values(person).execute();
  if (spec.structureId) {
    await db
      .insertInto('structureMembers')
      .values({ structureId: spec.structureId, personId: person.id, active: 1, importKey: null, source: 'manual', createdAt: now })
      .execute();
    for (const role of spec.roles ?? []) {
      await db.insertInto('structureRoles').values({ structureId: spec.structureId, personId: person.id, role, source: 'manual' }).execute();
    }
  }
  return person;
}

export async function buildClass(
  db: Db,
  structureId: string,
  input: { name: string; level?: string; schoolYear?: string; teachers?: string[]; students?: string[] },
) {
  const group = {
    id: newId(),
    structureId,
    schoolYear: input.schoolYear ?? schoolYearOf(),
    kind: 'class' as const,
    name: input.name,
    level: input.level ?? null,
    source: 'manual' as const,
    createdAt: nowIso(),
  };
  await db.insertInto('groups').values(group).execute();
  for (const personId of input.teachers ?? []) await db.insertInto('groupMembers').values({ groupId: group.id, personId, role: 'teacher' }).execute();
  for (const personId of input.students ?? []) await db.insertInto('groupMembers').values({ groupId: group.id, personId, role: 'student' }).execute();
  return group;
}

export async function buildLink(db: Db, relativeId: string, studentId: string, legalGuardian = true) {
  await db
    .insertInto('relativeLinks')
    .values({ relativeId, studentId, legalGuardian: flag(legalGuardian), source: 'manual' })
    .execute();
}

/**
 * Two schools for scoped-read tests. School A: director, class CE1 (teacher, pupils ce1a/ce1b,
 * their parents) and class CM2 (teacher, pupil, parent). School B: a teacher, a pupil, a parent.
 */
export async function buildWorld(db: Db) {
  const schoolA = await buildSchool(db, { name: 'École des Tilleuls' });
  const schoolB = await buildSchool(db, { name: 'École du Port' });
  const p = (profile: Profile, firstName: string, lastName: string, structureId: string, roles?: StructureRole[]) =>
    buildPerson(db, { profile, firstName, lastName, structureId, roles });
  const director = await p('teacher', 'Delphine', 'Directrice', schoolA.id, ['director']);
  const admin = await p('personnel', 'Aymeric', 'Admin', schoolA.id, ['localAdmin']);
  const ce1Teacher = await p('teacher', 'Théo', 'Enseignant', schoolA.id);
  const cm2Teacher = await p('teacher', 'Camille', 'Maîtresse', schoolA.id);
  const ce1a = await p('student', 'Léa', 'Élève', schoolA.id);
  const ce1b = await p('student', 'Noé', 'Écolier', schoolA.id);
  const cm2 = await p('student', 'Zoé', 'Grande', schoolA.id);
  const ce1aParent = await p('relative', 'Marc', 'Élève', schoolA.id);
  const ce1bParent = await p('relative', 'Inès', 'Écolier', schoolA.id);
  const cm2Parent = await p('relative', 'Paul', 'Grande', schoolA.id);
  const ce1 = await buildClass(db, schoolA.id, { name: 'CE1', level: 'CE1', teachers: [ce1Teacher.id], students: [ce1a.id, ce1b.id] });
  const cm2Class = await buildClass(db, schoolA.id, { name: 'CM2', level: 'CM2', teachers: [cm2Teacher.id, director.id], students: [cm2.id] });
  await buildLink(db, ce1aParent.id, ce1a.id);
  await buildLink(db, ce1bParent.id, ce1b.id);
  await buildLink(db, cm2Parent.id, cm2.id);
  const otherTeacher = await p('teacher', 'Olivier', 'Ailleurs', schoolB.id);
  const otherStudent = await p('student', 'Oscar', 'Ailleurs', schoolB.id);
  const otherParent = await p('relative', 'Olga', 'Ailleurs', schoolB.id);
  const otherClass = await buildClass(db, schoolB.id, { name: 'CE1', level: 'CE1', teachers: [otherTeacher.id], students: [otherStudent.id] });
  await buildLink(db, otherParent.id, otherStudent.id);
  return {
    schoolA,
    schoolB,
    director,
    admin,
    ce1Teacher,
    cm2Teacher,
    ce1a,
    ce1b,
    cm2,
    ce1aParent,
    ce1bParent,
    cm2Parent,
    ce1,
    cm2Class,
    otherTeacher,
    otherStudent,
    otherParent,
    otherClass,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** The world signed in: one session per person, for route cases. */
export async function coverageWorld(app: FastifyInstance) {
  const base = await buildWorld(app.db);
  // Beyond the two schools: school A's office staff, a municipality's agent, the instance administrator.
  const municipality = await buildSchool(app.db, { kind: 'municipality', name: 'Ville de Port-Lointain' });
  const staff = await buildPerson(app.db, { profile: 'personnel', firstName: 'Sylvie', lastName: 'Secrétariat', structureId: base.schoolA.id });
  const agent = await buildPerson(app.db, { profile: 'municipal', firstName: 'Marius', lastName: 'Mairie', structureId: municipality.id });
  const instanceAdmin = await buildPerson(app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true });
  const otherDirector = await buildPerson(app.db, {
    profile: 'teacher',
    firstName: 'Bruno',
    lastName: 'Portier',
    structureId: base.schoolB.id,
    roles: ['director'],
  });
  const world = { ...base, municipality, staff, agent, instanceAdmin, otherDirector };
  const sessions = {} as Record<WorldPerson, Session>;
  for (const key of WORLD_PEOPLE) sessions[key] = await loginAs(app, world[key].id);
  return { app, world, as: sessions };
}

const WORLD_PEOPLE = [
  'staff',
  'agent',
  'instanceAdmin',
  'director',
  'admin',
  'ce1Teacher',
  'cm2Teacher',
  'ce1a',
  'ce1b',
  'cm2',
  'ce1aParent',
  'ce1bParent',
  'cm2Parent',
  'otherTeacher',
  'otherStudent',
  'otherParent',
  'otherDirector',
] as const;
export type WorldPerson = (typeof WORLD_PEOPLE)[number];
export type CoverageWorld = Awaited<ReturnType<typeof coverageWorld>>;
