import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { multipart, type TestFile } from '../../kernel/storage/testing.js';
import { buildWorld, type World } from '../directory/testing.js';

let t: TestApp;
let w: World;
const s: Record<string, Session> = {};

before(async () => {
  // Small quotas so "over quota" is cheap to reach.
  t = await buildTestApp(buildApp, {
    uploadMaxBytes: 64 * 1024,
    quotas: { teacher: 200 * 1024, student: 100 * 1024, relative: 10 * 1024, personnel: 10 * 1024, municipal: 10 * 1024 },
  });
  w = await buildWorld(t.app.db);
  for (const key of ['cm2Teacher', 'ce1Teacher', 'cm2', 'ce1a', 'cm2Parent', 'ce1aParent', 'otherTeacher', 'otherStudent', 'director'] as const)
    s[key] = await loginAs(t.app, w[key].id);
});
after(() => t.close());

const anon = 'anonymous-csrf-token-0123456789';

async function upload(session: Session | null, files: TestFile[], query = '') {
  const body = multipart({}, files);
  // Without a session, send a valid anonymous CSRF pair so that the session check answers.
  const headers = session ? body.headers : { ...body.headers, cookie: `preau_csrf=${anon}`, 'x-csrf-token': anon };
  return request(t.app, session, 'POST', `/api/documents/files${query}`, body.payload, { headers });
}

