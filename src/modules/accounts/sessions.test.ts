import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson } from '../directory/testing.js';
import { Visitor } from './test-helpers.js';

// One app per test file: PostgreSQL test schemas share a database, and the migrator looks for its
// own tables across all schemas.
let t: TestApp;
before(async () => {
  t = await buildTestApp(buildApp, { sessionIdleMinutes: 5, sessionAbsoluteMinutes: 60 });
});
after(() => t.close());

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

const sessionRows = (personId: string) => t.app.db.selectFrom('sessions').selectAll().where('personId', '=', personId).execute();

test('activity keeps a session alive; idling past the limit ends it', async () => {
  const person = await buildPerson(t.app.db, { profile: 'teacher' });
  const session = await loginAs(t.app, person.id);
  await t.app.db
    .updateTable('sessions')
    .set({ lastSeenAt: minutesAgo(4) })
    .where('personId', '=', person.id)
    .execute();
  assert.equal((await request(t.app, session, 'GET', '/api/accounts/me')).json().actor.personId, person.id);
  const [touched] = await sessionRows(person.id);
  assert.ok(Date.parse(touched!.lastSeenAt) > Date.now() - 60_000, 'Date.parse(touched!.lastSeenAt) > Date.now() - 60_000');

  await t.app.db
    .updateTable('sessions')
    .set({ lastSeenAt: minutesAgo(6) })
    .where('personId', '=', person.id)
    .execute();
  const res = await request(t.app, session, 'GET', '/api/accounts/me');
  assert.equal(res.json().actor, null);
  assert.ok(
    res.cookies.some((c) => c.name === 'preau_session' && c.value === ''),
    "res.cookies.some((c) => c.name === 'preau_session' && c.value === '')",
  );
  assert.equal((await sessionRows(person.id)).length, 0);
});

test('a session past its absolute expiry is over, however active', async () => {
  const person = await buildPerson(t.app.db, { profile: 'teacher' });
  const session = await loginAs(t.app, person.id);
  await t.app.db
    .updateTable('sessions')
    .set({ expiresAt: minutesAgo(1), lastSeenAt: new Date().toISOString() })
    .where('personId', '=', person.id)
    .execute();
  const res = await request(t.app, session, 'GET', '/api/accounts/me');
  assert.equal(res.json().actor, null);
  assert.equal((await sessionRows(person.id)).length, 0);
  const post = await request(t.app, session, 'POST', '/account/structure', { structureId: person.id });
  assert.equal(post.statusCode, 303, 'the old session signs nobody in');
  assert.match(String(post.headers.location), /^\/login\?next=/);
});

test('the session cookie lives no longer than the absolute lifetime', async () => {
  const person = await buildPerson(t.app.db, { profile: 'teacher', password: 'quatre chats gris dansent' });
  const visitor = new Visitor(t.app);
  await visitor.get('/login');
  const res = await visitor.post('/login', { login: person.login, password: 'quatre chats gris dansent' });
  const cookie = res.cookies.find((c) => c.name === 'preau_session') as { maxAge?: number } | undefined;
  assert.equal(cookie?.maxAge, 60 * 60);
  const [row] = await sessionRows(person.id);
  const lifetime = Date.parse(row!.expiresAt) - Date.parse(row!.createdAt);
  assert.equal(lifetime, 60 * 60_000);
});
