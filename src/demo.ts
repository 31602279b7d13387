import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Db } from './kernel/db/index.js';
import { createSession } from './kernel/auth/sessions.js';
import { newId, nowIso } from './kernel/db/index.js';
import { hashPassword } from './kernel/auth/password.js';
import { generateOndeSchool } from './modules/directory/onde/generate.js';
import { importOnde, type ImportReport } from './modules/directory/onde/import.js';
import { seedLiaisonDemo } from './modules/liaison/index.js';
import { seedBlogDemo } from './modules/blog/demo.js';
import { schoolYearOf } from './modules/directory/index.js';
import { seedNewsDemo } from './modules/news/demo.js';
import { seedCalendarDemo } from './modules/calendar/demo.js';
import { seedAttendanceDemo } from './modules/attendance/index.js';
import { seedTimetableDemo } from './modules/timetable/demo.js';
import { seedAssessmentDemo, seedCollegeAssessmentDemo } from './modules/assessment/index.js';
import { canteenDemoLogins, seedCanteenDemo } from './modules/canteen/index.js';
import { seedBillingDemo } from './modules/billing/index.js';
import { seedRequestsDemo } from './modules/requests/index.js';
import { seedResourcesDemo } from './modules/resources/index.js';
import { seedPollsDemo } from './modules/polls/index.js';
import { seedForumDemo } from './modules/forum/index.js';
import { equipmentDemoLogins, seedEquipmentDemo } from './modules/equipment/index.js';
import { seedPrivacyDemo } from './modules/privacy/index.js';
import { seedSteeringDemo, steeringDemoLogins } from './modules/steering/index.js';

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

/** The three people the demo prints first: a CM1 or CM2 teacher, a pupil of that class, and that pupil's parent. */
export interface DemoStory {
  groupId: string;
  className: string;
  teacher: { id: string; login: string };
  pupil: { id: string; login: string; birthDate: string | null };
  parent: { id: string; login: string };
  /** Another parent of the class, who has not activated their account yet. */
  pending: { id: string; login: string; activationCode: string } | null;
}

const directorsOf = (db: Db, structureId: string) =>
  db.selectFrom('structureRoles').select('personId').where('structureId', '=', structureId).where('role', '=', 'director');

/** Picks the story from the imported school, the same each time: the first CM2 (else CM1) class whose teacher is not the director. */
async function findStory(db: Db, structureId: string, schoolYear: string): Promise<DemoStory | null> {
  const classes = await db
    .selectFrom('groups')
    .select(['id', 'name', 'level'])
    .where('structureId', '=', structureId)
    .where('schoolYear', '=', schoolYear)
    .where('kind', '=', 'class')
    .where('level', 'in', ['CM2', 'CM1'])
    .orderBy('level', 'desc')
    .orderBy('name')
    .execute();
  for (const group of classes) {
    const member = (role: 'teacher' | 'student') =>
      db
        .selectFrom('groupMembers')
        .innerJoin('people', 'people.id', 'groupMembers.personId')
        .select(['people.id', 'people.login', 'people.birthDate', 'people.passwordHash', 'people.activationCode'])
        .where('groupMembers.groupId', '=', group.id)
        .where('groupMembers.role', '=', role)
        .where('people.status', '=', 'active')
        .orderBy('people.login');
    const teacher = await member('teacher').where('people.id', 'not in', directorsOf(db, structureId)).executeTakeFirst();
    if (!teacher) continue;
    const guardians = db
      .selectFrom('relativeLinks')
      .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
      .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
      .select(['people.id', 'people.login', 'people.passwordHash', 'people.activationCode', 'relativeLinks.studentId'])
      .where('groupMembers.groupId', '=', group.id)
      .where('groupMembers.role', '=', 'student')
      .where('relativeLinks.legalGuardian', '=', 1)
      .where('people.status', '=', 'active')
      .orderBy('relativeLinks.studentId')
      .orderBy('people.login');
    const pupils = await member('student').execute();
    // Once opened, the story's parent is the one with a password; before, the first guardian.
    const all = await guardians.execute();
    const opened = all.find((g) => g.passwordHash);
    const parentRow = opened ?? all.find((g) => pupils.some((p) => p.id === g.studentId));
    const pupil = pupils.find((p) => p.id === parentRow?.studentId);
    if (!parentRow || !pupil) continue;
    const pendingRow = all.find((g) => g.studentId !== pupil.id && g.id !== parentRow.id && !g.passwordHash && g.activationCode);
    return {
      groupId: group.id,
      className: group.name,
      teacher: { id: teacher.id, login: teacher.login },
      pupil: { id: pupil.id, login: pupil.login, birthDate: pupil.birthDate },
      parent: { id: parentRow.id, login: parentRow.login },
      pending: pendingRow?.activationCode ? { id: pendingRow.id, login: pendingRow.login, activationCode: pendingRow.activationCode } : null,
    };
  }
  return null;
}

