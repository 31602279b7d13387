import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import multipartPlugin from '@fastify/multipart';
import { AppError } from '../http/errors.js';
import { DiskBlobStore } from './disk.js';
import { receiveFiles, sendBlob } from './http.js';
import { multipart } from './testing.js';
import type { BlobInfo } from './index.js';

let app: FastifyInstance;
let root: string;
const stored = new Map<string, BlobInfo & { fileName: string }>();

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-blob-http-'));
  app = Fastify();
  await app.register(multipartPlugin);
  app.decorate('blobs', new DiskBlobStore(path.join(root, 'blobs')));
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AppError) return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details } });
    return reply.code(500).send({ error: { code: 'internal', message: String(error), details: null } });
  });
  app.post('/upload', async (request) => {
    const received = await receiveFiles(request, {
      maxBytes: 1000,
      maxFiles: 3,
      maxTotalBytes: 1500,
      totalExceeded: () => new AppError(413, 'quota.exceeded', 'Quota dépassé.'),
    });
    for (const file of received.files) stored.set(file.key, file);
    return {
      fields: received.fields,
      files: received.files.map(({ key, fileName, size, sha256, contentType }) => ({ key, fileName, size, sha256, contentType })),
    };
  });
  app.get<{ Params: { key: string }; Querystring: { inline?: string } }>('/blob/:key', async (request, reply) => {
    const file = stored.get(request.params.key)!;
    return sendBlob(request, reply, { ...file, filename: file.fileName, inline: request.query.inline === '1' });
  });
  await app.ready();
});

