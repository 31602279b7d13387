import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from './app.js';
import { buildTestApp, loginAs, request, type TestApp } from './kernel/testing/index.js';
import { verifyPassword } from './kernel/auth/password.js';
import { DEMO_PASSWORD, DEMO_UAI, loadDemo } from './demo.js';

const root = path.resolve(import.meta.dirname, '..');

let t: TestApp;
let first: Awaited<ReturnType<typeof loadDemo>>;

before(async () => {
  t = await buildTestApp(buildApp);
  first = await loadDemo(t.app);
});
after(() => t.close());

test('the demo loads a realistic school once, through the ONDE import, with working logins', async () => {
  const db = t.app.db;
  assert.equal(first.report?.status, 'done');
  assert.equal(first.report?.errors.length, 0);
  const { counts } = first.report!;
  assert.ok(counts.pupils.created >= 240 && counts.pupils.created <= 260, `pupils: ${counts.pupils.created}`);
  assert.ok(counts.teachers.created >= 12, `teachers: ${counts.teachers.created}`);
  assert.ok(counts.classes.created >= 10, `classes: ${counts.classes.created}`);
  const roles = first.logins.map((l) => l.role);
  assert.equal(roles.length, 11, roles.join(', '));
  for (const login of first.logins.filter((l) => l.password)) {
    const person = await db.selectFrom('people').select('passwordHash').where('login', '=', login.login).executeTakeFirstOrThrow();
    assert.equal(await verifyPassword(person.passwordHash, DEMO_PASSWORD), true, login.login);
  }
  const pending = first.logins.find((l) => l.activationCode);
  assert.match(pending?.activationCode ?? '', /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

  const second = await loadDemo(t.app);
  assert.equal(second.report, null, 'a second run reuses the loaded school');
  assert.deepEqual(second.logins, first.logins);
  const schools = await db.selectFrom('structures').select('id').where('uai', '=', DEMO_UAI).execute();
  assert.equal(schools.length, 1);
  const lessons = await db.selectFrom('lessons').select('id').execute();
  assert.equal(lessons.length, 3, 'the class life is written once');
});

test('the printed teacher, pupil and parent are one class’s story', async () => {
  const db = t.app.db;
  const { story, logins } = first;
  const printed = (role: RegExp) => logins.find((l) => role.test(l.role))?.login;
  assert.equal(printed(/^Enseignant/), story.teacher.login);
  assert.equal(printed(/^Élève/), story.pupil.login);
  assert.equal(printed(/^Parent de cet élève/), story.parent.login);
  const group = await db.selectFrom('groups').select(['level', 'schoolYear']).where('id', '=', story.groupId).executeTakeFirstOrThrow();
  assert.ok(['CM1', 'CM2'].includes(group.level ?? ''), `level ${group.level}`);
  const members = await db.selectFrom('groupMembers').select(['personId', 'role']).where('groupId', '=', story.groupId).execute();
  assert.ok(
    members.some((m) => m.personId === story.teacher.id && m.role === 'teacher'),
    'the teacher teaches the class',
  );
  assert.ok(
    members.some((m) => m.personId === story.pupil.id && m.role === 'student'),
    'the pupil is in the class',
  );
  const link = await db
    .selectFrom('relativeLinks')
    .selectAll()
    .where('relativeId', '=', story.parent.id)
    .where('studentId', '=', story.pupil.id)
    .executeTakeFirst();
  assert.equal(link?.legalGuardian, 1, 'the parent is the pupil’s legal guardian');
  const ageAtSeptember = Number(group.schoolYear.slice(0, 4)) - Number(story.pupil.birthDate?.slice(0, 4));
  assert.ok(ageAtSeptember >= 8 && ageAtSeptember <= 12, `a CM pupil is 8 to 12, not ${ageAtSeptember}`);
  const pending = logins.find((l) => l.activationCode)!;
  const pendingChild = await db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .innerJoin('people', 'people.id', 'relativeLinks.relativeId')
    .select('groupMembers.groupId')
    .where('people.login', '=', pending.login)
    .execute();
  assert.ok(
    pendingChild.some((r) => r.groupId === story.groupId),
    'the parent who activates belongs to the same class',
  );
});

test('what the teacher published, the pupil and the parent see', async () => {
  const { story } = first;
  const parent = await loginAs(t.app, story.parent.id);
  const pupil = await loginAs(t.app, story.pupil.id);

  const agenda = await request(t.app, parent, 'GET', `/api/homework/agenda?studentId=${story.pupil.id}`);
  assert.equal(agenda.statusCode, 200);
  const work = JSON.stringify(agenda.json());
  assert.match(work, /page 42/);
  assert.match(work, /cycle de l’eau/);

  const boxes = await request(t.app, pupil, 'GET', '/api/documents/boxes');
  assert.equal(boxes.statusCode, 200);
  assert.match(boxes.body, /Le cycle de l’eau/);
  const lessons = await request(t.app, pupil, 'GET', '/api/homework/lessons');
  assert.ok(
    (lessons.json() as { assignments: { toHandIn: boolean }[] }[]).some((l) => l.assignments.some((a) => a.toHandIn)),
    'a work to hand in',
  );

  const inbox = await request(t.app, parent, 'GET', '/api/messaging/messages?folder=inbox');
  assert.equal(inbox.statusCode, 200);
  assert.match(inbox.body, /Sortie au musée de l’eau/);
  const teacher = await loginAs(t.app, story.teacher.id);
  const teacherInbox = await request(t.app, teacher, 'GET', '/api/messaging/messages?folder=inbox');
  assert.match(teacherInbox.body, /Re: Sortie au musée/, 'the parent answered');
});

test('the README gives the figures the demo creates', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const { counts } = first.report!;
  const paragraph = /## Lancer une démo[\s\S]*?## /.exec(readme)?.[0] ?? '';
  for (const figure of [
    `${counts.pupils.created} élèves`,
    `${counts.teachers.created} enseignants`,
    `${counts.parents.created} parents`,
    `${counts.classes.created} classes`,
  ]) {
    assert.ok(paragraph.replace(/\s+/g, ' ').includes(figure), `README demo paragraph says “${figure}”`);
  }
});

