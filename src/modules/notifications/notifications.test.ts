import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { notify } from './index.js';
import { notifyOne } from './testing.js';

const clock = new TestClock('2027-03-15T10:00:00Z');
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const readAt = async (id: string) => (await t.app.db.selectFrom('notifications').select('readAt').where('id', '=', id).executeTakeFirstOrThrow()).readAt;

describe('notifications', () => {
  test('marking another person’s notification: 404, and it stays unread', async () => {
    const id = await notifyOne(t.app, w.ce1a.id, 'Photo de classe');
    for (const person of [w.ce1b, w.ce1aParent, w.ce1Teacher, w.otherParent]) {
      const res = await request(t.app, await loginAs(t.app, person.id), 'POST', `/api/notifications/${id}/read`);
      assert.equal(res.statusCode, 404, person.login);
      assert.doesNotMatch(res.body, /Photo de classe/);
    }
    assert.equal(await readAt(id), null);
    const owner = await loginAs(t.app, w.ce1a.id);
    assert.equal((await request(t.app, owner, 'POST', `/api/notifications/${id}/read`)).statusCode, 204);
    assert.equal(await readAt(id), clock.now().toISOString());
    assert.equal((await request(t.app, owner, 'POST', `/api/notifications/${id}/read`)).statusCode, 204, 'marking again changes nothing');
    assert.equal((await request(t.app, owner, 'POST', '/api/notifications/00000000-0000-4000-8000-000000000000/read')).statusCode, 404);
    assert.equal((await request(t.app, owner, 'POST', '/api/notifications/not-an-id/read')).statusCode, 400);
  });

  test('notify writes one row per recipient in chunks; each person sees only their own', async () => {
    const many = [];
    for (let i = 0; i < 230; i++) many.push((await buildPerson(t.app.db, { profile: 'student' })).id);
    const written = await notify(t.app.db, { recipients: [...many, many[0]!, w.cm2.id], kind: 'test', title: 'Sortie scolaire', link: '/' }, clock.now());
    assert.equal(written, 231, 'duplicates removed');
    assert.equal((await request(t.app, await loginAs(t.app, many[229]!), 'GET', '/api/notifications')).json().unread, 1);
    const mine = (await request(t.app, await loginAs(t.app, w.cm2.id), 'GET', '/api/notifications')).json();
    assert.equal(mine.unread, 1);
    assert.equal(mine.items[0].title, 'Sortie scolaire');
    const theirs = await request(t.app, await loginAs(t.app, w.otherStudent.id), 'GET', '/api/notifications');
    assert.equal(theirs.statusCode, 200);
    assert.doesNotMatch(theirs.body, /Sortie scolaire/);
  });

  test('a notification for later stays hidden, and cannot be marked, until the clock reaches it', async () => {
    const later = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const id = await notifyOne(t.app, w.cm2Parent.id, 'Plus tard', { visibleAt: later });
    const parent = await loginAs(t.app, w.cm2Parent.id);
    const before = (await request(t.app, parent, 'GET', '/api/notifications')).json();
    assert.deepEqual(before, { unread: 0, items: [] });
    assert.equal((await request(t.app, parent, 'POST', `/api/notifications/${id}/read`)).statusCode, 404);
    assert.equal((await request(t.app, parent, 'POST', '/api/notifications/read-all')).json().updated, 0);
    assert.equal(await readAt(id), null);
    clock.advance(2 * 3_600_000);
    // Two hours on, the first session has expired (sessions read the same clock): sign in again.
    const again = await loginAs(t.app, w.cm2Parent.id);
    const after = (await request(t.app, again, 'GET', '/api/notifications')).json();
    assert.equal(after.unread, 1);
    assert.equal(after.items[0].at, later);
    assert.equal((await request(t.app, again, 'POST', '/api/notifications/read-all')).json().updated, 1);
  });

  test('the page lists them and marks all read', async () => {
    await notifyOne(t.app, w.ce1bParent.id, 'Kermesse de juin');
    const parent = await loginAs(t.app, w.ce1bParent.id);
    const page = await request(t.app, parent, 'GET', '/notifications');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kermesse de juin/);
    assert.match(page.body, /action="\/notifications\/read-all"/);
    const done = await request(t.app, parent, 'POST', '/notifications/read-all', { _csrf: parent.csrf });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/notifications');
    const again = await request(t.app, parent, 'GET', '/notifications');
    assert.match(again.body, /Kermesse de juin/);
    assert.match(again.body, /Aucune notification non lue/);
  });

  test('a page size that is not a bounded whole number is a 400 in the JSON envelope', async () => {
    const session = await loginAs(t.app, w.ce1a.id);
    for (const limit of ['Infinity', '1e999', '-Infinity', '0', '101', '2.5', 'abc']) {
      const res = await request(t.app, session, 'GET', `/api/notifications?limit=${limit}`);
      assert.equal(res.statusCode, 400, limit);
      assert.equal(res.json().error.code, 'validation', limit);
    }
    assert.equal((await request(t.app, session, 'GET', '/api/notifications?offset=1e999')).statusCode, 400);
    assert.equal((await request(t.app, session, 'GET', '/api/notifications?limit=100')).statusCode, 200);
    assert.equal((await request(t.app, session, 'GET', '/api/notifications/')).statusCode, 404, 'no trailing-slash twin');
  });
});
