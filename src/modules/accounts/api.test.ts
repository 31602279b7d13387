import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { activationCode } from '../../kernel/auth/tokens.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { auditRows, sessionCookieOf, Visitor } from './test-helpers.js';

const PASSWORD = 'trois hiboux sur la branche';

let t: TestApp;
let schoolId: string;
let teacher: Awaited<ReturnType<typeof buildPerson>>;

before(async () => {
  t = await buildTestApp(buildApp);
  schoolId = (await buildSchool(t.app.db, { name: 'Collège Jean Moulin', kind: 'college' })).id;
  teacher = await buildPerson(t.app.db, {
    profile: 'teacher',
    firstName: 'Nadia',
    lastName: 'Prof',
    structureId: schoolId,
    roles: ['director'],
    password: PASSWORD,
  });
});
after(() => t.close());

const personRow = (id: string) => t.app.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('GET /api/accounts/me', () => {
  test('without a session: null actor and the double-submit token, matching its cookie', async () => {
    const visitor = new Visitor(t.app);
    const me = await visitor.me();
    assert.equal(me.actor, null);
    assert.ok(me.csrfToken.length >= 20, 'me.csrfToken.length >= 20');
    assert.equal(me.csrfToken, visitor.cookies.get('preau_csrf'));
  });

  test('with a session: the actor and the session token', async () => {
    const session = await loginAs(t.app, teacher.id);
    const res = await request(t.app, session, 'GET', '/api/accounts/me');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.csrfToken, session.csrf);
    assert.equal(body.actor.personId, teacher.id);
    assert.equal(body.actor.displayName, 'Nadia Prof');
    assert.equal(body.actor.charterAccepted, true);
    assert.deepEqual(body.actor.structures, [{ id: schoolId, name: 'Collège Jean Moulin' }]);
    assert.deepEqual(body.actor.roles, { [schoolId]: ['director'] });
    assert.equal(body.actor.passwordHash, undefined);
  });
});

describe('POST /api/accounts/login', () => {
  test('needs the CSRF token', async () => {
    const visitor = new Visitor(t.app);
    await visitor.me();
    const res = await visitor.postJson('/api/accounts/login', { login: teacher.login, password: PASSWORD }, null);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf');
    assert.equal(sessionCookieOf(res), undefined);
  });

  test('bad input: 400 validation', async () => {
    const visitor = new Visitor(t.app);
    await visitor.me();
    const res = await visitor.postJson('/api/accounts/login', { login: teacher.login });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation');
  });

  test('wrong password and unknown login: the same 401', async () => {
    const visitor = new Visitor(t.app);
    await visitor.me();
    const wrong = await visitor.postJson('/api/accounts/login', { login: teacher.login, password: 'pas le bon du tout' });
    const unknown = await visitor.postJson('/api/accounts/login', { login: 'personne.inconnue', password: 'pas le bon du tout' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), unknown.json());
    assert.equal(wrong.json().error.code, 'auth.invalid_credentials');
    assert.equal(wrong.json().error.message, 'Identifiant ou mot de passe incorrect.');
    assert.equal(sessionCookieOf(wrong), undefined);
  });

  test('happy path: person, new CSRF token, session cookie', async () => {
    const visitor = new Visitor(t.app);
    const before = await visitor.me();
    const res = await visitor.postJson('/api/accounts/login', { login: teacher.login, password: PASSWORD });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.person, { id: teacher.id, displayName: 'Nadia Prof', profile: 'teacher', charterAccepted: true });
    assert.notEqual(body.csrfToken, before.csrfToken);
    assert.ok(sessionCookieOf(res)?.httpOnly, 'sessionCookieOf(res)?.httpOnly');
    const me = await visitor.me();
    assert.equal(me.actor?.personId, teacher.id);
    assert.equal(me.csrfToken, body.csrfToken);
  });

  test('after 10 failures from one browser: 429 with Retry-After, even with the right password', async () => {
    const visitor = new Visitor(t.app, '10.3.3.3');
    await visitor.me();
    for (let i = 0; i < 10; i++) await visitor.postJson('/api/accounts/login', { login: 'cible.api', password: `essai ${i}` });
    const res = await visitor.postJson('/api/accounts/login', { login: 'cible.api', password: PASSWORD });
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().error.code, 'auth.throttled');
    assert.match(String(res.headers['retry-after']), /^[1-9]\d*$/);
  });

  test('a pending account and an unknown login get the same answer, pointing to activation', async () => {
    const pending = await buildPerson(t.app.db, { profile: 'relative', structureId: schoolId, pending: true });
    const visitor = new Visitor(t.app, '10.3.3.4');
    await visitor.me();
    const res = await visitor.postJson('/api/accounts/login', { login: pending.login, password: 'peu importe lequel' });
    const unknown = await visitor.postJson('/api/accounts/login', { login: 'personne.inconnue', password: 'peu importe lequel' });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), unknown.json());
    assert.equal(res.json().error.details.activation, '/api/accounts/activate');
  });
});