async function director(db: Db, structureId: string) {
  return db
    .selectFrom('people')
    .select(['people.id', 'people.login', 'people.passwordHash'])
    .where('people.id', 'in', directorsOf(db, structureId))
    .where('people.status', '=', 'active')
    .orderBy('people.login')
    .executeTakeFirst();
}

async function adminRow(db: Db, hash: string, now: string) {
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
}

/**
 * A realistic primary school loaded through the real ONDE import, then a few days of class life
 * written through the real JSON API (lessons and homework, a hand-in box, messages between the
 * teacher and a parent). The accounts of the story (a CM teacher, a pupil of that class, their
 * parent) and of the director are opened; the others wait for their activation code, as after a
 * real import. A second run finds the school and changes nothing.
 */
export async function loadDemo(app: FastifyInstance): Promise<{ report: ImportReport | null; logins: DemoLogin[]; story: DemoStory }> {
  const db = app.db;
  const schoolYear = schoolYearOf(app.clock.now());
  let school = await db.selectFrom('structures').selectAll().where('uai', '=', DEMO_UAI).executeTakeFirst();
  let report: ImportReport | null = null;
  if (!school) {
    const town = { id: newId(), kind: 'municipality' as const, name: 'Ville de Beaulieu', uai: null, parentId: null, createdAt: nowIso() };
    await db.insertInto('structures').values(town).execute();
    school = { id: newId(), kind: 'school' as const, name: 'École primaire Jean-Jaurès', uai: DEMO_UAI, parentId: town.id, createdAt: nowIso() };
    await db.insertInto('structures').values(school).execute();
    report = await importOnde(db, { structureId: school.id, schoolYear, files: demoOndeFiles(), actorId: null });
    const hash = await hashPassword(DEMO_PASSWORD);
    const now = nowIso();
    await adminRow(db, hash, now);
    const story = await findStory(db, school.id, schoolYear);
    const head = await director(db, school.id);
    const opened = [head?.id, story?.teacher.id, story?.pupil.id, story?.parent.id].filter((id): id is string => !!id);
    if (opened.length > 0) {
      await db
        .updateTable('people')
        .set({ passwordHash: hash, activationCode: null, activatedAt: now, charterAcceptedAt: now })
        .where('id', 'in', opened)
        .execute();
    }
    if (story) await seedClassLife(app, school.id, story);
    if (story)
      await seedLiaisonDemo(app, {
        structureId: school.id,
        groupId: story.groupId,
        teacherId: story.teacher.id,
        parentId: story.parent.id,
        pupilId: story.pupil.id,
      });
    if (story) await seedBlogDemo(app, { structureId: school.id, groupId: story.groupId, teacherId: story.teacher.id });
    // The town's agent runs the family services and writes to the town's families.
    const agent = await seedCanteenDemo(app, { schoolId: school.id, passwordHash: hash });
    if (agent && school.parentId) await seedBillingDemo(app, { municipalityId: school.parentId, agentId: agent });
    if (story)
      await seedRequestsDemo(app, { schoolId: school.id, agentId: agent, parentId: story.parent.id, pupilId: story.pupil.id, directorId: head?.id ?? null });
    if (story) {
      await seedNewsDemo(app, {
        schoolId: school.id,
        directorId: head?.id ?? null,
        teacherId: story.teacher.id,
        groupId: story.groupId,
        agentId: agent,
        municipalityId: school.parentId,
      });
      await seedCalendarDemo(app, { schoolId: school.id, directorId: head?.id ?? null, teacherId: story.teacher.id, groupId: story.groupId });
      const cast = { structureId: school.id, groupId: story.groupId, teacherId: story.teacher.id, pupilId: story.pupil.id, parentId: story.parent.id };
      await seedAttendanceDemo(app, { ...cast, directorId: head?.id ?? null });
    }
    if (story) await seedTimetableDemo(app, school.id, story.groupId);
    if (story) await seedAssessmentDemo(app, school.id, story.groupId, story.teacher.id);
    if (story)
      await seedPollsDemo(app, {
        structureId: school.id,
        groupId: story.groupId,
        teacherId: story.teacher.id,
        parentId: story.parent.id,
        pupilId: story.pupil.id,
      });
    if (story)
      await seedForumDemo(app, {
        structureId: school.id,
        groupId: story.groupId,
        teacherId: story.teacher.id,
        pupilId: story.pupil.id,
        directorId: head?.id ?? null,
      });
    if (story)
      await seedEquipmentDemo(app, {
        schoolId: school.id,
        passwordHash: hash,
        teacherId: story.teacher.id,
        directorId: head?.id ?? null,
        pupilId: story.pupil.id,
        parentId: story.parent.id,
      });
    // Last: the parent's archive holds what the story wrote before.
    if (story) await seedPrivacyDemo(app, { structureId: school.id, parentId: story.parent.id });
  }
  const story = await findStory(db, school.id, schoolYear);
  if (!story) throw new Error('the demo school has no CM1 or CM2 class with a teacher and a parent');
  const head = await director(db, school.id);
  const logins: DemoLogin[] = [{ role: 'Administrateur de l’instance', login: DEMO_ADMIN, password: DEMO_PASSWORD }];
  if (head?.passwordHash) logins.push({ role: 'Directrice ou directeur', login: head.login, password: DEMO_PASSWORD });
  logins.push(
    { role: `Enseignant (${story.className})`, login: story.teacher.login, password: DEMO_PASSWORD },
    { role: `Élève (${story.className})`, login: story.pupil.login, password: DEMO_PASSWORD },
    { role: 'Parent de cet élève', login: story.parent.login, password: DEMO_PASSWORD },
  );
  if (story.pending) {
    logins.push({ role: `Parent (${story.className}, première connexion)`, login: story.pending.login, activationCode: story.pending.activationCode });
  }
  logins.push(...(await canteenDemoLogins(app, DEMO_PASSWORD)));
  logins.push(...(await equipmentDemoLogins(app, DEMO_PASSWORD)));
  const college = await loadDemoCollege(db);
  logins.push(...college);
  if (college[0]) await seedCollegeAssessmentDemo(app, college[0].login);
  // Once, on the run that created the schools: a catalogue and a link bank for every class.
  if (report) await seedResourcesDemo(db, app.clock.now());
  // Then, once the schools are all there: their circonscription, its inspector and a year of usage.
  if (report) await seedSteeringDemo(app, DEMO_PASSWORD);
  logins.push(...(await steeringDemoLogins(app, DEMO_PASSWORD)));
  return { report, logins, story };
}

