import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { Throttle } from '../../kernel/auth/throttle.js';
import { logIn } from './service.js';
import { auditRows, sessionCookieOf, Visitor } from './test-helpers.js';

const PASSWORD = 'quatre chats gris dansent';

let t: TestApp;
let school: Awaited<ReturnType<typeof buildSchool>>;
let teacher: Awaited<ReturnType<typeof buildPerson>>;

before(async () => {
  t = await buildTestApp(buildApp);
  school = await buildSchool(t.app.db, { name: 'École des Tilleuls' });
  teacher = await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Théo', lastName: 'Enseignant', structureId: school.id, password: PASSWORD });
});
after(() => t.close());

async function sessionCount(personId: string) {
  const rows = await t.app.db.selectFrom('sessions').select('id').where('personId', '=', personId).execute();
  return rows.length;
}

describe('GET /login', () => {
  test('shows a labelled form with autocomplete hints and the CSRF cookie', async () => {
    const visitor = new Visitor(t.app);
    const res = await visitor.get('/login');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<label for="field-login"/);
    assert.match(res.body, /autocomplete="username"/);
    assert.match(res.body, /autocomplete="current-password"/);
    assert.match(res.body, /href="\/activate"/);
    assert.ok(visitor.cookies.get('preau_csrf'), "visitor.cookies.get('preau_csrf')");
    assert.equal(visitor.csrf, visitor.cookies.get('preau_csrf'));
  });

  test('keeps only a same-site next path', async () => {
    const visitor = new Visitor(t.app);
    assert.match((await visitor.get('/login?next=%2Fdirectory')).body, /name="next" value="\/directory"/);
    assert.doesNotMatch((await visitor.get('/login?next=%2F%2Fevil.example')).body, /name="next"/);
    assert.doesNotMatch((await visitor.get('/login?next=https%3A%2F%2Fevil.example')).body, /name="next"/);
  });
});