function blobCount(): number {
  const dir = path.join(t.config.dataDir, 'blobs');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

const noLeak = (body: string, ...secrets: string[]) => {
  for (const secret of secrets) assert.ok(!body.includes(secret), `the body must not contain ${secret}`);
};

describe('document space', () => {
  let fileId: string;
  let folderId: string;

  test('requires a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/documents/nodes'],
      ['GET', '/api/documents/shared'],
      ['GET', '/api/documents/trash'],
      ['GET', '/api/documents/search?q=a'],
    ] as const) {
      const res = await request(t.app, null, method, url);
      assert.equal(res.statusCode, 401, url);
    }
    assert.equal((await upload(null, [{ name: 'a.txt', content: 'a' }])).statusCode, 401);
  });

  test('a teacher creates a folder, uploads several files into it and lists them with the space used', async () => {
    const folder = await request(t.app, s.cm2Teacher!, 'POST', '/api/documents/folders', { name: 'Séquence poésie' });
    assert.equal(folder.statusCode, 201, folder.body);
    folderId = folder.json().id;
    const res = await upload(
      s.cm2Teacher!,
      [
        { name: 'Le Corbeau.txt', content: 'Maître Corbeau, sur un arbre perché' },
        { name: 'fiche.pdf', content: '%PDF-1.4 fiche' },
      ],
      `?parentId=${folderId}`,
    );
    assert.equal(res.statusCode, 201, res.body);
    const items = res.json().items;
    assert.equal(items.length, 2);
    fileId = items[0].id;
    assert.equal(items[1].contentType, 'application/pdf');
    const list = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes?parentId=${folderId}`)).json();
    assert.deepEqual(list.items.map((i: { name: string }) => i.name).sort(), ['Le Corbeau.txt', 'fiche.pdf']);
    assert.equal(list.used, Buffer.byteLength('Maître Corbeau, sur un arbre perché') + 14);
    assert.equal(list.quota, 200 * 1024);
    const root = (await request(t.app, s.cm2Teacher!, 'GET', '/api/documents/nodes')).json();
    assert.deepEqual(
      root.items.map((i: { name: string }) => i.name),
      ['Séquence poésie'],
    );
  });

  test('the owner downloads with a safe disposition; ranges work', async () => {
    const res = await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes/${fileId}/content`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, 'Maître Corbeau, sur un arbre perché');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-disposition']), /^attachment; .*filename\*=UTF-8''Le%20Corbeau\.txt/);
    const part = await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes/${fileId}/content`, undefined, { headers: { range: 'bytes=0-5' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.body, 'Maître'.slice(0, 5));
  });

  test('nobody else reads it: other pupils, other classes, another school (404, no data)', async () => {
    for (const who of [s.cm2!, s.ce1a!, s.otherTeacher!, s.cm2Parent!, s.ce1Teacher!]) {
      for (const url of [`/api/documents/nodes/${fileId}`, `/api/documents/nodes/${fileId}/content`, `/api/documents/nodes?parentId=${folderId}`]) {
        const res = await request(t.app, who, 'GET', url);
        assert.equal(res.statusCode, 404, `${url}`);
        noLeak(res.body, 'Corbeau', 'Séquence');
      }
      const rename = await request(t.app, who, 'PATCH', `/api/documents/nodes/${fileId}`, { name: 'volé.txt' });
      assert.equal(rename.statusCode, 404);
      assert.equal((await upload(who, [{ name: 'x.txt', content: 'x' }], `?parentId=${folderId}`)).statusCode, 404);
    }
  });

  test('bad names, empty files, too large: 4xx and nothing stored', async () => {
    const before = blobCount();
    const bad = await request(t.app, s.cm2Teacher!, 'POST', '/api/documents/folders', { name: 'a/b' });
    assert.equal(bad.statusCode, 400);
    // Control characters are stripped from every text field at input; the rest of the name stays.
    assert.equal((await request(t.app, s.cm2Teacher!, 'PATCH', `/api/documents/nodes/${fileId}`, { name: 'x\u0007y.txt' })).statusCode, 204);
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes/${fileId}`)).json().node.name, 'xy.txt');
    assert.equal((await request(t.app, s.cm2Teacher!, 'PATCH', `/api/documents/nodes/${fileId}`, { name: 'x\u202Ey.txt' })).statusCode, 400);
    for (const [files, status] of [
      [[{ name: '../secret.txt', content: 'x' }], 400],
      [
        [
          { name: 'ok.txt', content: 'x' },
          { name: 'vide.txt', content: '' },
        ],
        400,
      ],
      [[{ name: 'gros.bin', content: Buffer.alloc(65 * 1024) }], 413],
    ] as const) {
      const res = await upload(s.cm2Teacher!, [...files], `?parentId=${folderId}`);
      assert.equal(res.statusCode, status, res.body);
    }
    assert.equal(blobCount(), before);
    const list = (await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes?parentId=${folderId}`)).json();
    assert.equal(list.items.length, 2);
  });

  test('over quota is refused before storing, with a clear error', async () => {
    const before = blobCount();
    // A parent has 10 KB.
    const res = await upload(s.cm2Parent!, [{ name: 'grand.bin', content: Buffer.alloc(20 * 1024, 1) }]);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().error.code, 'documents.quota_exceeded');
    // Files under the size limit but together over the quota.
    const pupil = await upload(s.cm2!, [
      { name: 'a.bin', content: Buffer.alloc(60 * 1024, 1) },
      { name: 'b.bin', content: Buffer.alloc(60 * 1024, 1) },
    ]);
    assert.equal(pupil.statusCode, 413, pupil.body);
    assert.equal(blobCount(), before);
  });

  test('share read-only with a pupil: shared-with-me, read but not edit; revoke removes access', async () => {
    const share = await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${folderId}/shares`, { personId: w.cm2.id });
    assert.equal(share.statusCode, 201, share.body);
    const shared = (await request(t.app, s.cm2!, 'GET', '/api/documents/shared')).json();
    assert.deepEqual(
      shared.items.map((i: { id: string }) => i.id),
      [folderId],
    );
    assert.equal((await request(t.app, s.cm2!, 'GET', `/api/documents/nodes/${fileId}/content`)).statusCode, 200);
    assert.equal((await request(t.app, s.cm2!, 'PATCH', `/api/documents/nodes/${fileId}`, { name: 'x.txt' })).statusCode, 404);
    assert.equal((await request(t.app, s.cm2!, 'POST', `/api/documents/nodes/${fileId}/trash`)).statusCode, 404);
    // Other pupils still see nothing.
    assert.deepEqual((await request(t.app, s.ce1a!, 'GET', '/api/documents/shared')).json().items, []);
    const revoke = await request(t.app, s.cm2Teacher!, 'DELETE', `/api/documents/nodes/${folderId}/shares/${share.json().id}`);
    assert.equal(revoke.statusCode, 204);
    const after = await request(t.app, s.cm2!, 'GET', `/api/documents/nodes/${fileId}/content`);
    assert.equal(after.statusCode, 404);
    noLeak(after.body, 'Corbeau');
  });

  test('an editable share to the class lets its pupils rename; a share to someone unreachable is refused', async () => {
    const share = await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${fileId}/shares`, { groupId: w.cm2Class.id, canEdit: true });
    assert.equal(share.statusCode, 201);
    assert.equal((await request(t.app, s.cm2!, 'PATCH', `/api/documents/nodes/${fileId}`, { name: 'Le Corbeau (v2).txt' })).statusCode, 204);
    for (const body of [{ personId: w.otherStudent.id }, { groupId: w.otherClass.id }, { groupId: w.ce1.id }, {}]) {
      const res = await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${fileId}/shares`, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
    }
    // Only the owner shares.
    assert.equal((await request(t.app, s.cm2!, 'POST', `/api/documents/nodes/${fileId}/shares`, { personId: w.cm2Teacher.id })).statusCode, 404);
  });

  test('rename, move, search by name; no move into itself', async () => {
    const sub = (await request(t.app, s.cm2Teacher!, 'POST', '/api/documents/folders', { name: 'Archives', parentId: folderId })).json().id;
    assert.equal((await request(t.app, s.cm2Teacher!, 'PATCH', `/api/documents/nodes/${fileId}`, { parentId: sub })).statusCode, 204);
    assert.equal((await request(t.app, s.cm2Teacher!, 'PATCH', `/api/documents/nodes/${folderId}`, { parentId: sub })).statusCode, 400);
    const found = (await request(t.app, s.cm2Teacher!, 'GET', '/api/documents/search?q=corbeau')).json();
    assert.deepEqual(
      found.items.map((i: { id: string }) => i.id),
      [fileId],
    );
    assert.deepEqual((await request(t.app, s.cm2!, 'GET', '/api/documents/search?q=corbeau')).json().items, []);
    // The class share on the file still holds after the move.
    assert.equal((await request(t.app, s.cm2!, 'GET', `/api/documents/nodes/${fileId}/content`)).statusCode, 200);
  });

  test('trash hides a folder and its files from everyone, restore brings them back, delete frees the space', async () => {
    assert.equal((await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${folderId}/trash`)).statusCode, 204);
    assert.equal((await request(t.app, s.cm2!, 'GET', `/api/documents/nodes/${fileId}/content`)).statusCode, 404);
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes/${fileId}/content`)).statusCode, 404);
    const trash = (await request(t.app, s.cm2Teacher!, 'GET', '/api/documents/trash')).json();
    assert.deepEqual(
      trash.items.map((i: { id: string }) => i.id),
      [folderId],
    );
    assert.deepEqual((await request(t.app, s.cm2!, 'GET', '/api/documents/trash')).json().items, []);
    assert.equal((await request(t.app, s.cm2!, 'POST', `/api/documents/nodes/${folderId}/restore`)).statusCode, 404);
    assert.equal((await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${folderId}/restore`)).statusCode, 204);
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', `/api/documents/nodes/${fileId}/content`)).statusCode, 200);
    assert.equal((await request(t.app, s.cm2Teacher!, 'DELETE', `/api/documents/nodes/${folderId}`)).statusCode, 404, 'only trashed items are deleted');
    await request(t.app, s.cm2Teacher!, 'POST', `/api/documents/nodes/${folderId}/trash`);
    const before = blobCount();
    assert.equal((await request(t.app, s.cm2Teacher!, 'DELETE', `/api/documents/nodes/${folderId}`)).statusCode, 204);
    assert.equal(blobCount(), before - 2);
    assert.equal((await request(t.app, s.cm2Teacher!, 'GET', '/api/documents/nodes')).json().used, 0);
  });
});

describe('class space', () => {
  test('a teacher publishes to the class; pupils read, parents only when allowed, other classes never', async () => {
    const forAll = await upload(
      s.cm2Teacher!,
      [{ name: 'Liste de fournitures.txt', content: 'cahier, stylo' }],
      `?classId=${w.cm2Class.id}&parentsCanRead=true`,
    );
    assert.equal(forAll.statusCode, 201, forAll.body);
    const pupilsOnly = await upload(s.cm2Teacher!, [{ name: 'Exercice.txt', content: 'calcul' }], `?classId=${w.cm2Class.id}`);
    const [fournitures, exercice] = [forAll.json().items[0].id, pupilsOnly.json().items[0].id];
    const names = async (who: Session) =>
      (await request(t.app, who, 'GET', `/api/documents/classes/${w.cm2Class.id}`))
        .json()
        .items?.map((i: { name: string }) => i.name)
        .sort();
    assert.deepEqual(await names(s.cm2!), ['Exercice.txt', 'Liste de fournitures.txt']);
    assert.deepEqual(await names(s.cm2Parent!), ['Liste de fournitures.txt']);
    assert.equal((await request(t.app, s.cm2Parent!, 'GET', `/api/documents/nodes/${exercice}/content`)).statusCode, 404);
    assert.equal((await request(t.app, s.cm2Parent!, 'GET', `/api/documents/nodes/${fournitures}/content`)).statusCode, 200);
    for (const who of [s.ce1a!, s.ce1aParent!, s.otherStudent!, s.ce1Teacher!]) {
      const res = await request(t.app, who, 'GET', `/api/documents/classes/${w.cm2Class.id}`);
      assert.equal(res.statusCode, 404);
      noLeak(res.body, 'fournitures');
      assert.equal((await request(t.app, who, 'GET', `/api/documents/nodes/${fournitures}/content`)).statusCode, 404);
    }
    // Pupils and another class's teacher cannot publish to it.
    assert.equal((await upload(s.cm2!, [{ name: 'x.txt', content: 'x' }], `?classId=${w.cm2Class.id}`)).statusCode, 404);
    assert.equal((await upload(s.ce1Teacher!, [{ name: 'x.txt', content: 'x' }], `?classId=${w.cm2Class.id}`)).statusCode, 404);
  });
});
