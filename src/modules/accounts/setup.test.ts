import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { sha256 } from '../../kernel/auth/tokens.js';
import { buildTestApp, type TestApp } from '../../kernel/testing/index.js';
import { ensureSetupToken } from './index.js';
import { auditRows, sessionCookieOf, Visitor } from './test-helpers.js';

const PASSWORD = 'la cour de récré est vide';

let t: TestApp;

before(async () => {
  t = await buildTestApp(buildApp);
});
after(() => t.close());

const admins = () => t.app.db.selectFrom('people').selectAll().where('isSuperAdmin', '=', 1).execute();
const storedHash = async () => (await t.app.db.selectFrom('settings').select('value').where('key', '=', 'setup_token_hash').executeTakeFirst())?.value ?? null;

const fields = (token: string) => ({ token, firstName: 'Aïcha', lastName: 'Benali', login: 'admin.preau', password: PASSWORD, confirm: PASSWORD });

describe('first-run setup', () => {
  test('ensureSetupToken keeps only a digest, and a new token replaces the old one', async () => {
    const first = await ensureSetupToken(t.app.db);
    assert.ok(first && first.length >= 24, 'first && first.length >= 24');
    assert.equal(await storedHash(), sha256(first));
    const second = await ensureSetupToken(t.app.db);
    assert.ok(second && second !== first, 'second && second !== first');
    assert.equal(await storedHash(), sha256(second));
  });

  test('the form is labelled and asks for a new password', async () => {
    const page = await new Visitor(t.app).get('/setup');
    assert.equal(page.statusCode, 200);
    for (const name of ['token', 'firstName', 'lastName', 'login', 'password', 'confirm']) assert.match(page.body, new RegExp(`<label for="field-${name}"`));
    assert.match(page.body, /autocomplete="new-password"/);
  });

  test('a wrong or old token, or bad fields: 400 with the reasons, nothing created', async () => {
    const old = await ensureSetupToken(t.app.db);
    const current = await ensureSetupToken(t.app.db);
    const visitor = new Visitor(t.app);
    await visitor.get('/setup');
    for (const token of ['mauvais-jeton', old!, '']) {
      const res = await visitor.post('/setup', fields(token));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /href="#field-token"/);
      assert.equal(sessionCookieOf(res), undefined);
    }
    const bad = await visitor.post('/setup', { ...fields(current!), login: 'A B', password: 'azerty', confirm: 'azerty', firstName: ' ' });
    assert.equal(bad.statusCode, 400);
    for (const name of ['login', 'password', 'firstName']) assert.match(bad.body, new RegExp(`href="#field-${name}"`));
    assert.match(bad.body, /value="Benali"/);
    assert.equal((await admins()).length, 0);
    assert.equal(await storedHash(), sha256(current!));
  });

  test('without the CSRF token: 403 and nothing created', async () => {
    const token = await ensureSetupToken(t.app.db);
    const visitor = new Visitor(t.app);
    await visitor.get('/setup');
    const res = await visitor.post('/setup', fields(token!), null);
    assert.equal(res.statusCode, 403);
    assert.equal((await admins()).length, 0);
  });

  test('the right token creates the instance administrator once; then /setup is gone', async () => {
    const token = await ensureSetupToken(t.app.db);
    const visitor = new Visitor(t.app);
    await visitor.get('/setup');
    const res = await visitor.post('/setup', fields(token!));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    assert.ok(sessionCookieOf(res), 'sessionCookieOf(res)');

    const [admin, ...others] = await admins();
    assert.equal(others.length, 0);
    assert.ok(admin, 'admin');
    assert.equal(admin.login, 'admin.preau');
    assert.equal(admin.profile, 'personnel');
    assert.equal(admin.status, 'active');
    assert.ok(admin.passwordHash && admin.activatedAt && admin.charterAcceptedAt, 'admin.passwordHash && admin.activatedAt && admin.charterAcceptedAt');
    assert.equal(admin.activationCode, null);
    const memberships = await t.app.db.selectFrom('structureMembers').select('structureId').where('personId', '=', admin.id).execute();
    assert.equal(memberships.length, 0);
    assert.equal(await storedHash(), null);
    assert.ok(
      (await auditRows(t.app, 'setup.admin_created')).some((r) => r.subjectId === admin.id),
      "(await auditRows(t.app, 'setup.admin_created')).some((r) => r.subjectId === admin.id)",
    );

    const me = await visitor.me();
    assert.equal(me.actor?.isSuperAdmin, true);

    const other = new Visitor(t.app);
    assert.equal((await other.get('/setup')).statusCode, 404);
    await other.get('/login');
    const replay = await other.post('/setup', { ...fields(token!), login: 'second.admin' });
    assert.equal(replay.statusCode, 404);
    assert.equal((await admins()).length, 1);
    assert.equal(await ensureSetupToken(t.app.db), null);

    await other.get('/login');
    assert.equal((await other.post('/login', { login: 'admin.preau', password: PASSWORD })).statusCode, 303);
  });
});