describe('POST /login', () => {
  test('signs in: HttpOnly SameSite=Lax session cookie, redirect home, audit row', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    const res = await visitor.post('/login', { login: ' Theo.Enseignant ', password: PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    const cookie = sessionCookieOf(res);
    assert.ok(cookie, 'cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    const me = await visitor.me();
    assert.equal(me.actor?.personId, teacher.id);
    const success = (await auditRows(t.app, 'login.success')).filter((r) => r.subjectId === teacher.id);
    assert.ok(success.length >= 1, 'success.length >= 1');
    assert.equal(success.at(-1)!.ip, '127.0.0.1');
  });

  test('rotates the session: the previous cookie stops working after a new login', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    await visitor.post('/login', { login: teacher.login, password: PASSWORD });
    const first = visitor.cookies.get('preau_session')!;
    await visitor.me();
    const res = await visitor.post('/login', { login: teacher.login, password: PASSWORD });
    assert.equal(res.statusCode, 303);
    const second = visitor.cookies.get('preau_session')!;
    assert.notEqual(first, second);
    const old = await t.app.inject({ method: 'GET', url: '/api/accounts/me', headers: { cookie: `preau_session=${first}` } });
    assert.equal(old.json().actor, null);
    const fresh = await t.app.inject({ method: 'GET', url: '/api/accounts/me', headers: { cookie: `preau_session=${second}` } });
    assert.equal(fresh.json().actor.personId, teacher.id);
  });

  test('honours a same-site next and refuses open redirects', async () => {
    const cases: [string, string][] = [
      ['/directory?q=l%C3%A9a', '/directory?q=l%C3%A9a'],
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['javascript:alert(1)', '/'],
    ];
    for (const [next, location] of cases) {
      const visitor = new Visitor(t.app);
      await visitor.get('/login');
      const res = await visitor.post('/login', { login: teacher.login, password: PASSWORD, next });
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, location, next);
    }
  });

  test('wrong password and unknown login answer the same page, and are audited', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    const wrong = await visitor.post('/login', { login: teacher.login, password: 'pas le bon mot de passe' });
    const unknown = await visitor.post('/login', { login: 'personne.inconnue', password: 'pas le bon mot de passe' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(unknown.statusCode, 400);
    assert.equal(sessionCookieOf(wrong), undefined);
    assert.match(wrong.body, /Identifiant ou mot de passe incorrect\./);
    assert.equal(wrong.body.replace(teacher.login, 'LOGIN'), unknown.body.replace('personne.inconnue', 'LOGIN'));
    const failures = await auditRows(t.app, 'login.failure');
    assert.ok(
      failures.some((r) => r.details?.login === 'personne.inconnue' && r.ip === '127.0.0.1' && r.subjectId === null),
      "failures.some((r) => r.details?.login === 'personne.inconnue' && r.ip === '127.0.0.1' &...",
    );
    assert.ok(
      failures.some((r) => r.details?.login === teacher.login && r.subjectId === teacher.id),
      'failures.some((r) => r.details?.login === teacher.login && r.subjectId === teacher.id)',
    );
  });

  test('empty fields re-render with field errors, never a 500', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    const res = await visitor.post('/login', { login: '', password: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /class="error-summary"/);
    assert.match(res.body, /href="#field-login"/);
    assert.match(res.body, /aria-invalid="true"/);
    const repeated = await visitor.post('/login', { login: ['a', 'b'], password: 'x'.repeat(2000) });
    assert.equal(repeated.statusCode, 400);
  });

  test('a deactivated person cannot sign in, with the same generic message', async () => {
    const password = 'une autre phrase secrète';
    const gone = await buildPerson(t.app.db, { profile: 'relative', structureId: school.id, password });
    await t.app.db.updateTable('people').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    const res = await visitor.post('/login', { login: gone.login, password });
    assert.equal(res.statusCode, 400);
    assert.equal(sessionCookieOf(res), undefined);
    assert.match(res.body, /Identifiant ou mot de passe incorrect\./);
    assert.doesNotMatch(res.body, /désactivé/i);
  });

  test('a pending account gets exactly the page an unknown login gets, pointing first logins to activation', async () => {
    const pending = await buildPerson(t.app.db, { profile: 'relative', structureId: school.id, pending: true });
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    const res = await visitor.post('/login', { login: pending.login, password: 'peu importe lequel' });
    const unknown = await visitor.post('/login', { login: 'personne.inconnue', password: 'peu importe lequel' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Identifiant ou mot de passe incorrect\./);
    assert.match(res.body, /activez d’abord votre compte/);
    assert.match(res.body, /<a href="\/activate">/);
    assert.equal(res.body.replace(pending.login, 'LOGIN'), unknown.body.replace('personne.inconnue', 'LOGIN'));
  });

  test('after 5 failures from one browser: 429 with Retry-After, refused before any password check', async () => {
    const target = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id, password: PASSWORD });
    const visitor = new Visitor(t.app, '10.1.1.1');
    await visitor.get('/login');
    for (let i = 0; i < 5; i++) {
      const res = await visitor.post('/login', { login: target.login, password: `mauvais essai ${i}` });
      assert.equal(res.statusCode, 400);
    }
    const failuresBefore = (await auditRows(t.app, 'login.failure')).length;
    const blocked = await visitor.post('/login', { login: target.login, password: PASSWORD });
    assert.equal(blocked.statusCode, 429);
    assert.match(String(blocked.headers['retry-after']), /^[1-9]\d*$/);
    assert.equal(sessionCookieOf(blocked), undefined);
    assert.match(blocked.body, /Trop de tentatives/);
    assert.doesNotMatch(blocked.body, /Identifiant ou mot de passe incorrect/);
    // Refused before any password check: no failure recorded, a throttle row instead.
    assert.equal((await auditRows(t.app, 'login.failure')).length, failuresBefore);
    const throttled = await auditRows(t.app, 'login.throttled');
    assert.equal(throttled.at(-1)?.ip, '10.1.1.1');
    assert.equal(throttled.at(-1)?.subjectId, target.id);
  });

  test('an unknown login costs the same argon2 work as a wrong password', async () => {
    const deps = { db: t.app.db, clock: t.app.clock };
    const throttle = new Throttle();
    const timed = async (login: string) => {
      const started = performance.now();
      const result = await logIn(deps, throttle, { login, password: 'pas le bon mot de passe', ip: '10.9.9.9' });
      assert.deepEqual(result, { ok: false, reason: 'invalid' });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await timed(teacher.login));
      unknown.push(await timed(`personne.${i}`));
    }
    // The fastest of each, which a busy machine can only slow down: without the dummy hash an
    // unknown login answers in about a millisecond, against tens for argon2.
    const [u, k] = [Math.min(...unknown), Math.min(...known)];
    assert.ok(u > k * 0.4, `unknown ${u.toFixed(1)} ms, known ${k.toFixed(1)} ms`);
  });

  test('without the CSRF token: 403 and no session', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    const before = await sessionCount(teacher.id);
    const missing = await visitor.post('/login', { login: teacher.login, password: PASSWORD }, null);
    assert.equal(missing.statusCode, 403);
    const forged = await visitor.post('/login', { login: teacher.login, password: PASSWORD }, 'x'.repeat(32));
    assert.equal(forged.statusCode, 403);
    assert.equal(sessionCookieOf(missing), undefined);
    assert.equal(await sessionCount(teacher.id), before);
  });
});

