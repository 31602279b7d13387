import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './kernel/db/index.js';
import { newId, nowIso } from './kernel/db/index.js';
import { hashPassword } from './kernel/auth/password.js';
import { generateOndeSchool } from './modules/directory/onde/generate.js';
import { importOnde, type ImportReport } from './modules/directory/onde/import.js';
import { schoolYearOf } from './modules/directory/index.js';

export const DEMO_UAI = '0069999X';
/** Demo accounts share this password; it exists only in demo databases. */
export const DEMO_PASSWORD = 'preau-demo-2026';
const DEMO_ADMIN = 'admin.demo';

/** The demo school's ONDE export: the same files each time, so they can be imported again from the browser. */
export function demoOndeFiles() {
  return generateOndeSchool({ seed: 2026, pupils: 250 });
}

/** Writes the demo export where a person can pick it in the import form. */
export function writeDemoOndeFiles(dir: string): string {
  const files = demoOndeFiles();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'eleves.csv'), files.pupils);
  fs.writeFileSync(path.join(dir, 'enseignants.csv'), files.teachers);
  fs.writeFileSync(path.join(dir, 'responsables.csv'), files.parents);
  return dir;
}

export interface DemoLogin {
  role: string;
  login: string;
  password?: string;
  activationCode?: string;
}

async function pick(db: Db, structureId: string, profile: 'teacher' | 'relative' | 'student', opts: { director?: boolean; pending?: boolean } = {}) {
  let q = db
    .selectFrom('people')
    .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
    .select(['people.id', 'people.login', 'people.activationCode', 'people.passwordHash'])
    .where('structureMembers.structureId', '=', structureId)
    .where('people.profile', '=', profile)
    .where('people.status', '=', 'active');
  const directors = db.selectFrom('structureRoles').select('personId').where('structureId', '=', structureId).where('role', '=', 'director');
  q = opts.director ? q.where('people.id', 'in', directors) : q.where('people.id', 'not in', directors);
  q = opts.pending ? q.where('people.passwordHash', 'is', null).where('people.activationCode', 'is not', null) : q;
  return q.orderBy('people.login').executeTakeFirst();
}

/**
 * A realistic primary school loaded through the real ONDE import, with a few accounts opened
 * (one per profile) and the others waiting for their activation code, as after a real import.
 */
