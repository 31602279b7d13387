import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { DiskBlobStore } from './disk.js';
import { BlobMissing, BlobTooLarge } from './errors.js';
import { createBlobStore } from './index.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-blobs-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const store = new DiskBlobStore(path.join(root, 'blobs'));

/** A stream that yields `total` bytes in chunks, never holding them all. */
function chunks(total: number, chunk = 64 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const size = Math.min(chunk, total - sent);
      sent += size;
      this.push(Buffer.alloc(size, 0x61));
    },
  });
}

test('put streams to DATA_DIR/blobs/xx/yy/<key> with its size, SHA-256 and sniffed type', async () => {
  const body = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200_000)]);
  const info = await store.put(Readable.from([body.subarray(0, 5), body.subarray(5)]), { maxBytes: 1_000_000 });
  assert.equal(info.size, body.length);
  assert.equal(info.sha256, createHash('sha256').update(body).digest('hex'));
  assert.equal(info.contentType, 'application/pdf');
  const file = path.join(root, 'blobs', info.key.slice(0, 2), info.key.slice(2, 4), info.key);
  assert.ok(fs.existsSync(file), 'the blob should be stored under its two-level folder');
  assert.equal(await store.size(info.key), body.length);
  const back = Buffer.concat(await (await store.get(info.key)).toArray());
  assert.ok(back.equals(body), 'the blob should read back identical');
  const part = Buffer.concat(await (await store.get(info.key, { start: 3, end: 9 })).toArray());
  assert.ok(part.equals(body.subarray(3, 10)), 'a range should read inclusive bounds');
  assert.deepEqual(fs.readdirSync(path.join(root, 'blobs', 'tmp')), []);
});

test('past maxBytes the put fails with BlobTooLarge and leaves no file behind', async () => {
  const before = listFiles(path.join(root, 'blobs'));
  await assert.rejects(store.put(chunks(300_000), { maxBytes: 100_000 }), BlobTooLarge);
  assert.deepEqual(listFiles(path.join(root, 'blobs')), before);
});

test('a large blob streams through without being held in memory', async () => {
  const size = 64 * 1024 * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const info = await store.put(chunks(size), { maxBytes: size });
  assert.equal(info.size, size);
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 32 * 1024 * 1024, 'heap should not grow by the file size');
  await store.delete(info.key);
  assert.equal(await store.size(info.key), null);
});

test('missing or malformed keys answer BlobMissing; deleting them is harmless', async () => {
  await assert.rejects(store.get('00000000-0000-4000-8000-000000000000'), BlobMissing);
  await assert.rejects(store.get('../../etc/passwd'), BlobMissing);
  assert.equal(await store.size('../x'), null);
  await store.delete('../x');
  await store.delete('00000000-0000-4000-8000-000000000000');
});

test('createBlobStore picks the disk store under DATA_DIR/blobs by default', async () => {
  const made = createBlobStore({ dataDir: root, storage: { kind: 'disk' } });
  assert.ok(made instanceof DiskBlobStore, 'disk is the default store');
  const info = await made.put(Readable.from(['bonjour']), { maxBytes: 100 });
  assert.equal(await text(await made.get(info.key)), 'bonjour');
});

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

test('temporary files left by a crash are removed when the store starts; a live upload’s is kept', () => {
  const dir = path.join(root, 'crashed');
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const stale = path.join(tmp, '11111111-1111-4111-8111-111111111111.part');
  const live = path.join(tmp, '22222222-2222-4222-8222-222222222222.part');
  fs.writeFileSync(stale, 'half a file');
  fs.writeFileSync(live, 'being written');
  const old = new Date(Date.now() - 10 * 60_000);
  fs.utimesSync(stale, old, old);
  new DiskBlobStore(dir, { staleTempMs: 60_000 });
  assert.equal(fs.existsSync(stale), false, 'the crashed upload’s .part file should be gone');
  assert.equal(fs.existsSync(live), true, 'a recent .part file may be another instance’s upload');
  // The app's store (DATA_DIR/blobs) counts twice the idle timeout as stale.
  const appTmp = path.join(root, 'crashed-app', 'blobs', 'tmp');
  fs.mkdirSync(appTmp, { recursive: true });
  const left = path.join(appTmp, '33333333-3333-4333-8333-333333333333.part');
  fs.writeFileSync(left, 'x');
  const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
  fs.utimesSync(left, twoMinutesAgo, twoMinutesAgo);
  createBlobStore({ dataDir: path.join(root, 'crashed-app'), storage: { kind: 'disk' }, requestIdleSeconds: 30 });
  assert.equal(fs.existsSync(left), false, 'createBlobStore should clean DATA_DIR/blobs/tmp');
});