describe('POST /logout', () => {
  test('ends the session and goes back to the login page with a message', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/login');
    await visitor.post('/login', { login: teacher.login, password: PASSWORD });
    const token = visitor.cookies.get('preau_session')!;
    await visitor.me();
    const res = await visitor.post('/logout', {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/login');
    assert.equal(visitor.cookies.get('preau_session'), undefined);
    const page = await visitor.get('/login');
    assert.match(page.body, /Vous êtes déconnecté/);
    const old = await t.app.inject({ method: 'GET', url: '/api/accounts/me', headers: { cookie: `preau_session=${token}` } });
    assert.equal(old.json().actor, null);
  });

  test('without the CSRF token the session survives', async () => {
    const session = await loginAs(t.app, teacher.id);
    const res = await request(t.app, session, 'POST', '/logout', {}, { headers: { 'x-csrf-token': 'nope' } });
    assert.equal(res.statusCode, 403);
    const me = await request(t.app, session, 'GET', '/api/accounts/me');
    assert.equal(me.json().actor.personId, teacher.id);
  });
});

describe('POST /account/structure', () => {
  test('switches to another structure of the person', async () => {
    const other = await buildSchool(t.app.db, { name: 'École du Port' });
    const both = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
    await t.app.db
      .insertInto('structureMembers')
      .values({ structureId: other.id, personId: both.id, active: 1, importKey: null, source: 'manual', createdAt: new Date().toISOString() })
      .execute();
    const session = await loginAs(t.app, both.id, school.id);
    const res = await request(t.app, session, 'POST', '/account/structure', { structureId: other.id });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    const me = await request(t.app, session, 'GET', '/api/accounts/me');
    assert.equal(me.json().actor.activeStructureId, other.id);
  });

  test('refuses a structure the person does not belong to, and changes nothing', async () => {
    const foreign = await buildSchool(t.app.db, { name: 'École lointaine' });
    const session = await loginAs(t.app, teacher.id, school.id);
    const res = await request(t.app, session, 'POST', '/account/structure', { structureId: foreign.id });
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /École lointaine/);
    const malformed = await request(t.app, session, 'POST', '/account/structure', { structureId: 'no-such-structure' });
    assert.equal(malformed.statusCode, 400);
    const me = await request(t.app, session, 'GET', '/api/accounts/me');
    assert.equal(me.json().actor.activeStructureId, school.id);
  });

  test('the instance administrator may work in any structure', async () => {
    const admin = await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true });
    const session = await loginAs(t.app, admin.id);
    const res = await request(t.app, session, 'POST', '/account/structure', { structureId: school.id });
    assert.equal(res.statusCode, 303);
    assert.equal((await request(t.app, session, 'GET', '/api/accounts/me')).json().actor.activeStructureId, school.id);
  });

  test('needs the CSRF token: a forged one changes nothing', async () => {
    const other = await buildSchool(t.app.db, { name: 'École de la Gare' });
    const both = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
    await t.app.db
      .insertInto('structureMembers')
      .values({ structureId: other.id, personId: both.id, active: 1, importKey: null, source: 'manual', createdAt: new Date().toISOString() })
      .execute();
    const session = await loginAs(t.app, both.id, school.id);
    const res = await request(t.app, session, 'POST', '/account/structure', { structureId: other.id }, { headers: { 'x-csrf-token': 'nope' } });
    assert.equal(res.statusCode, 403);
    assert.equal((await request(t.app, session, 'GET', '/api/accounts/me')).json().actor.activeStructureId, school.id);
  });
});
