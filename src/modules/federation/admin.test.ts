import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { runOidcCommand, OidcCliRefused } from './cli.js';
import { federationSecret, open, pairwiseSubject, seal } from './crypto.js';
import { rotateKeys, signingKeys } from './keys.js';
import { sweepExpiredModels } from './adapter.js';

let t: TestApp;
let admin: Session;
let localAdmin: Session;

before(async () => {
  t = await buildTestApp(buildApp);
  const school = await buildSchool(t.app.db);
  admin = await loginAs(t.app, (await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true })).id);
  localAdmin = await loginAs(t.app, (await buildPerson(t.app.db, { profile: 'personnel', structureId: school.id, roles: ['localAdmin'] })).id);
});
after(() => t.close());

const post = (s: Session, url: string, fields: Record<string, string>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};
const clients = () => t.app.db.selectFrom('oidcClients').selectAll().execute();

test('a local administrator is refused the register and stores nothing', async () => {
  const res = await post(localAdmin, '/admin/federation/clients', { name: 'Intrus', redirectUris: 'https://intrus.example/cb' });
  assert.equal(res.statusCode, 403);
  assert.equal((await clients()).length, 0);
});

test('a bad redirect URI re-renders the form with what was typed, and stores nothing', async () => {
  const res = await post(admin, '/admin/federation/clients', { name: 'Soutien', redirectUris: 'ftp://nope.example/cb' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Adresse incorrecte : « ftp:\/\/nope.example\/cb »/);
  assert.match(res.body, /value="Soutien"/);
  assert.equal((await clients()).length, 0);
});

test('the administrator adds a partner (secret shown once, stored sealed), revokes its tokens, deletes it', async () => {
  const res = await post(admin, '/admin/federation/clients', { name: 'Soutien scolaire', redirectUris: 'https://soutien.example/cb', refreshAllowed: 'on' });
  assert.equal(res.statusCode, 201);
  const [row] = await clients();
  assert.ok(row, 'the partner is stored');
  const secret = /Secret \(client_secret\)<\/dt><dd><code>([^<]+)</.exec(res.body)?.[1];
  assert.ok(secret, 'the secret is shown once');
  assert.ok(!row.secret.includes(secret), 'the secret is not stored in clear');
  assert.equal(open(await federationSecret(t.app.db), row.secret), secret);
  assert.equal(row.refreshAllowed, 1);
  const list = await request(t.app, admin, 'GET', '/admin/federation');
  assert.match(list.body, /Soutien scolaire/);
  assert.ok(!list.body.includes(secret), 'the list never shows the secret');
  await t.app.db
    .insertInto('oidcModels')
    .values({
      kind: 'AccessToken',
      id: 'tok1',
      payload: '{}',
      grantId: 'g1',
      clientId: row.id,
      accountId: null,
      userCode: null,
      uid: null,
      expiresAt: null,
      consumedAt: null,
    })
    .execute();
  const revoked = await post(admin, `/admin/federation/clients/${row.id}/revoke`, {});
  assert.equal(revoked.statusCode, 303);
  assert.equal((await t.app.db.selectFrom('oidcModels').select('id').where('clientId', '=', row.id).execute()).length, 0);
  const deleted = await post(admin, `/admin/federation/clients/${row.id}/delete`, {});
  assert.equal(deleted.statusCode, 303);
  assert.equal((await clients()).length, 0);
  const actions = (await t.app.db.selectFrom('auditLog').select('action').where('action', 'like', 'federation.client.%').execute()).map((a) => a.action);
  assert.deepEqual(actions.sort(), ['federation.client.add', 'federation.client.delete', 'federation.client.revoke']);
});

test('the command line prints client_id and client_secret as JSON, and refuses a bad address', async () => {
  const out = JSON.parse(
    await runOidcCommand(t.app, ['client', 'add', '--name', 'Manuels', '--redirect-uri', 'https://manuels.example/cb', '--trusted']),
  ) as Record<string, unknown>;
  assert.equal(typeof out.client_id, 'string');
  assert.equal(typeof out.client_secret, 'string');
  const row = await t.app.db.selectFrom('oidcClients').selectAll().where('id', '=', String(out.client_id)).executeTakeFirstOrThrow();
  assert.equal(row.trusted, 1);
  await assert.rejects(runOidcCommand(t.app, ['client', 'add', '--name', 'X', '--redirect-uri', 'http://exemple.fr/cb']), OidcCliRefused);
  await assert.rejects(runOidcCommand(t.app, ['client', 'list']), OidcCliRefused);
});

test('key rotation: a new signing key first, the old one still published, then gone after the grace period', async () => {
  const secret = await federationSecret(t.app.db);
  const now = new Date();
  const first = await signingKeys(t.app.db, secret, now);
  const kid = await rotateKeys(t.app.db, secret, now);
  const after = await signingKeys(t.app.db, secret, now);
  assert.equal(after[0]?.kid, kid, 'the new key signs');
  assert.ok(
    after.some((k) => k.kid === first[0]?.kid),
    'the old key is kept for verification',
  );
  const stored = await t.app.db.selectFrom('oidcKeys').select('privateJwk').where('kid', '=', kid).executeTakeFirstOrThrow();
  assert.ok(!stored.privateJwk.includes('"d"'), 'the private key is sealed');
  const later = new Date(now.getTime() + 8 * 24 * 3600_000);
  await rotateKeys(t.app.db, secret, later);
  const keys = await signingKeys(t.app.db, secret, later);
  assert.ok(!keys.some((k) => k.kid === first[0]?.kid), 'a key retired over a week ago is gone');
});

test('sealing: a changed byte or another secret does not open; pairwise subjects are stable per partner', () => {
  const sealed = seal('s1', 'secret');
  assert.equal(open('s1', sealed), 'secret');
  assert.throws(() => open('s2', sealed));
  assert.throws(() => open('s1', `${sealed.slice(0, -2)}AA`));
  assert.equal(pairwiseSubject('k', 'p', 'a'), pairwiseSubject('k', 'p', 'a'));
  assert.notEqual(pairwiseSubject('k', 'p', 'a'), pairwiseSubject('k', 'p', 'b'));
});

test('the sweep removes expired objects only', async () => {
  const row = (id: string, expiresAt: string | null) => ({
    kind: 'Session',
    id,
    payload: '{}',
    grantId: null,
    clientId: null,
    userCode: null,
    uid: null,
    expiresAt,
    consumedAt: null,
  });
  await t.app.db
    .insertInto('oidcModels')
    .values([row('old', '2020-01-01T00:00:00.000Z'), row('live', '2999-01-01T00:00:00.000Z')])
    .execute();
  assert.equal(await sweepExpiredModels(t.app.db, new Date()), 1);
  const left = await t.app.db.selectFrom('oidcModels').select('id').where('kind', '=', 'Session').execute();
  assert.deepEqual(
    left.map((r) => r.id),
    ['live'],
  );
});

test('the right of access lists the consents the person gave, with the partner’s name', async () => {
  const person = await buildPerson(t.app.db, { profile: 'student' });
  const out = JSON.parse(await runOidcCommand(t.app, ['client', 'add', '--name', 'Lecture', '--redirect-uri', 'https://lecture.example/cb'])) as {
    client_id: string;
  };
  const grant = { accountId: person.id, clientId: out.client_id, openid: { scope: 'openid profile' } };
  await t.app.db
    .insertInto('oidcModels')
    .values({
      kind: 'Grant',
      id: 'g-rgpd',
      payload: JSON.stringify(grant),
      grantId: null,
      clientId: out.client_id,
      accountId: person.id,
      userCode: null,
      uid: null,
      expiresAt: null,
      consumedAt: null,
    })
    .execute();
  const declaration = t.app.privacy.all.find((d) => d.module === 'federation');
  assert.ok(declaration, 'the module declares its processing');
  const data = await declaration.exportPerson(t.app.db, person.id);
  assert.deepEqual(data.tables[0]?.rows, [{ id: 'g-rgpd', clientId: out.client_id, application: 'Lecture', scopes: 'openid profile', expiresAt: null }]);
});
