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
    const socket = net.connect(Number(port), '127.0.0.1');
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

describe('the CSRF token of a multipart form travels as its first field, never in the address', () => {
  /** A browser's form post: the session cookie, no CSRF header. */
  function post(url: string, body: { payload: Buffer; headers: Record<string, string> }) {
    return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: teacher.cookie } });
  }
  const blobs = () => filesUnder(path.join(t.config.dataDir, 'blobs')).length;

  test('the token first, then the files: stored, and the answer is a redirect', async () => {
    const res = await post('/documents/upload', multipart({ _csrf: teacher.csrf }, [{ name: 'premier.txt', content: 'bonjour' }]));
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/documents');
    const list = (await request(t.app, teacher, 'GET', '/api/documents/nodes')).json();
    assert.ok(
      list.items.some((i: { name: string }) => i.name === 'premier.txt'),
      'the file is in the space',
    );
  });

  test('a missing, wrong or late token, or one in the query string, is a 403 and nothing is stored', async () => {
    const file = [{ name: 'refusé.txt', content: 'non' }];
    const before = blobs();
    const late = multipart({}, file);
    // The token after the file part: the file would have to be read before the token is known.
    const lateBody = Buffer.concat([
      late.payload.subarray(0, late.payload.lastIndexOf(Buffer.from('--', 'latin1')) - 2),
      Buffer.from(`\r\n--${late.headers['content-type']!.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${teacher.csrf}\r\n`),
      Buffer.from(`--${late.headers['content-type']!.split('boundary=')[1]}--\r\n`),
    ]);
    for (const [name, res] of [
      ['no token', await post('/documents/upload', multipart({}, file))],
      ['a wrong token', await post('/documents/upload', multipart({ _csrf: 'x'.repeat(40) }, file))],
      ['another field first', await post('/documents/upload', multipart({ note: 'a', _csrf: teacher.csrf }, file))],
      ['the token after the file', await post('/documents/upload', { payload: lateBody, headers: late.headers })],
      ['the token in the query string', await post(`/documents/upload?_csrf=${encodeURIComponent(teacher.csrf)}`, multipart({}, file))],
    ] as const) {
      assert.equal(res.statusCode, 403, `${name}: ${res.body.slice(0, 200)}`);
    }
    assert.equal(blobs(), before, 'no blob should be stored by a refused form');
  });

  test('on a real socket, a token that arrives in small pieces is read and the whole body still reaches the parser', async () => {
    const address = t.app.server.listening
      ? `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`
      : await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const body = multipart({ _csrf: teacher.csrf }, [{ name: 'morceaux.txt', content: 'x'.repeat(5000) }]);
    const socket = net.connect(Number(port), '127.0.0.1');
    const answer = new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (received.includes('\r\n\r\n')) socket.end();
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    socket.write(
      `POST /documents/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${teacher.cookie}\r\n` +
        `Content-Type: ${body.headers['content-type']}\r\nContent-Length: ${body.payload.length}\r\n\r\n`,
    );
    for (let i = 0; i < body.payload.length; i += 37) {
      socket.write(body.payload.subarray(i, i + 37));
      if (i < 400) await new Promise((r) => setTimeout(r, 2));
    }
    assert.match(await answer, /^HTTP\/1\.1 303 /);
    const list = (await request(t.app, teacher, 'GET', '/api/documents/nodes')).json();
    const stored = list.items.find((i: { name: string }) => i.name === 'morceaux.txt');
    assert.equal(stored?.size, 5000, 'the file arrived whole');
  });

  test('the documents’ multipart forms put the token first and keep it out of their action', async () => {
    const page = await request(t.app, teacher, 'GET', '/documents');
    const forms = [...page.body.matchAll(/<form([^>]*enctype="multipart\/form-data"[^>]*)>([\s\S]*?)<\/form>/g)];
    assert.ok(forms.length > 0, 'the page has an upload form');
    for (const [, attributes, inner] of forms) {
      assert.doesNotMatch(attributes!, /_csrf/, 'no token in the action');
      assert.match(inner!, /^\s*<input type="hidden" name="_csrf" value="[^"]+"/, 'the token is the first field');
    }
  });
});

describe('sizes and counts read as French', () => {
  test('a 45-byte file is “45 octets” in the listing and on its page, the space used in Ko', async () => {
    const body = multipart({}, [{ name: 'quarante-cinq.txt', content: 'x'.repeat(45) }]);
    const up = await request(t.app, teacher, 'POST', '/api/documents/files', body.payload, { headers: body.headers });
    assert.equal(up.statusCode, 201, up.body);
    const listing = (await request(t.app, teacher, 'GET', '/documents')).body;
    const row = /quarante-cinq\.txt[\s\S]*?<td class="num">([^<]*)<\/td>/.exec(listing);
    assert.equal(row?.[1], '45\u00a0octets');
    const item = (await request(t.app, teacher, 'GET', `/documents/items/${up.json().items[0].id}`)).body;
    assert.match(item, /<dd>45\u00a0octets<\/dd>/);
    assert.doesNotMatch(listing + item, /\b45 o\b|\b1 Ko\b/);
  });
});
