import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildWorld, type World } from '../directory/testing.js';

let t: TestApp;
let w: World;
const s: Record<string, Session> = {};

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  for (const key of ['cm2Teacher', 'cm2', 'ce1a', 'cm2Parent', 'otherTeacher', 'otherStudent'] as const) s[key] = await loginAs(t.app, w[key].id);
});
after(() => t.close());

async function uploadForm(session: Session, url: string, files: Array<{ name: string; content: string }>) {
  const body = multipart({ _csrf: session.csrf }, files);
  // As a browser sends the form: the token as the first field of the body, the session in the cookie.
  return request(t.app, null, 'POST', url, body.payload, { headers: { ...body.headers, cookie: session.cookie } });
}

describe('document pages', () => {
  test('require a session: redirect to the login page', async () => {
    for (const url of ['/documents', '/documents/shared', '/documents/trash', '/documents/boxes', '/documents/boxes/new']) {
      const res = await request(t.app, null, 'GET', url);
      assert.equal(res.statusCode, 303, url);
      assert.match(String(res.headers.location), /^\/login/);
    }
  });

  test('a pupil uploads with the plain form (CSRF as its first field), creates a folder, and finds them', async () => {
    const res = await uploadForm(s.cm2!, '/documents/upload', [{ name: 'Mon exposé.txt', content: 'Les volcans' }]);
    assert.equal(res.statusCode, 303, res.body);
    const created = form({ name: 'Brouillons', _csrf: s.cm2!.csrf });
    const folder = await request(t.app, s.cm2!, 'POST', '/documents/folders', created.payload, { headers: created.headers });
    assert.equal(folder.statusCode, 303, folder.body);
    const page = await request(t.app, s.cm2!, 'GET', '/documents');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Mon exposé\.txt/);
    assert.match(page.body, /Brouillons/);
    const search = await request(t.app, s.cm2!, 'GET', '/documents?q=expose');
    assert.match(search.body, /1\sr\u00e9sultat\b/);
  });

  test('bad input shows the page again with the message, nothing stored', async () => {
    const res = await uploadForm(s.cm2!, '/documents/upload', [{ name: 'vide.txt', content: '' }]);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /est vide/);
    const folder = await request(t.app, s.cm2!, 'POST', '/documents/folders', form({ name: 'a/b', _csrf: s.cm2!.csrf }).payload, { headers: form({}).headers });
    assert.equal(folder.statusCode, 400);
    assert.match(folder.body, /ne peut pas contenir/);
    assert.doesNotMatch((await request(t.app, s.cm2!, 'GET', '/documents')).body, /vide\.txt/);
  });

  test('a folder page of someone else answers 404 without its content', async () => {
    const list = await request(t.app, s.cm2!, 'GET', '/api/documents/nodes');
    const folder = list.json().items.find((i: { name: string }) => i.name === 'Brouillons');
    for (const who of [s.ce1a!, s.otherStudent!, s.cm2Parent!]) {
      for (const url of [`/documents/folders/${folder.id}`, `/documents/items/${folder.id}?manage=1`]) {
        const res = await request(t.app, who, 'GET', url);
        assert.equal(res.statusCode, 404, url);
        assert.doesNotMatch(res.body, /Brouillons/);
      }
    }
  });
});

