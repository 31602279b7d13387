import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildClass, buildWorld, type World } from '../directory/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { buildBox, buildHandIn, buildNode } from './testing.js';

// Ten o'clock UTC today: the world's classes (built for today's school year) stay current.
const clock = new TestClock(`${new Date().toISOString().slice(0, 10)}T10:00:00.000Z`);
let t: TestApp;
let w: World;
const s: Record<string, Session> = {};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  for (const key of ['cm2Teacher', 'ce1Teacher', 'cm2', 'ce1a', 'cm2Parent', 'otherTeacher'] as const) s[key] = await loginAs(t.app, w[key].id);
});
after(() => t.close());

/** Every file on disk under the blob store, temporary ones included. */
function storedFiles(): number {
  const dir = path.join(t.config.dataDir, 'blobs');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

const send = (session: Session | null, url: string, name = 'intrus.txt') => {
  const body = multipart({ comment: 'x', parentsCanRead: 'true' }, [{ name, content: 'des octets à ne pas garder' }]);
  return request(t.app, session, 'POST', url, body.payload, { headers: body.headers });
};

describe('without a session', () => {
  test('a multipart POST gets 401 from the API and the login page for pages, before any CSRF check', async () => {
    for (const url of ['/api/documents/files', '/api/documents/boxes/00000000-0000-4000-8000-000000000000/hand-in']) {
      const res = await send(null, url);
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
    for (const url of ['/documents/upload', '/documents/folders', '/documents/boxes/new']) {
      const res = await request(t.app, null, 'POST', url, 'name=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(res.statusCode, 303, url);
      assert.match(String(res.headers.location), /^\/login\?next=/);
    }
  });
});

describe('refused uploads store nothing', () => {
  test('into someone’s folder, a class space, a box, a return: refused with not a byte kept', async () => {
    const folder = await buildNode(t.app, { ownerId: w.cm2Teacher.id, name: 'Privé' });
    const box = await buildBox(t.app, { groupId: w.cm2Class.id, teacherId: w.cm2Teacher.id, title: 'Rédaction' });
    const closed = await buildBox(t.app, {
      groupId: w.cm2Class.id,
      teacherId: w.cm2Teacher.id,
      title: 'Fermé',
      dueAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
      acceptLate: false,
    });
    const { handInId } = await buildHandIn(t.app, { boxId: box.id, studentId: w.cm2.id, fileName: 'copie.pdf', content: '%PDF copie' });
    const before = storedFiles();
    const refused: Array<[Session, string, number]> = [
      [s.ce1a!, `/api/documents/files?parentId=${folder.id}`, 404],
      [s.cm2!, `/api/documents/files?classId=${w.cm2Class.id}`, 404],
      [s.ce1Teacher!, `/api/documents/files?classId=${w.cm2Class.id}`, 404],
      [s.ce1a!, `/api/documents/boxes/${box.id}/hand-in`, 404],
      [s.cm2Parent!, `/api/documents/boxes/${box.id}/hand-in`, 404],
      [s.cm2Teacher!, `/api/documents/boxes/${box.id}/hand-in`, 404],
      [s.cm2!, `/api/documents/boxes/${closed.id}/hand-in`, 409],
      [s.cm2!, `/api/documents/hand-ins/${handInId}/returns`, 404],
      [s.ce1Teacher!, `/api/documents/hand-ins/${handInId}/returns`, 404],
      [s.ce1a!, `/documents/upload?parentId=${folder.id}&_csrf=${encodeURIComponent(s.ce1a!.csrf)}`, 404],
      [s.cm2!, `/documents/boxes/${closed.id}/hand-in?_csrf=${encodeURIComponent(s.cm2!.csrf)}`, 409],
      [s.ce1Teacher!, `/documents/hand-ins/${handInId}/return?_csrf=${encodeURIComponent(s.ce1Teacher!.csrf)}`, 404],
    ];
    for (const [who, url, status] of refused) {
      const res = await send(who, url);
      assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 200)}`);
    }
    assert.equal(storedFiles(), before, 'no blob (nor temporary file) from refused uploads');
  });
});

describe('parents in class spaces', () => {
  test('a parent listing a subfolder sees only what was opened to parents, by the API and the page', async () => {
    const unit = await buildNode(t.app, { ownerId: w.cm2Teacher.id, name: 'Sortie au musée', classId: w.cm2Class.id, parentsCanRead: true });
    await buildNode(t.app, { ownerId: w.cm2Teacher.id, name: 'Autorisation parentale.txt', content: 'à signer', parent: unit, parentsCanRead: true });
    await buildNode(t.app, { ownerId: w.cm2Teacher.id, name: 'Répartition des groupes.txt', content: 'pour la classe', parent: unit, parentsCanRead: false });
    const api = await request(t.app, s.cm2Parent!, 'GET', `/api/documents/nodes?parentId=${unit.id}`);
    assert.equal(api.statusCode, 200, api.body);
    assert.deepEqual(
      api.json().items.map((i: { name: string }) => i.name),
      ['Autorisation parentale.txt'],
    );
    const page = await request(t.app, s.cm2Parent!, 'GET', `/documents/folders/${unit.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Autorisation parentale/);
    assert.doesNotMatch(page.body, /Répartition des groupes/);
    const pupil = await request(t.app, s.cm2!, 'GET', `/api/documents/nodes?parentId=${unit.id}`);
    assert.deepEqual(
      pupil
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort(),
      ['Autorisation parentale.txt', 'Répartition des groupes.txt'],
    );
  });
});

describe('a closed school year', () => {
  test('its class space is read-only to its teacher and invisible to parents; its boxes too', async () => {
    const [start] = schoolYearOf(clock.now()).split('-').map(Number) as [number];
    const lastYear = await buildClass(t.app.db, w.schoolA.id, {
      name: 'CM1 passé',
      level: 'CM1',
      schoolYear: `${start - 1}-${start}`,
      teachers: [w.cm2Teacher.id],
      students: [w.cm2.id],
    });
    const file = await buildNode(t.app, {
      ownerId: w.cm2Teacher.id,
      name: 'Bilan de fin d’année.txt',
      content: 'bilan',
      classId: lastYear.id,
      parentsCanRead: true,
    });
    // The teacher still reads, but changes nothing and publishes nothing.
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes/${file.id}/content`)).statusCode, 200);
    assert.equal((await request(t.app, s.cm2Teacher!, 'PATCH', `/api/documents/nodes/${file.id}`, { name: 'x.txt' })).statusCode, 404);
    assert.equal((await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${file.id}/trash`)).statusCode, 404);
    assert.equal((await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${file.id}/shares`, { personId: w.ce1Teacher.id })).statusCode, 404);
    assert.equal((await send(s.cm2Teacher!, `/api/documents/files?classId=${lastYear.id}`)).statusCode, 404);
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/classes/${lastYear.id}`)).statusCode, 200);
    // The pupils' parents no longer see it.
    for (const url of [`/api/documents/classes/${lastYear.id}`, `/api/documents/nodes/${file.id}/content`]) {
      const res = await request(t.app, s.cm2Parent!, 'GET', url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /bilan/i);
    }
    const box = await buildBox(t.app, { groupId: lastYear.id, teacherId: w.cm2Teacher.id, title: 'Bilan des lectures' });
    const { handInId } = await buildHandIn(t.app, { boxId: box.id, studentId: w.cm2.id, fileName: 'lectures.pdf', content: '%PDF lectures' });
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${box.id}`)).statusCode, 200);
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/boxes/${box.id}/zip`)).statusCode, 200);
    assert.equal((await send(s.cm2Teacher!, `/api/documents/hand-ins/${handInId}/returns`)).statusCode, 404, 'no return in a closed year');
    assert.equal((await send(s.cm2!, `/api/documents/boxes/${box.id}/hand-in`)).statusCode, 404, 'no hand-in in a closed year');
    const parent = await request(t.app, s.cm2Parent!, 'GET', `/api/documents/boxes/${box.id}`);
    assert.equal(parent.statusCode, 404);
    assert.doesNotMatch(parent.body, /Bilan des lectures/);
    const boxes = (await request(t.app, s.cm2Teacher!, 'GET', '/api/documents/boxes')).json();
    assert.ok(!boxes.items.some((b: { id: string }) => b.id === box.id), 'lists show this year only');
  });
});