after(async () => {
  await app.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function blobCount(): number {
  const dir = path.join(root, 'blobs');
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

async function upload(fields: Record<string, string>, files: Parameters<typeof multipart>[1]) {
  const body = multipart(fields, files);
  return app.inject({ method: 'POST', url: '/upload', payload: body.payload, headers: body.headers });
}

test('receiveFiles stores each file with a safe name, fields alongside; an empty input is skipped', async () => {
  const response = await upload({ note: 'Bonjour' }, [
    { name: '  Poème.txt ', content: 'Le corbeau et le renard', type: 'text/html' },
    { name: 'image.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]) },
    { name: '', content: '' },
  ]);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.deepEqual(body.fields, { note: 'Bonjour' });
  assert.equal(body.files.length, 2);
  assert.equal(body.files[0].fileName, 'Poème.txt');
  assert.equal(body.files[0].contentType, 'text/plain; charset=utf-8', 'the claimed type is ignored');
  assert.equal(body.files[0].sha256, createHash('sha256').update('Le corbeau et le renard').digest('hex'));
  assert.equal(body.files[1].contentType, 'image/png');
});

test('bad names, empty files, too large, too many, over the total: 4xx and nothing kept', async () => {
  const before = blobCount();
  const cases: Array<[Parameters<typeof multipart>[1], number, string]> = [
    [
      [
        { name: 'ok.txt', content: 'a' },
        { name: '../etc/passwd', content: 'x' },
      ],
      400,
      'storage.bad_file_name',
    ],
    [[{ name: 'dossier\\x.txt', content: 'x' }], 400, 'storage.bad_file_name'],
    [[{ name: 'tab\tname.txt', content: 'x' }], 400, 'storage.bad_file_name'],
    [
      [
        { name: 'ok.txt', content: 'a' },
        { name: 'vide.txt', content: '' },
      ],
      400,
      'storage.empty_file',
    ],
    [[{ name: 'gros.bin', content: Buffer.alloc(1001) }], 413, 'storage.too_large'],
    [[1, 2, 3, 4].map((i) => ({ name: `f${i}.txt`, content: 'x' })), 400, 'storage.too_many_files'],
    [
      [
        { name: 'a.bin', content: Buffer.alloc(900) },
        { name: 'b.bin', content: Buffer.alloc(900) },
      ],
      413,
      'quota.exceeded',
    ],
  ];
  for (const [files, status, code] of cases) {
    const response = await upload({}, files);
    assert.equal(response.statusCode, status, `${code}: ${response.body}`);
    assert.equal(response.json().error.code, code);
  }
  assert.equal(blobCount(), before, 'no blob should remain from refused requests');
  const notMultipart = await app.inject({ method: 'POST', url: '/upload', payload: { a: 1 } });
  assert.equal(notMultipart.statusCode, 400);
});

test('refused uploads leave no temporary file behind, even many at once', async () => {
  const before = blobCount();
  // The size check fails the stream at its first chunk, often before the temporary file is open.
  const responses = await Promise.all(Array.from({ length: 40 }, () => upload({}, [{ name: 'gros.bin', content: Buffer.alloc(1001) }])));
  for (const response of responses) assert.equal(response.statusCode, 413, response.body);
  assert.equal(blobCount(), before, 'no blob or temporary file should remain');
});

test('sendBlob: attachment with RFC 5987 name, nosniff, ranges (206/416), inline only for safe types', async () => {
  const video = Buffer.concat([Buffer.from('\0\0\0\x18ftypmp42'), Buffer.alloc(500, 7)]);
  const html = '<!doctype html><script>alert(document.cookie)</script>';
  const up = await upload({}, [
    { name: 'Sortie scolaire.mp4', content: video },
    { name: 'page.html', content: html },
  ]);
  const [mp4, page] = up.json().files;

  const full = await app.inject({ url: `/blob/${mp4.key}` });
  assert.equal(full.statusCode, 200);
  assert.equal(full.headers['x-content-type-options'], 'nosniff');
  assert.equal(full.headers['accept-ranges'], 'bytes');
  assert.equal(full.headers['content-type'], 'video/mp4');
  assert.equal(full.headers['content-disposition'], `attachment; filename="Sortie scolaire.mp4"; filename*=UTF-8''Sortie%20scolaire.mp4`);
  assert.ok(full.rawPayload.equals(video), 'the whole file is sent');

  const inline = await app.inject({ url: `/blob/${mp4.key}?inline=1`, headers: { range: 'bytes=10-19' } });
  assert.equal(inline.statusCode, 206);
  assert.equal(inline.headers['content-range'], `bytes 10-19/${video.length}`);
  assert.match(String(inline.headers['content-disposition']), /^inline;/);
  assert.ok(inline.rawPayload.equals(video.subarray(10, 20)), 'the range is sent');

  const bad = await app.inject({ url: `/blob/${mp4.key}`, headers: { range: `bytes=${video.length}-` } });
  assert.equal(bad.statusCode, 416);
  assert.equal(bad.headers['content-range'], `bytes */${video.length}`);

  const htmlInline = await app.inject({ url: `/blob/${page.key}?inline=1` });
  assert.equal(page.contentType, 'text/html');
  assert.match(String(htmlInline.headers['content-disposition']), /^attachment;/);
  assert.equal(htmlInline.headers['content-type'], 'application/octet-stream');
  assert.match(String(htmlInline.headers['content-security-policy']), /sandbox/);
});

test('sendBlob follows RFC 9110 §13 for conditional requests, seen by an independent client', async () => {
  const bytes = Buffer.from('Le loup et l’agneau : la raison du plus fort est toujours la meilleure.');
  const up = await upload({}, [{ name: 'fable.txt', content: bytes }]);
  const file = up.json().files[0];
  const etag = `"${file.sha256}"`;
  // fetch may open a spare connection it never uses; closing waits for it (the headers timeout) unless told not to.
  const server = Fastify({ forceCloseConnections: true });
  server.decorate('blobs', app.blobs);
  server.setErrorHandler((error, _request, reply) => {
    if (error instanceof AppError) return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, details: null } });
    return reply.code(500).send({ error: { code: 'internal', message: String(error), details: null } });
  });
  server.get('/blob', (request, reply) => sendBlob(request, reply, { ...file, filename: file.fileName }));
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  try {
    const get = (headers: Record<string, string>) => fetch(`${base}/blob`, { headers });
    const cases: Array<[string, Record<string, string>, number, Buffer | null]> = [
      ['no condition', {}, 200, bytes],
      ['If-None-Match with the ETag', { 'if-none-match': etag }, 304, null],
      ['If-None-Match, weak comparison', { 'if-none-match': `W/${etag}` }, 304, null],
      ['If-None-Match, the ETag in a list', { 'if-none-match': `"other", ${etag}` }, 304, null],
      ['If-None-Match: *', { 'if-none-match': '*' }, 304, null],
      ['If-None-Match, another tag', { 'if-none-match': '"other"' }, 200, bytes],
      ['If-Match, another tag', { 'if-match': '"other"' }, 412, null],
      ['If-Match, strong comparison refuses a weak tag', { 'if-match': `W/${etag}` }, 412, null],
      ['If-Match with the ETag', { 'if-match': etag }, 200, bytes],
      ['If-Match: *', { 'if-match': '*' }, 200, bytes],
      ['If-Match fails before If-None-Match is looked at', { 'if-match': '"other"', 'if-none-match': etag }, 412, null],
      ['If-Match passes, then If-None-Match matches', { 'if-match': etag, 'if-none-match': etag }, 304, null],
      ['If-None-Match wins over Range', { 'if-none-match': etag, range: 'bytes=0-3' }, 304, null],
      ['If-Range with the ETag: the range', { range: 'bytes=0-5', 'if-range': etag }, 206, bytes.subarray(0, 6)],
      ['If-Range, another tag: the whole file', { range: 'bytes=0-5', 'if-range': '"other"' }, 200, bytes],
      ['If-Range, a weak tag never matches', { range: 'bytes=0-5', 'if-range': `W/${etag}` }, 200, bytes],
      ['If-Range with a date: no Last-Modified, the whole file', { range: 'bytes=0-5', 'if-range': 'Wed, 21 Oct 2015 07:28:00 GMT' }, 200, bytes],
      ['If-Range without Range is ignored', { 'if-range': '"other"' }, 200, bytes],
      ['an unsatisfiable range ignores the preconditions (§13.2.1)', { range: `bytes=${bytes.length}-`, 'if-none-match': etag }, 416, null],
    ];
    for (const [name, headers, status, body] of cases) {
      const response = await get(headers);
      assert.equal(response.status, status, name);
      const received = Buffer.from(await response.arrayBuffer());
      if (body) assert.ok(received.equals(body), `${name}: body`);
      if (status === 304) {
        assert.equal(received.length, 0, `${name}: a 304 has no body`);
        assert.equal(response.headers.get('etag'), etag, `${name}: a 304 carries the ETag`);
        assert.equal(response.headers.get('cache-control'), 'private, no-cache', `${name}: and the cache headers`);
      }
      if (status === 412) assert.equal(JSON.parse(received.toString()).error.code, 'precondition_failed', name);
    }
  } finally {
    await server.close();
  }
});
