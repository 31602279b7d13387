import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildWorld, type World } from '../directory/testing.js';

let t: TestApp;
let w: World;
let teacher: Session;

before(async () => {
  t = await buildTestApp(buildApp, { requestIdleSeconds: 1 });
  w = await buildWorld(t.app.db);
  teacher = await loginAs(t.app, w.cm2Teacher.id);
});
after(() => t.close());

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function raw(contentType: string, body: string) {
  return request(t.app, teacher, 'POST', '/api/documents/files', body, { headers: { 'content-type': contentType } });
}

describe('malformed uploads are refused with the JSON envelope', () => {
  test('a file part with no filename is a 400, and nothing is stored', async () => {
    const before = filesUnder(path.join(t.config.dataDir, 'blobs')).length;
    const res = await raw(
      'multipart/form-data; boundary=XyZ',
      '--XyZ\r\nContent-Disposition: form-data; name="files"\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n--XyZ--\r\n',
    );
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body}`);
    assert.equal(typeof res.json().error.code, 'string');
    assert.equal(filesUnder(path.join(t.config.dataDir, 'blobs')).length, before);
  });

  test('a multipart content type without a boundary is a 400', async () => {
    const res = await raw('multipart/form-data', '--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nabc\r\n--XyZ--\r\n');
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(typeof res.json().error.code, 'string');
  });
});

describe('names that display differently from what they are', () => {
  const spoofed = ['facture\u202Efdp.exe', 'a\u2066b.txt', 'note\u200B.txt', 'x\uFEFFy.pdf', 'r\u200Fe.txt'];

  test('an upload with a bidirectional control or a zero-width character is refused, nothing kept', async () => {
    const blobs = path.join(t.config.dataDir, 'blobs');
    for (const name of spoofed) {
      const before = filesUnder(blobs).length;
      const body = multipart({}, [{ name, content: 'MZ' }]);
      const res = await request(t.app, teacher, 'POST', '/api/documents/files', body.payload, { headers: body.headers });
      assert.equal(res.statusCode, 400, `${JSON.stringify(name)}: ${res.body}`);
      assert.equal(res.json().error.code, 'storage.bad_file_name');
      assert.equal(filesUnder(blobs).length, before, 'nothing is stored');
    }
  });

  test('a folder cannot be created or a file renamed to such a name', async () => {
    const body = multipart({}, [{ name: 'facture.pdf', content: '%PDF-1.4' }]);
    const up = await request(t.app, teacher, 'POST', '/api/documents/files', body.payload, { headers: body.headers });
    assert.equal(up.statusCode, 201, up.body);
    const id = up.json().items[0].id;
    for (const name of spoofed) {
      const folder = await request(t.app, teacher, 'POST', '/api/documents/folders', { name });
      assert.equal(folder.statusCode, 400, `${JSON.stringify(name)}: ${folder.body}`);
      const rename = await request(t.app, teacher, 'PATCH', `/api/documents/nodes/${id}`, { name });
      assert.equal(rename.statusCode, 400, `${JSON.stringify(name)}: ${rename.body}`);
      assert.match(rename.json().error.details[0].message, /sens du texte|invisible/);
    }
    const node = (await request(t.app, teacher, 'GET', `/api/documents/nodes/${id}`)).json().node;
    assert.equal(node.name, 'facture.pdf');
  });
});

describe('a stalled upload', () => {
  test('is answered or closed after the idle timeout, and its temporary file is removed', async () => {
    // buildTestApp above set requestIdleSeconds: 1, which the kernel gives Fastify as its connectionTimeout.
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const tmp = path.join(t.config.dataDir, 'blobs', 'tmp');
    const body = '--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nabc';
    const socket = net.connect(port, '127.0.0.1');
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      // Without a server-side timeout the test fails here instead of hanging.
      socket.setTimeout(8000, () => socket.destroy());
      socket.write(
        `POST /api/documents/files HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${teacher.cookie}\r\nx-csrf-token: ${teacher.csrf}\r\n` +
          `Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: ${body.length + 1000}\r\n\r\n${body}`,
      );
      // Long enough for the part to reach the store, well before the idle timeout.
      setTimeout(
        () =>
          assert.ok(
            filesUnder(tmp).some((f) => f.endsWith('.part')),
            'the upload should be streaming to a .part file',
          ),
        300,
      );
    });
    assert.ok(Date.now() - started < 5000, 'the server should give up on the idle connection within seconds');
    if (answer) assert.match(answer, /^HTTP\/1\.1 4\d\d /, answer);
    // The store removes its temporary file once the stream has failed.
    for (let i = 0; i < 50 && filesUnder(tmp).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(filesUnder(tmp), [], 'no .part file should remain');
  });
});