/** One person's calls to the JSON API, with a session opened for them (no password typed, nothing audited as a sign-in). */
async function client(app: FastifyInstance, personId: string, structureId: string) {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, personId, structureId, lifetimes, app.clock.now());
  return async <T>(method: InjectOptions['method'], url: string, payload?: object): Promise<T> => {
    const res = await app.inject({ method, url, payload, headers: { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken } });
    if (res.statusCode >= 300) throw new Error(`demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return (res.body ? res.json() : null) as T;
  };
}

/** School days (Wednesdays, Saturdays and Sundays off), as Paris dates, from `from` (excluded) going `step` days at a time. */
function schoolDays(from: Date, count: number, step: 1 | -1): string[] {
  const days: string[] = [];
  const day = new Date(`${from.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })}T12:00:00Z`);
  while (days.length < count) {
    day.setUTCDate(day.getUTCDate() + step);
    if (![0, 3, 6].includes(day.getUTCDay())) days.push(day.toISOString().slice(0, 10));
  }
  return step === 1 ? days : days.reverse();
}

async function seedClassLife(app: FastifyInstance, structureId: string, story: DemoStory): Promise<void> {
  const teacher = await client(app, story.teacher.id, structureId);
  const parent = await client(app, story.parent.id, structureId);
  const subjects = await teacher<{ id: string; code: string; label: string }[]>('GET', '/api/homework/subjects');
  const subject = (words: RegExp) => (subjects.find((s) => words.test(s.label)) ?? subjects[0]!).id;
  const [d1, d2, d3] = schoolDays(app.clock.now(), 3, -1) as [string, string, string];
  const [n1, n2, n3] = schoolDays(app.clock.now(), 3, 1) as [string, string, string];
  const lesson = (body: object) => teacher<{ id: string }>('POST', '/api/homework/lessons', { groupId: story.groupId, publish: true, ...body });

  await lesson({
    subjectId: subject(/^français/i),
    lessonDate: d1,
    startTime: '08:30',
    endTime: '09:30',
    content: '<p>Lecture à voix haute du chapitre 3 de <em>L’Enfant et la rivière</em>. Les accords du participe passé avec être.</p>',
    assignments: [{ instructions: '<p>Relire le chapitre 3 et noter trois mots nouveaux avec leur définition.</p>', dueOn: n1, estimatedMinutes: 20 }],
  });
  await lesson({
    subjectId: subject(/^mathématiques/i),
    lessonDate: d2,
    startTime: '10:00',
    endTime: '11:00',
    content: '<p>Les fractions décimales : dixièmes et centièmes sur la droite graduée.</p>',
    assignments: [{ instructions: '<p>Fichier de mathématiques, page 42, exercices 1 à 4.</p>', dueOn: n2, estimatedMinutes: 25 }],
  });
  const science = await lesson({
    subjectId: subject(/^sciences et technologie/i),
    lessonDate: d3,
    startTime: '14:00',
    endTime: '15:00',
    content: '<p>Le cycle de l’eau : évaporation, condensation, précipitations. Expérience du bocal au soleil.</p>',
    assignments: [
      {
        instructions: '<p>Dessiner et légender le cycle de l’eau, puis le déposer dans le dépôt « Le cycle de l’eau » (photo ou scan).</p>',
        dueOn: n3,
        estimatedMinutes: 40,
        toHandIn: true,
      },
    ],
  });
  const detail = await teacher<{ assignments: { id: string; dueOn: string }[] }>('GET', `/api/homework/lessons/${science.id}`);
  const work = detail.assignments[0]!;
  await teacher('POST', '/api/documents/boxes', {
    groupId: story.groupId,
    title: 'Le cycle de l’eau',
    instructions: 'Une photo ou un scan de votre schéma légendé.',
    dueAt: `${work.dueOn}T18:00`,
    acceptLate: true,
    assignmentId: work.id,
  });

  const sent = await teacher<{ id: string }>('POST', '/api/messaging/messages', {
    to: [`person:${story.parent.id}`],
    subject: 'Sortie au musée de l’eau',
    body: 'Bonjour,\n\nNous irons au musée de l’eau vendredi prochain avec la classe. Pourriez-vous signer l’autorisation dans le cahier de liaison et prévoir un pique-nique ?\n\nBien cordialement.',
  });
  await parent('POST', '/api/messaging/messages', {
    to: [`person:${story.teacher.id}`],
    subject: 'Re: Sortie au musée de l’eau',
    body: 'Bonjour,\n\nC’est signé, et le pique-nique sera prêt. Merci pour cette sortie !\n\nBonne journée.',
    parentId: sent.id,
  });
  await teacher('POST', '/api/messaging/messages', {
    to: [`person:${story.parent.id}`],
    subject: 'Cahier de textes en ligne',
    body: 'Bonjour,\n\nLe travail de la semaine est dans le cahier de textes de l’ENT, avec un dépôt pour le schéma du cycle de l’eau.\n\nBonne soirée.',
  });
}

/** What the demo prints after start: who to sign in as, and what each of them will find. */
export function demoBanner({ logins, story }: { logins: DemoLogin[]; story: DemoStory }, url: string): string {
  const lines = logins.map(
    (l) =>
      `  ${l.role.padEnd(36)} ${l.login.padEnd(26)} ${l.password ? `mot de passe : ${l.password}` : `code d’activation : ${l.activationCode} (sur ${url}/activate)`}`,
  );
  return [
    `Comptes de démonstration (${url}/login) :`,
    ...lines,
    '',
    `L’enseignant, l’élève et le parent ci-dessus sont de la même classe (${story.className}) : cahier de textes de la semaine,`,
    'travail à rendre dans un dépôt, messages entre l’enseignant et le parent.',
    '',
  ].join('\n');
}

/**
 * Demo and dev mode: one short line per request (method, path, status, milliseconds), static files
 * left out, so the logins printed at start stay readable.
 */
export function logRequestsBriefly(app: FastifyInstance, write: (line: string) => void): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/static/')) return;
    write(`${request.method} ${request.url.split('?')[0]} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms\n`);
  });
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
