import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { auditRows, sessionCookieOf, Visitor } from '../accounts/test-helpers.js';
import { codeFor, currentCode, secretOnPage } from './testing.js';

const PASSWORD = 'quatre chats gris dansent';
const clock = new TestClock('2027-03-15T10:00:00Z');
const DAY = 24 * 60 * 60_000;

let t: TestApp;
let schoolA: Awaited<ReturnType<typeof buildSchool>>;
let schoolB: Awaited<ReturnType<typeof buildSchool>>;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  schoolA = await buildSchool(t.app.db, { name: 'École des Tilleuls' });
  schoolB = await buildSchool(t.app.db, { name: 'École du Port' });
});
after(() => t.close());

async function signIn(login: string) {
  const visitor = new Visitor(t.app);
  await visitor.get('/login');
  const res = await visitor.post('/login', { login, password: PASSWORD });
  return { visitor, res };
}

describe('the policy at sign-in', () => {
  test('a director without a factor is sent to enrolment during the grace period, then held', async () => {
    const director = await buildPerson(t.app.db, { profile: 'teacher', structureId: schoolA.id, password: PASSWORD, roles: ['director'] });
    const first = await signIn(director.login);
    assert.equal(first.res.headers.location, '/', 'within the grace period the person goes on');
    assert.ok(sessionCookieOf(first.res), 'within the grace period the session opens');
    const home = await first.visitor.get('/');
    assert.match(home.body, /ajoutez une application d’authentification depuis « Connexion renforcée » avant le/, 'told until when');
    const page = await first.visitor.get('/mfa/enrol');
    assert.match(page.body, /href="\/"/, 'with a “later” link');

    clock.advance(15 * DAY);
    const held = await signIn(director.login);
    assert.equal(held.res.headers.location, '/login/enrol');
    assert.equal(sessionCookieOf(held.res), undefined, 'past the grace period: no session until enrolled');
    assert.equal((await held.visitor.get('/directory')).statusCode, 303, 'the rest is out of reach');
    const enrolPage = await held.visitor.get('/login/enrol');
    assert.equal(enrolPage.statusCode, 200);
    const secret = secretOnPage(enrolPage.body);
    const wrong = await held.visitor.post('/login/enrol', { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(secretOnPage(wrong.body), secret, 'the form comes back with the same secret');
    const done = await held.visitor.post('/login/enrol', { code: codeFor(secret, clock.now()) });
    assert.equal(done.statusCode, 200);
    assert.ok(sessionCookieOf(done), 'enrolled: the session opens');
    assert.match(done.body, /id="recovery-codes"/);
    assert.equal((await held.visitor.get('/login/enrol')).statusCode, 303, 'the half-session is spent');
  });

  test('the instance administrator chooses the roles and the grace period (audited, bad input re-rendered)', async () => {
    const admin = await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true, password: PASSWORD });
    const session = await loginAs(t.app, admin.id);
    const bad = await request(t.app, session, 'POST', '/admin/mfa/policy', form({ roles: ['teacher'], graceDays: '400' }).payload, {
      headers: form({}).headers,
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /field-graceDays-error/);
    assert.match(bad.body, /value="400"/, 'what was typed comes back');
    const ok = await request(t.app, session, 'POST', '/admin/mfa/policy', form({ roles: ['teacher', 'director'], graceDays: '0' }).payload, {
      headers: form({}).headers,
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await auditRows(t.app, 'mfa.policy.change')).length, 1);
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: schoolA.id, password: PASSWORD });
    const held = await signIn(teacher.login);
    assert.equal(held.res.headers.location, '/login/enrol', 'teachers now, with no grace');
    const pupil = await buildPerson(t.app.db, { profile: 'student', structureId: schoolA.id, password: PASSWORD });
    assert.equal((await signIn(pupil.login)).res.headers.location, '/', 'pupils never');
    const reset = await request(
      t.app,
      session,
      'POST',
      '/admin/mfa/policy',
      form({ roles: ['director', 'localAdmin', 'instanceAdmin', 'municipal'], graceDays: '14' }).payload,
      {
        headers: form({}).headers,
      },
    );
    assert.equal(reset.statusCode, 303);
  });
});

describe('resetting a factor', () => {
  async function enrolled(structureId: string) {
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId, password: PASSWORD });
    const { visitor } = await signIn(teacher.login);
    await visitor.get('/mfa/enrol');
    assert.equal((await visitor.post('/mfa/enrol', { code: await currentCode(t.app, teacher.id) })).statusCode, 200, 'enrolled');
    clock.advance(60_000);
    return teacher;
  }

  test('a local administrator resets in their school only; the reset is audited and the next sign-in is by password', async () => {
    const admin = await buildPerson(t.app.db, { profile: 'personnel', structureId: schoolA.id, roles: ['localAdmin'] });
    const session = await loginAs(t.app, admin.id);
    const mine = await enrolled(schoolA.id);
    const theirs = await enrolled(schoolB.id);

    const other = await request(t.app, session, 'GET', `/admin/mfa?login=${theirs.login}`);
    assert.equal(other.statusCode, 404);
    assert.doesNotMatch(other.body, new RegExp(theirs.lastName), 'nothing about another school’s person');
    const refused = await request(t.app, session, 'POST', `/admin/mfa/${theirs.id}/reset`, form({}).payload, { headers: form({}).headers });
    assert.equal(refused.statusCode, 404);
    assert.equal((await t.app.db.selectFrom('mfaTotp').select('personId').where('personId', '=', theirs.id).execute()).length, 1, 'untouched');

    const found = await request(t.app, session, 'GET', `/admin/mfa?login=${mine.login}`);
    assert.equal(found.statusCode, 200);
    assert.match(found.body, new RegExp(`/admin/mfa/${mine.id}/reset`));
    const done = await request(t.app, session, 'POST', `/admin/mfa/${mine.id}/reset`, form({}).payload, { headers: form({}).headers });
    assert.equal(done.statusCode, 303);
    const rows = (await auditRows(t.app, 'mfa.reset')).filter((r) => r.subjectId === mine.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actorId, admin.id);
    assert.equal(rows[0]!.structureId, schoolA.id);
    assert.equal((await t.app.db.selectFrom('mfaRecoveryCodes').select('id').where('personId', '=', mine.id).execute()).length, 0, 'codes gone');
    assert.equal((await signIn(mine.login)).res.headers.location, '/', 'signed in by password again');
  });

  test('a teacher cannot open the page nor reset', async () => {
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: schoolA.id });
    const session = await loginAs(t.app, teacher.id);
    const target = await enrolled(schoolA.id);
    assert.equal((await request(t.app, session, 'GET', '/admin/mfa')).statusCode, 403);
    const res = await request(t.app, session, 'POST', `/admin/mfa/${target.id}/reset`, form({}).payload, { headers: form({}).headers });
    assert.equal(res.statusCode, 404);
    assert.equal((await t.app.db.selectFrom('mfaTotp').select('personId').where('personId', '=', target.id).execute()).length, 1, 'untouched');
  });
});