describe('POST /api/accounts/logout', () => {
  test('without a session: 401, nothing to end', async () => {
    const visitor = new Visitor(t.app);
    await visitor.me();
    const res = await visitor.postJson('/api/accounts/logout', {});
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthenticated');
  });

  test('with a wrong CSRF token the session survives', async () => {
    const session = await loginAs(t.app, teacher.id);
    const res = await request(t.app, session, 'POST', '/api/accounts/logout', {}, { headers: { 'x-csrf-token': 'nope' } });
    assert.equal(res.statusCode, 403);
    assert.equal((await request(t.app, session, 'GET', '/api/accounts/me')).json().actor.personId, teacher.id);
  });

  test('ends the session', async () => {
    const session = await loginAs(t.app, teacher.id);
    const res = await request(t.app, session, 'POST', '/api/accounts/logout', {});
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await request(t.app, session, 'GET', '/api/accounts/me')).json().actor, null);
  });
});

describe('POST /api/accounts/activate', () => {
  const pending = () => buildPerson(t.app.db, { profile: 'student', firstName: 'Lucien', lastName: 'Girard', structureId: schoolId, pending: true });

  test('a wrong code: 401, nothing changed', async () => {
    const person = await pending();
    const visitor = new Visitor(t.app);
    await visitor.me();
    const res = await visitor.postJson('/api/accounts/activate', { login: person.login, code: activationCode(), password: PASSWORD, acceptCharter: true });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'auth.invalid_activation_code');
    assert.equal((await personRow(person.id)).passwordHash, null);
  });

  test('a weak password or a missing charter: 400 with field details, nothing changed', async () => {
    const person = await pending();
    const visitor = new Visitor(t.app);
    await visitor.me();
    const weak = await visitor.postJson('/api/accounts/activate', {
      login: person.login,
      code: person.activationCode,
      password: 'lucien girard 2015',
      acceptCharter: true,
    });
    assert.equal(weak.statusCode, 400);
    assert.deepEqual(
      weak.json().error.details.map((d: { field: string }) => d.field),
      ['password'],
    );
    const noCharter = await visitor.postJson('/api/accounts/activate', { login: person.login, code: person.activationCode, password: PASSWORD });
    assert.equal(noCharter.statusCode, 400);
    assert.deepEqual(
      noCharter.json().error.details.map((d: { field: string }) => d.field),
      ['acceptCharter'],
    );
    const refused = await visitor.postJson('/api/accounts/activate', {
      login: person.login,
      code: person.activationCode,
      password: 'court',
      acceptCharter: false,
    });
    assert.deepEqual(
      refused
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
      ['acceptCharter', 'password'],
    );
    const row = await personRow(person.id);
    assert.equal(row.passwordHash, null);
    assert.equal(row.activationCode, person.activationCode);
  });

  test('happy path: activated, charter accepted, signed in, audited', async () => {
    const person = await pending();
    const visitor = new Visitor(t.app);
    await visitor.me();
    const code = person.activationCode!.toLowerCase().replace('-', '');
    const res = await visitor.postJson('/api/accounts/activate', { login: person.login.toUpperCase(), code, password: PASSWORD, acceptCharter: true });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().person, { id: person.id, displayName: 'Lucien Girard', profile: 'student', charterAccepted: true });
    assert.ok(sessionCookieOf(res), 'sessionCookieOf(res)');
    const row = await personRow(person.id);
    assert.ok(row.passwordHash && row.activatedAt && row.charterAcceptedAt, 'row.passwordHash && row.activatedAt && row.charterAcceptedAt');
    assert.equal(row.activationCode, null);
    const me = await visitor.me();
    assert.equal(me.actor?.charterAccepted, true);
    const audit = (await auditRows(t.app, 'account.activate')).filter((r) => r.subjectId === person.id);
    assert.equal(audit.length, 1);
    const again = await visitor.postJson('/api/accounts/activate', { login: person.login, code, password: PASSWORD, acceptCharter: true });
    assert.equal(again.statusCode, 401);
  });
});

describe('POST /api/accounts/charter', () => {
  test('needs a session', async () => {
    const visitor = new Visitor(t.app);
    await visitor.me();
    assert.equal((await visitor.postJson('/api/accounts/charter', { accept: true })).statusCode, 401);
  });

  test('refuses accept: false, then records the acceptance', async () => {
    const person = await buildPerson(t.app.db, { profile: 'relative', structureId: schoolId });
    await t.app.db.updateTable('people').set({ charterAcceptedAt: null }).where('id', '=', person.id).execute();
    const session = await loginAs(t.app, person.id);
    const blocked = await request(t.app, session, 'GET', '/api/notifications');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'account.charter_required');
    const refused = await request(t.app, session, 'POST', '/api/accounts/charter', { accept: false });
    assert.equal(refused.statusCode, 400);
    assert.equal((await personRow(person.id)).charterAcceptedAt, null);
    const ok = await request(t.app, session, 'POST', '/api/accounts/charter', { accept: true });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { charterAccepted: true });
    assert.ok((await personRow(person.id)).charterAcceptedAt, '(await personRow(person.id)).charterAcceptedAt');
  });
});

test('the accounts API is described in /api/openapi.json, which a stranger may read', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.match(doc.openapi, /^3\./);
  for (const path of ['/api/accounts/me', '/api/accounts/login', '/api/accounts/logout', '/api/accounts/activate', '/api/accounts/charter']) {
    assert.ok(doc.paths[path], path);
  }
  assert.ok(doc.paths['/api/accounts/login'].post.responses['401'], "doc.paths['/api/accounts/login'].post.responses['401']");
  assert.deepEqual(doc.paths['/api/accounts/login'].post.tags, ['accounts']);
});
