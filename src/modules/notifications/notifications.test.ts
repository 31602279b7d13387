import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { notify } from './index.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

describe('notifications', () => {
  test('need a session', async () => {
    assert.equal((await request(t.app, null, 'GET', '/api/notifications')).statusCode, 401);
    assert.equal((await request(t.app, null, 'POST', '/api/notifications/read-all')).statusCode, 401);
    assert.equal((await request(t.app, null, 'GET', '/notifications')).statusCode, 303);
  });

  test('notify writes one row per recipient in chunks; each person sees only their own', async () => {
    const many = [];
    for (let i = 0; i < 230; i++) many.push((await buildPerson(t.app.db, { profile: 'student' })).id);
    const written = await notify(t.app.db, { recipients: [...many, many[0]!, w.ce1a.id], kind: 'test', title: 'Sortie scolaire', link: '/' });
    assert.equal(written, 231, 'duplicates removed');
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await notify(t.app.db, { recipients: [w.ce1a.id], kind: 'test', title: 'Plus tard', link: '/', visibleAt: later });
    const mine = (await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', '/api/notifications')).json();
    assert.equal(mine.unread, 1);
    assert.equal(mine.items.length, 1, 'the future one is hidden');
    const other = await loginAs(t.app, w.ce1b.id);
    const theirs = await request(t.app, other, 'GET', '/api/notifications');
    assert.doesNotMatch(theirs.body, /Sortie scolaire/);
    const steal = await request(t.app, other, 'POST', `/api/notifications/${mine.items[0].id}/read`);
    assert.equal(steal.statusCode, 404);
    const pupil = await loginAs(t.app, w.ce1a.id);
    assert.equal((await request(t.app, pupil, 'POST', `/api/notifications/${mine.items[0].id}/read`)).statusCode, 204);
    const page = await request(t.app, pupil, 'GET', '/notifications');
    assert.match(page.body, /Sortie scolaire/);
    assert.match(page.body, /Aucune notification non lue/);
  });
});
