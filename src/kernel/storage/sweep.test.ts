import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buildApp } from '../../app.js';
import { buildTestApp, type TestApp } from '../testing/index.js';
import { buildWorld, type World } from '../../modules/directory/testing.js';
import { buildNode } from '../../modules/documents/testing.js';
import { referencedBlobKeys } from '../../modules/documents/index.js';
import { DiskBlobStore } from './disk.js';
import { S3BlobStore } from './s3.js';
import { BlobReferences, sweepBlobs, SWEEP_GRACE_MS } from './sweep.js';
import type { BlobStore } from './index.js';

let t: TestApp;
let w: World;
let s3server: { run(): Promise<{ port: number }>; close(): Promise<void> } | null = null;
let s3: S3BlobStore;
const s3dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-sweep-s3-'));

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  // A real S3-compatible server, as in s3.test.ts: failing to start fails the test.
  const moduleName = 's3rver';
  const { default: S3rver } = (await import(moduleName)) as { default: new (options: object) => NonNullable<typeof s3server> };
  s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: [{ name: 'preau' }] });
  const { port } = await s3server.run();
  s3 = new S3BlobStore({
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
  await t.close();
  await s3server?.close();
  fs.rmSync(s3dir, { recursive: true, force: true });
});

const put = (store: BlobStore, text: string) => store.put(Readable.from([Buffer.from(text)]), { maxBytes: 1000 });

async function keysOf(store: BlobStore): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const blob of store.list()) keys.add(blob.key);
  return keys;
}

for (const kind of ['disk', 's3'] as const) {
  test(`${kind}: the sweep deletes unreferenced blobs past the grace period, keeps referenced and recent ones`, async () => {
    const store: BlobStore = kind === 's3' ? s3 : t.app.blobs;
    assert.ok(kind === 's3' || store instanceof DiskBlobStore, 'the test app stores on disk');
    const references = new BlobReferences();
    references.declare('documents', referencedBlobKeys);
    // A document's blob, stored the way an upload stores it.
    const node = await buildNode({ ...t.app, blobs: store } as typeof t.app, { ownerId: w.cm2Teacher.id, name: 'gardé.txt', content: 'gardé' });
    const orphan = await put(store, 'brouillon supprimé');
    const now = new Date();
    // Within the grace period nothing goes, even unreferenced: its row may be on its way.
    assert.equal(await sweepBlobs(store, t.app.db, references, now), 0);
    assert.ok((await keysOf(store)).has(orphan.key), 'a recent unreferenced blob is kept');
    const later = new Date(now.getTime() + SWEEP_GRACE_MS + 60_000);
    const deleted = await sweepBlobs(store, t.app.db, references, later);
    assert.equal(deleted, 1, 'only the orphan is deleted');
    const left = await keysOf(store);
    assert.ok(!left.has(orphan.key), 'the unreferenced blob is gone');
    assert.ok(left.has(node.blobKey!), 'the document’s blob is kept');
    assert.equal(await sweepBlobs(store, t.app.db, references, later), 0, 'running again deletes nothing');
  });
}
