import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { S3BlobStore } from './s3.js';
import { BlobMissing, BlobTooLarge } from './errors.js';

// s3rver (from npm) is a real S3-compatible server process on loopback; the store talks to it
// through the official AWS SDK exactly as it would to a hosted bucket.
let server: { run(): Promise<{ port: number }>; close(): Promise<void> } | null = null;
let store: S3BlobStore;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-s3-'));

// s3rver is a dev dependency: if it cannot start, these tests fail rather than pass unexercised.
before(async () => {
  const moduleName = 's3rver';
  const { default: S3rver } = (await import(moduleName)) as { default: new (options: object) => NonNullable<typeof server> };
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'preau' }] });
  const { port } = await server.run();
  store = new S3BlobStore({
    kind: 's3',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: 'preau',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
});

after(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('S3 store: streamed put with size, SHA-256 and sniffed type; whole and ranged get; delete', async () => {
  // Bigger than one 8 MB part, so the multipart upload path runs.
  const body = Buffer.concat([Buffer.from('%PDF-1.5\n'), randomBytes(9 * 1024 * 1024)]);
  const info = await store.put(
    Readable.from(
      (function* () {
        for (let i = 0; i < body.length; i += 256 * 1024) yield body.subarray(i, i + 256 * 1024);
      })(),
    ),
    { maxBytes: 20 * 1024 * 1024 },
  );
  assert.equal(info.size, body.length);
  assert.equal(info.sha256, createHash('sha256').update(body).digest('hex'));
  assert.equal(info.contentType, 'application/pdf');
  assert.equal(await store.size(info.key), body.length);
  const back = Buffer.concat(await (await store.get(info.key)).toArray());
  assert.ok(back.equals(body), 'the object should read back identical');
  const part = Buffer.concat(await (await store.get(info.key, { start: 100, end: 199 })).toArray());
  assert.ok(part.equals(body.subarray(100, 200)), 'a ranged GetObject returns the inclusive range');
  await store.delete(info.key);
  assert.equal(await store.size(info.key), null);
  await assert.rejects(store.get(info.key), BlobMissing);
});

test('S3 store: past maxBytes the upload is refused and no object is left', async () => {
  const objectsBefore = countFiles(dir);
  await assert.rejects(store.put(Readable.from([Buffer.alloc(4000), Buffer.alloc(4000)]), { maxBytes: 5000 }), BlobTooLarge);
  assert.equal(countFiles(dir), objectsBefore);
});

function countFiles(folder: string): number {
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}