export async function loadDemo(db: Db): Promise<{ report: ImportReport | null; logins: DemoLogin[] }> {
  let school = await db.selectFrom('structures').selectAll().where('uai', '=', DEMO_UAI).executeTakeFirst();
  let report: ImportReport | null = null;
  if (!school) {
    const town = { id: newId(), kind: 'municipality' as const, name: 'Ville de Beaulieu', uai: null, parentId: null, createdAt: nowIso() };
    await db.insertInto('structures').values(town).execute();
    school = { id: newId(), kind: 'school' as const, name: 'École élémentaire Jean-Jaurès', uai: DEMO_UAI, parentId: town.id, createdAt: nowIso() };
    await db.insertInto('structures').values(school).execute();
    const files = demoOndeFiles();
    report = await importOnde(db, { structureId: school.id, schoolYear: schoolYearOf(), files, actorId: null });
    const hash = await hashPassword(DEMO_PASSWORD);
    const now = nowIso();
    await db
      .insertInto('people')
      .values({
        id: newId(),
        profile: 'personnel',
        civility: null,
        firstName: 'Administrateur',
        lastName: 'Démo',
        usageName: null,
        birthDate: null,
        sex: null,
        email: null,
        phone: null,
        address: null,
        login: DEMO_ADMIN,
        passwordHash: hash,
        activationCode: null,
        activatedAt: now,
        charterAcceptedAt: now,
        photoConsent: null,
        isSuperAdmin: 1,
        status: 'active',
        searchKey: 'demo administrateur',
        createdAt: now,
        updatedAt: now,
        deactivatedAt: null,
      })
      .onConflict((oc) => oc.column('login').doNothing())
      .execute();
    for (const chosen of [
      await pick(db, school.id, 'teacher', { director: true }),
      await pick(db, school.id, 'teacher'),
      await pick(db, school.id, 'relative'),
      await pick(db, school.id, 'student'),
    ]) {
      if (!chosen) continue;
      await db
        .updateTable('people')
        .set({ passwordHash: hash, activationCode: null, activatedAt: now, charterAcceptedAt: now })
        .where('id', '=', chosen.id)
        .execute();
    }
  }
  const logins: DemoLogin[] = [{ role: 'Administrateur de l’instance', login: DEMO_ADMIN, password: DEMO_PASSWORD }];
  const opened = async (role: string, row: { login: string; passwordHash: string | null } | undefined) => {
    if (row?.passwordHash) logins.push({ role, login: row.login, password: DEMO_PASSWORD });
  };
  await opened('Directrice ou directeur', await pick(db, school.id, 'teacher', { director: true }));
  const activated = db.selectFrom('people').select('id').where('passwordHash', 'is not', null);
  for (const [role, profile] of [
    ['Enseignant', 'teacher'],
    ['Parent', 'relative'],
    ['Élève', 'student'],
  ] as const) {
    const row = await db
      .selectFrom('people')
      .innerJoin('structureMembers', 'structureMembers.personId', 'people.id')
      .select(['people.login', 'people.passwordHash'])
      .where('structureMembers.structureId', '=', school.id)
      .where('people.profile', '=', profile)
      .where('people.id', 'in', activated)
      .where('people.id', 'not in', db.selectFrom('structureRoles').select('personId').where('role', '=', 'director'))
      .orderBy('people.login')
      .executeTakeFirst();
    await opened(role, row);
  }
  const pending = await pick(db, school.id, 'relative', { pending: true });
  if (pending?.activationCode) logins.push({ role: 'Parent (première connexion)', login: pending.login, activationCode: pending.activationCode });
  logins.push(...(await loadDemoCollege(db)));
  return { report, logins };
}

/**
 * A collège loaded through the real AAF import (a generated académie feed), with one teacher's
 * account opened: the cahier de textes shows their classes, groups and subjects.
 */
async function loadDemoCollege(db: Db): Promise<DemoLogin[]> {
  const { completeFeed, feedModel } = await import('./modules/directory/aaf/generate.js');
  const { importAaf } = await import('./modules/directory/aaf/import.js');
  const model = feedModel({ structures: 1, classesPerLevel: 2, pupilsPerClass: 12, offset: 0 });
  const teacher = model.staff.find((p) => p.mainClass)!;
  const known = await db
    .selectFrom('aafPeople')
    .innerJoin('people', 'people.id', 'aafPeople.personId')
    .select(['people.id', 'people.login', 'people.passwordHash'])
    .where('aafPeople.jointure', '=', teacher.jointure)
    .executeTakeFirst();
  if (!known) {
    const files = completeFeed(model);
    await importAaf(db, { schoolYear: schoolYearOf(), sources: files.map((f) => ({ name: f.name, read: () => [f.bytes] })), actorId: null });
  }
  const row = await db
    .selectFrom('aafPeople')
    .innerJoin('people', 'people.id', 'aafPeople.personId')
    .select(['people.id', 'people.login', 'people.passwordHash'])
    .where('aafPeople.jointure', '=', teacher.jointure)
    .executeTakeFirst();
  if (!row) return [];
  if (!row.passwordHash) {
    const now = nowIso();
    await db
      .updateTable('people')
      .set({ passwordHash: await hashPassword(DEMO_PASSWORD), activationCode: null, activatedAt: now, charterAcceptedAt: now })
      .where('id', '=', row.id)
      .execute();
  }
  return [{ role: `Enseignant, ${model.structures[0]!.name}`, login: row.login, password: DEMO_PASSWORD }];
}