describe('hand-in box pages', () => {
  let boxId: string;

  test('a teacher opens a box with the form; errors are shown again with status 400', async () => {
    const bad = await request(
      t.app,
      s.cm2Teacher!,
      'POST',
      '/documents/boxes/new',
      form({ groupId: w.cm2Class.id, title: '', dueAt: '', _csrf: s.cm2Teacher!.csrf }).payload,
      { headers: form({}).headers },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Donnez un titre/);
    const res = await request(
      t.app,
      s.cm2Teacher!,
      'POST',
      '/documents/boxes/new',
      form({ groupId: w.cm2Class.id, title: 'Poésie', dueAt: '2099-06-01T18:00', acceptLate: 'true', _csrf: s.cm2Teacher!.csrf }).payload,
      { headers: form({}).headers },
    );
    assert.equal(res.statusCode, 303, res.body);
    boxId = String(res.headers.location).split('/').pop()!;
    assert.equal((await request(t.app, s.cm2!, 'GET', '/documents/boxes/new')).statusCode, 404, 'a pupil opens no box');
  });

  test('the group starts on an empty « Choisir… »; nothing chosen is refused on the field, a choice is shown again on errors', async () => {
    const page = (await request(t.app, s.cm2Teacher!, 'GET', '/documents/boxes/new')).body;
    const select = /<select id="field-groupId"[^>]*>(.*?)<\/select>/s.exec(page)?.[1] ?? '';
    assert.match(select, /^<option value(="")? selected(="")?>Choisir…<\/option>/);
    assert.doesNotMatch(select, new RegExp(`value="${w.cm2Class.id}" selected`));
    const send = (fields: Record<string, string>) =>
      request(t.app, s.cm2Teacher!, 'POST', '/documents/boxes/new', form({ ...fields, _csrf: s.cm2Teacher!.csrf }).payload, { headers: form({}).headers });
    const none = await send({ groupId: '', title: 'Poésie', dueAt: '2099-06-01T18:00' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choisissez une classe ou un groupe où vous enseignez/);
    assert.match(none.body, /value="Poésie"/);
    const chosen = await send({ groupId: w.cm2Class.id, title: '', dueAt: '2099-06-01T18:00' });
    assert.equal(chosen.statusCode, 400);
    assert.match(chosen.body, new RegExp(`<option value="${w.cm2Class.id}" selected>`));
  });

  test('a pupil hands in from the page and sees the receipt; the teacher and the parent see the status', async () => {
    const res = await uploadForm(s.cm2!, `/documents/boxes/${boxId}/hand-in`, [{ name: 'poème.txt', content: 'Il pleure dans mon cœur' }]);
    assert.equal(res.statusCode, 303, res.body);
    const pupil = (await request(t.app, s.cm2!, 'GET', `/documents/boxes/${boxId}`)).body;
    assert.match(pupil, /Accusé de réception/);
    assert.match(pupil, /poème\.txt/);
    const teacher = (await request(t.app, s.cm2Teacher!, 'GET', `/documents/boxes/${boxId}`)).body;
    assert.match(teacher, /1\srendu sur 1\b/);
    const parent = (await request(t.app, s.cm2Parent!, 'GET', `/documents/boxes/${boxId}`)).body;
    assert.match(parent, /Rendu/);
    assert.doesNotMatch(parent, /poème\.txt/);
  });

  test('another class’s pupil and another school’s teacher get 404 and no data', async () => {
    for (const who of [s.ce1a!, s.otherStudent!, s.otherTeacher!]) {
      const res = await request(t.app, who, 'GET', `/documents/boxes/${boxId}`);
      assert.equal(res.statusCode, 404);
      assert.doesNotMatch(res.body, /Poésie|poème/);
      assert.doesNotMatch((await request(t.app, who, 'GET', '/documents/boxes')).body, /Poésie/);
    }
  });
});

describe('large folders', () => {
  test('a folder page shows 100 entries at a time, with links to the other pages', async () => {
    const { newId, nowIso } = await import('../../kernel/db/index.js');
    const owner = w.otherTeacher.id;
    const now = nowIso();
    const rows = Array.from({ length: 105 }, (_, i) => {
      const id = newId();
      const name = `fiche-${String(i).padStart(3, '0')}.txt`;
      return {
        id,
        ownerId: owner,
        createdBy: owner,
        parentId: null,
        kind: 'file' as const,
        name,
        searchKey: name,
        path: `/${id}/`,
        classId: null,
        parentsCanRead: 0,
        blobKey: null,
        size: 1,
        sha256: null,
        contentType: 'text/plain',
        trashedAt: null,
        trashRoot: 0,
        createdAt: now,
        updatedAt: now,
      };
    });
    for (let i = 0; i < rows.length; i += 50)
      await t.app.db
        .insertInto('documentNodes')
        .values(rows.slice(i, i + 50))
        .execute();
    const first = await request(t.app, s.otherTeacher!, 'GET', '/documents');
    assert.equal(first.statusCode, 200);
    const names = (body: string) => new Set(body.match(/fiche-\d{3}\.txt/g)).size;
    assert.equal(names(first.body), 100);
    assert.match(first.body, /Page 1 sur 2/);
    assert.match(first.body, /href="\/documents\?page=2"/);
    const second = await request(t.app, s.otherTeacher!, 'GET', '/documents?page=2');
    assert.equal(names(second.body), 5);
    for (const bad of ['abc', '0', '-1', '2.5', '100001']) {
      const res = await request(t.app, s.otherTeacher!, 'GET', `/documents?page=${bad}`);
      assert.equal(res.statusCode, 400, `page=${bad} is refused: ${res.body.slice(0, 300)}`);
    }
  });
});

test('a page number of Infinity is a 400, not a query', async () => {
  for (const url of ['/documents?page=Infinity', '/api/documents/nodes?limit=Infinity', '/api/documents/nodes?limit=1e999']) {
    const res = await request(t.app, s.cm2!, 'GET', url);
    assert.equal(res.statusCode, 400, url);
  }
});