test('`preau demo` logs one short line per request, after the logins', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-demo-'));
  const child = spawn(process.execPath, [path.join(root, 'bin', 'preau.mjs'), 'demo'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: '0' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const waitFor = (pattern: RegExp, ms: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const found = pattern.exec(out);
        if (found) {
          clearInterval(poll);
          resolve(found);
        } else if (Date.now() - started > ms || child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`no ${pattern} in:\n${out}`));
        }
      }, 100);
    });
  try {
    const [, url] = await waitFor(/Comptes de démonstration \((http:\/\/[^)]+)\/login\)/, 60_000);
    await waitFor(/première connexion\)/, 5_000);
    assert.equal((await fetch(`${url}/login`)).status, 200);
    await waitFor(/^GET \/login 200 \d+ ms$/m, 5_000);
    assert.doesNotMatch(out, /"msg":"(incoming request|request completed)"/);
    assert.doesNotMatch(out.slice(out.indexOf('Comptes de démonstration')), /^\{/m, 'no JSON log line after the logins');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the demo pupil’s parent finds a week of timetable with this week’s change', async () => {
  const { story } = first;
  const res = await request(t.app, await loginAs(t.app, story.parent.id), 'GET', `/api/timetable/week?studentId=${story.pupil.id}`);
  assert.equal(res.statusCode, 200);
  const week = (res.json() as { week: { days: { occurrences: { status: string }[] }[] } }).week;
  const all = week.days.flatMap((d) => d.occurrences);
  assert.ok(all.length >= 16, `a four-day week of slots (${all.length})`);
  assert.equal(all.filter((o) => o.status === 'cancelled').length, 1, 'Thursday afternoon is cancelled');
});

test('the demo inspector opens the circonscription of the demo’s schools, with a year of figures', async () => {
  const printed = first.logins.find((l) => /^Inspectrice/.test(l.role));
  assert.ok(printed, 'the inspector’s login is printed');
  const inspector = await t.app.db.selectFrom('people').select('id').where('login', '=', printed.login).executeTakeFirstOrThrow();
  const as = await loginAs(t.app, inspector.id);
  const [circo] = (await request(t.app, as, 'GET', '/api/steering/dashboards')).json().items;
  const d = (await request(t.app, as, 'GET', `/api/steering/structures/${circo.id}`)).json();
  assert.ok(
    d.schools.some((s: { name: string }) => s.name === 'École primaire Jean-Jaurès'),
    'the demo school is in it',
  );
  const pupils = d.active.find((s: { profile: string }) => s.profile === 'student').values;
  assert.ok(pupils.filter((v: unknown) => typeof v === 'number' && v >= 100).length >= 8, `pupils month after month: ${pupils.join(', ')}`);
});
