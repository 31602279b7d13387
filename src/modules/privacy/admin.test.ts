import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { audit } from '../../kernel/audit.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
let instanceAdminId = '';
const clock = new TestClock(TEST_NOW);
const as = (personId: string) => loginAs(t.app, personId);

type Entry = { action: string; actor: { login: string } | null; subject: { login: string } | null; structure: string | null; details: unknown };
const entries = async (personId: string, query = '') => {
  const res = await request(t.app, await as(personId), 'GET', `/api/privacy/audit${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: Entry[] }).items;
};
const actions = (items: Entry[]) => items.map((e) => e.action).sort();

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  instanceAdminId = (await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true })).id;
  // Rows written directly: the audit log only ever grows, and the viewer's dates are the rows' own.
  const at = async (iso: string, entry: Parameters<typeof audit>[1]) => {
    await audit(t.app.db, entry);
    await t.app.db.updateTable('auditLog').set({ at: iso }).where('action', '=', entry.action).execute();
  };
  await at('2025-03-10T08:00:00Z', {
    action: 'person.move',
    actorId: w.director.id,
    subjectId: w.ce1a.id,
    structureId: w.schoolA.id,
    details: { classId: 'x' },
  });
  await at('2025-03-14T22:30:00Z', { action: 'login.success', subjectId: w.ce1Teacher.id, ip: '192.0.2.7' });
  await at('2025-03-12T08:00:00Z', { action: 'person.update', actorId: w.otherTeacher.id, subjectId: w.otherStudent.id, structureId: w.schoolB.id });
  await at('2025-03-13T08:00:00Z', { action: 'account.reset', subjectId: w.otherParent.id });
});
after(() => t.close());

describe('privacy: the processing register', () => {
  test('teachers, parents and pupils are told no; a director reads every declared processing', async () => {
    for (const personId of [w.ce1Teacher.id, w.ce1aParent.id, w.ce1a.id]) {
      const session = await as(personId);
      assert.equal((await request(t.app, session, 'GET', '/api/privacy/register')).statusCode, 403);
      const page = await request(t.app, session, 'GET', '/privacy/register');
      assert.equal(page.statusCode, 403);
      assert.ok(!page.body.includes('Finalité'), 'no register in the refusal');
    }
    const res = await request(t.app, await as(w.director.id), 'GET', '/api/privacy/register');
    assert.equal(res.statusCode, 200);
    const modules = (res.json() as { items: Array<{ module: string; retention: string }> }).items.map((i) => i.module).sort();
    assert.deepEqual(modules, [
      'assessment',
      'attendance',
      'audit',
      'billing',
      'blog',
      'calendar',
      'canteen',
      'cas',
      'directory',
      'documents',
      'federation',
      'forum',
      'homework',
      'liaison',
      'messaging',
      'mfa',
      'news',
      'notifications',
      'offline',
      'oneroster',
      'polls',
      'privacy',
      'reading',
      'requests',
      'resources',
      'timetable',
    ]);
    const page = await request(t.app, await as(w.director.id), 'GET', '/privacy/register');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes('Registre des traitements') && page.body.includes('Messagerie') && page.body.includes('Durée de conservation'), 'the page');
    assert.ok(page.body.includes('26&nbsp;traitements déclarés') || page.body.includes('26\u00a0traitements déclarés'), 'counted in French');
  });
});

describe('privacy: the audit log', () => {
  test('a local administrator reads their school’s entries and its members’ logins, nothing of the other school', async () => {
    const items = await entries(w.admin.id);
    assert.deepEqual(actions(items), ['login.success', 'person.move'], 'school A only');
    const move = items.find((e) => e.action === 'person.move')!;
    assert.equal(move.subject?.login, w.ce1a.login);
    assert.equal(move.structure, 'École des Tilleuls');
    assert.deepEqual(move.details, { classId: 'x' });
    const page = await request(t.app, await as(w.admin.id), 'GET', '/privacy/audit');
    assert.equal(page.statusCode, 200);
    for (const absent of [w.otherStudent.login, w.otherParent.login, 'person.update', 'account.reset'])
      assert.ok(!page.body.includes(absent), `${absent} is not shown`);
  });

  test('the instance administrator reads everything; teachers and directors are told no', async () => {
    assert.deepEqual(actions(await entries(instanceAdminId)), ['account.reset', 'login.success', 'person.move', 'person.update']);
    for (const personId of [w.ce1Teacher.id, w.director.id, w.ce1aParent.id]) {
      const session = await as(personId);
      for (const url of ['/api/privacy/audit', '/privacy/audit', '/privacy/audit.csv']) {
        const res = await request(t.app, session, 'GET', url);
        assert.equal(res.statusCode, 403, `${url}: ${res.statusCode}`);
        assert.ok(!res.body.includes('person.move'), 'no entry in the refusal');
      }
    }
  });

  test('filters: by person (author or subject), by action or its start, by Paris days', async () => {
    assert.deepEqual(actions(await entries(instanceAdminId, `?person=${w.ce1a.login}`)), ['person.move']);
    assert.deepEqual(actions(await entries(instanceAdminId, `?person=${w.director.login}`)), ['person.move'], 'as the author');
    assert.deepEqual(actions(await entries(instanceAdminId, '?action=person')), ['person.move', 'person.update']);
    assert.deepEqual(actions(await entries(instanceAdminId, '?action=person.move')), ['person.move']);
    assert.deepEqual(actions(await entries(instanceAdminId, '?action=pers')), [], 'a start is a whole segment');
    // 22:30 UTC on the 14th is 23:30 in Paris, still the 14th; the 15th starts at 23:00 UTC.
    assert.deepEqual(actions(await entries(instanceAdminId, '?from=2025-03-14&to=2025-03-14')), ['login.success']);
    assert.deepEqual(actions(await entries(instanceAdminId, '?from=2025-03-15')), []);
    assert.deepEqual(actions(await entries(instanceAdminId, '?to=2025-03-12')), ['person.move', 'person.update']);
  });

  test('a person outside their schools, a bad action or date: the form comes back with its messages, never a 500', async () => {
    const admin = await as(w.admin.id);
    const api = await request(t.app, admin, 'GET', `/api/privacy/audit?person=${w.otherStudent.login}`);
    assert.equal(api.statusCode, 400);
    assert.equal((api.json() as { error: { code: string } }).error.code, 'validation');
    const page = await request(t.app, admin, 'GET', `/privacy/audit?person=${w.otherStudent.login}&action=DROP%20TABLE&from=2025-02-30&to=hier`);
    assert.equal(page.statusCode, 400);
    assert.ok(page.body.includes('Aucune personne n’a cet identifiant'), 'the person');
    assert.ok(page.body.includes('lettres minuscules'), 'the action');
    assert.ok(page.body.includes('Saisissez une date valide'), 'the dates');
    assert.ok(page.body.includes('value="DROP TABLE"'), 'what was typed is kept');
    const range = await request(t.app, admin, 'GET', '/privacy/audit?from=2025-03-14&to=2025-03-10');
    assert.equal(range.statusCode, 400);
    assert.ok(range.body.includes('La date de fin doit suivre'), 'the range');
  });

  test('the CSV export holds the filtered entries of the administrator’s scope', async () => {
    const res = await request(t.app, await as(w.admin.id), 'GET', '/privacy/audit.csv?action=person');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.ok(res.body.startsWith('\uFEFFdate;action;auteur'), 'French spreadsheet header');
    const lines = res.body.trim().split('\r\n');
    assert.equal(lines.length, 2, res.body);
    assert.ok(lines[1]!.includes('person.move') && lines[1]!.includes(w.ce1a.login), 'the entry');
    assert.ok(!res.body.includes('person.update'), 'not the other school’s');
    const bad = await request(t.app, await as(w.admin.id), 'GET', '/privacy/audit.csv?from=nope');
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.body.includes('Saisissez une date valide'), 'the page with its message');
  });
});
