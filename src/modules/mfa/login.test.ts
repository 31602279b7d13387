import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { auditRows, sessionCookieOf, Visitor } from '../accounts/test-helpers.js';
import { codeFor, recoveryCodesOnPage, secretOnPage } from './testing.js';

const PASSWORD = 'quatre chats gris dansent';
const clock = new TestClock('2027-03-15T10:00:00Z');

let t: TestApp;
let school: Awaited<ReturnType<typeof buildSchool>>;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
});
after(() => t.close());

async function person(profile: 'teacher' | 'student' | 'relative' | 'personnel', roles: ('director' | 'localAdmin')[] = []) {
  school ??= await buildSchool(t.app.db, { name: 'École des Tilleuls' });
  return buildPerson(t.app.db, { profile, structureId: school.id, password: PASSWORD, roles });
}

async function signIn(login: string, visitor = new Visitor(t.app)) {
  await visitor.get('/login');
  const res = await visitor.post('/login', { login, password: PASSWORD });
  return { visitor, res };
}

/** Enrols a signed-in person through the pages; answers the secret and the recovery codes. */
async function enrol(visitor: Visitor) {
  const page = await visitor.get('/mfa/enrol');
  assert.equal(page.statusCode, 200, 'the enrolment page opens');
  const secret = secretOnPage(page.body);
  assert.match(page.body, /<img src="data:image\/svg\+xml;base64,/, 'the QR code is on the page');
  const done = await visitor.post('/mfa/enrol', { code: codeFor(secret, clock.now()) });
  assert.equal(done.statusCode, 200, 'the first code confirms the enrolment');
  const codes = recoveryCodesOnPage(done.body);
  return { secret, codes };
}

describe('enrolment', () => {
  test('a wrong first code re-renders the form, keeps the same secret, and enables nothing', async () => {
    const teacher = await person('teacher');
    const { visitor } = await signIn(teacher.login);
    const first = secretOnPage((await visitor.get('/mfa/enrol')).body);
    const wrong = await visitor.post('/mfa/enrol', { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /field-code-error/);
    assert.equal(secretOnPage(wrong.body), first, 'a reload keeps the secret already scanned');
    const row = await t.app.db.selectFrom('mfaTotp').selectAll().where('personId', '=', teacher.id).executeTakeFirstOrThrow();
    assert.equal(row.confirmedAt, null);
    assert.ok(!row.secret.includes(first), 'the secret is stored encrypted, not in clear');
  });

  test('the first code confirms; ten recovery codes are shown once and stored hashed', async () => {
    const teacher = await person('teacher');
    const { visitor } = await signIn(teacher.login);
    const { codes } = await enrol(visitor);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10, 'ten different codes');
    const stored = await t.app.db.selectFrom('mfaRecoveryCodes').select('codeHash').where('personId', '=', teacher.id).execute();
    assert.equal(stored.length, 10);
    assert.ok(
      stored.every((s) => s.codeHash.startsWith('$argon2id$')),
      'argon2id hashes only',
    );
    const again = await visitor.get('/mfa/enrol');
    assert.equal(again.statusCode, 303, 'once enrolled, the page sends back to the status');
    assert.doesNotMatch((await visitor.get('/mfa')).body, new RegExp(codes[0]!), 'the codes are never shown again');
    assert.equal((await auditRows(t.app, 'mfa.totp.enrol')).filter((r) => r.subjectId === teacher.id).length, 1);
  });

  test('pupils and parents cannot enrol', async () => {
    for (const who of [await person('student'), await person('relative')]) {
      const { visitor } = await signIn(who.login);
      assert.equal((await visitor.get('/mfa/enrol')).statusCode, 403);
      assert.equal((await visitor.post('/mfa/enrol', { code: '123456' })).statusCode, 403);
      const rows = await t.app.db.selectFrom('mfaTotp').select('personId').where('personId', '=', who.id).execute();
      assert.equal(rows.length, 0, 'nothing stored');
    }
  });
});

describe('the second step', () => {
  test('after the password, a half-session that opens only the code page; a code signs in', async () => {
    const teacher = await person('teacher');
    const { visitor: first } = await signIn(teacher.login);
    const { secret } = await enrol(first);
    clock.advance(60_000);

    const { visitor, res } = await signIn(teacher.login);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/login/code');
    assert.equal(sessionCookieOf(res), undefined, 'no session before the second step');
    assert.equal((await visitor.get('/mfa')).statusCode, 303, 'the rest is out of reach');
    assert.equal((await visitor.me()).actor, null);

    const wrong = await visitor.post('/login/code', { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /field-code-error/);

    const ok = await visitor.post('/login/code', { code: codeFor(secret, clock.now()) });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/');
    assert.ok(sessionCookieOf(ok), 'the session opens after the code');
    assert.equal((await visitor.get('/mfa')).statusCode, 200);
    assert.equal((await visitor.get('/login/code')).statusCode, 303, 'the half-session is gone');
  });

  test('a code is never accepted twice, and one from an adjacent step still is', async () => {
    const teacher = await person('teacher');
    const { secret } = await enrol((await signIn(teacher.login)).visitor);
    clock.advance(90_000);
    const code = codeFor(secret, clock.now(), -30);
    const a = await signIn(teacher.login);
    assert.equal((await a.visitor.post('/login/code', { code })).statusCode, 303, 'one step late is within the window');
    const b = await signIn(teacher.login);
    assert.equal((await b.visitor.post('/login/code', { code })).statusCode, 400, 'the same code again is refused');
    assert.equal((await b.visitor.post('/login/code', { code: codeFor(secret, clock.now(), 90) })).statusCode, 400, 'three steps ahead is refused');
  });

  test('a recovery code works once', async () => {
    const teacher = await person('teacher');
    const { codes } = await enrol((await signIn(teacher.login)).visitor);
    const a = await signIn(teacher.login);
    const ok = await a.visitor.post('/login/code', { code: codes[3]!.toLowerCase() });
    assert.equal(ok.statusCode, 303, 'case and dash do not matter');
    assert.ok(sessionCookieOf(ok), 'signed in with a recovery code');
    const b = await signIn(teacher.login);
    assert.equal((await b.visitor.post('/login/code', { code: codes[3]! })).statusCode, 400, 'spent');
  });

  test('guessing codes is throttled like the password', async () => {
    const teacher = await person('teacher');
    await enrol((await signIn(teacher.login)).visitor);
    const { visitor } = await signIn(teacher.login);
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await visitor.post('/login/code', { code: String(100000 + i) })).statusCode;
    assert.equal(last, 429);
    assert.ok(
      (await auditRows(t.app, 'mfa.throttled')).some((r) => r.subjectId === teacher.id),
      'the refusal is audited',
    );
  });

  test('the JSON login names the second step instead of opening a session', async () => {
    const teacher = await person('teacher');
    await enrol((await signIn(teacher.login)).visitor);
    const visitor = new Visitor(t.app);
    await visitor.me();
    const res = await visitor.postJson('/api/accounts/login', { login: teacher.login, password: PASSWORD });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'auth.second_step_required');
    assert.equal(sessionCookieOf(res), undefined, 'no session');
  });

  test('without a factor, a teacher signs in at once and nothing is kept for them', async () => {
    const teacher = await person('teacher');
    const { res } = await signIn(teacher.login);
    assert.equal(res.headers.location, '/');
    assert.ok(sessionCookieOf(res), 'signed in');
    const since = await t.app.db.selectFrom('mfaRequiredSince').select('personId').where('personId', '=', teacher.id).execute();
    assert.equal(since.length, 0, 'teachers are not required by default');
  });
});
