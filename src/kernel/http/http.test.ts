import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import zlib from 'node:zlib';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../testing/index.js';
import { buildPerson, buildSchool } from '../../modules/directory/testing.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp(buildApp);
});
after(() => t.close());

const envelope = (body: string) => JSON.parse(body) as { error: { code: string; message: string; details: unknown } };

describe('framework errors in the envelope', () => {
  test('a malformed URL answers 400 with the error envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/homework/lessons/%E0%A4%A' });
    assert.equal(res.statusCode, 400);
    assert.equal(envelope(res.body).error.code, 'bad_url');
  });

  test('a parameter past the length limit answers 414 with the error envelope', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/homework/lessons/${'a'.repeat(600)}` });
    assert.equal(res.statusCode, 414);
    assert.equal(envelope(res.body).error.code, 'uri_too_long');
  });

  test('headers too large answer 431 with the error envelope, on a real socket', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as net.AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      socket.write(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    assert.match(raw, /^HTTP\/1\.1 431 /);
    assert.equal(envelope(raw.slice(raw.indexOf('\r\n\r\n') + 4)).error.code, 'headers_too_large');
  });
});

describe('methods', () => {
  test('a wrong method on an existing path answers 405 with Allow', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/accounts/me' });
    assert.equal(res.statusCode, 405);
    assert.equal(res.headers.allow, 'GET, HEAD');
    assert.equal(envelope(res.body).error.code, 'method_not_allowed');
  });

  test('OPTIONS answers 405 with the methods the path has', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/login' });
    assert.equal(res.statusCode, 405);
    assert.equal(res.headers.allow, 'GET, POST, HEAD');
  });

  test('an unknown path answers 404, not a CSRF refusal', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/nothing/here', payload: {} });
    assert.equal(res.statusCode, 404);
    assert.equal(envelope(res.body).error.code, 'not_found');
  });
});

describe('caching and compression', () => {
  test('JSON with personal data is never stored by a cache', async () => {
    const school = await buildSchool(t.app.db);
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
    const res = await request(t.app, await loginAs(t.app, teacher.id), 'GET', '/api/accounts/me');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  test('pages and CSS over 1 KB are sent compressed to browsers that accept it', async () => {
    const css = await t.app.inject({ method: 'GET', url: '/static/css/preau.css', headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-encoding'], 'br');
    assert.match(zlib.brotliDecompressSync(css.rawPayload).toString(), /:root|body/);
    const page = await t.app.inject({ method: 'GET', url: '/login', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.match(zlib.gunzipSync(page.rawPayload).toString(), /<form/);
    const plain = await t.app.inject({ method: 'GET', url: '/login' });
    assert.equal(plain.headers['content-encoding'], undefined);
  });
});

describe('numbers', () => {
  test('non-finite numbers in a query or a JSON body answer 400 in the envelope', async () => {
    const school = await buildSchool(t.app.db);
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
    const session = await loginAs(t.app, teacher.id);
    for (const value of ['Infinity', '1e999', '-Infinity']) {
      const res = await request(t.app, session, 'GET', `/api/directory/people?limit=${value}`);
      assert.equal(res.statusCode, 400, `limit=${value}: ${res.body}`);
      assert.equal(envelope(res.body).error.code, 'validation');
    }
    const ok = await request(t.app, session, 'GET', '/api/directory/people?limit=5&q=nan');
    assert.equal(ok.statusCode, 200, 'a search for the name Nan is not a number');
  });
});

describe('navigation', () => {
  test('an unread badge says "non lu" for one and "non lus" for several', async () => {
    const { notify } = await import('../../modules/notifications/index.js');
    const school = await buildSchool(t.app.db);
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
    const session = await loginAs(t.app, teacher.id);
    await notify(t.app.db, { recipients: [teacher.id], kind: 'test', title: 'Une', link: '/' }, t.app.clock.now());
    assert.match((await request(t.app, session, 'GET', '/notifications')).body, /1<span class="visually-hidden"> non lu<\/span>/);
    await notify(t.app.db, { recipients: [teacher.id], kind: 'test', title: 'Deux', link: '/' }, t.app.clock.now());
    assert.match((await request(t.app, session, 'GET', '/notifications')).body, /2<span class="visually-hidden"> non lus<\/span>/);
  });
});

describe('conflicts', () => {
  test('a unique key hit by two writes at once answers 409 in the envelope, not 500', async () => {
    const uai = '0999999Z';
    const app = await buildTestApp(
      buildApp,
      {},
      {
        instrument: (a) =>
          a.get('/api/test/same-school-twice', { config: { access: 'public' } }, async (req) => {
            await buildSchool(req.server.db, { uai });
            await buildSchool(req.server.db, { uai });
            return { ok: true };
          }),
      },
    );
    try {
      const res = await app.app.inject({ method: 'GET', url: '/api/test/same-school-twice' });
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(envelope(res.body).error.code, 'conflict');
      const page = await app.app.inject({ method: 'GET', url: '/api/test/same-school-twice', headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 409, 'a page too');
    } finally {
      await app.close();
    }
  });
});
