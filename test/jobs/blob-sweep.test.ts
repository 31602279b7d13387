import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { buildApp } from '../../src/app.js';
import { TestClock } from '../../src/kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../src/kernel/testing/index.js';
import type { World } from '../../src/modules/directory/testing.js';
import { buildNode } from '../../src/modules/documents/testing.js';
import { homeworkWorld, lessonBody, publishLesson } from '../../src/modules/homework/testing.js';

// The daily sweep removes stored bytes no row references, and keeps every module's files.
let t: TestApp;
let w: World;
const clock = new TestClock(new Date());

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await homeworkWorld(t.app);
});
after(() => t.close());

async function keys(): Promise<Set<string>> {
  const found = new Set<string>();
  for await (const blob of t.app.blobs.list()) found.add(blob.key);
  return found;
}

test('the sweep keeps lesson, message and document files, and removes orphans once they are a day old', async () => {
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  // A lesson attachment, through the API.
  const lesson = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
  const boundary = 'SweepBoundary';
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="fiche.txt"\r\nContent-Type: text/plain\r\n\r\nFiche de lecture\r\n--${boundary}--\r\n`,
  );
  const up = await request(t.app, teacher, 'POST', `/api/homework/lessons/${lesson.id}/attachments`, body, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(up.statusCode, 201, up.body);
  // A message attachment, through the API: a draft, then its file.
  const draft = await request(t.app, teacher, 'POST', '/api/messaging/drafts', { to: [], subject: 'Sortie', body: 'Le programme' });
  assert.ok([200, 201].includes(draft.statusCode), draft.body);
  const attached = await request(t.app, teacher, 'POST', `/api/messaging/drafts/${draft.json().id}/attachments`, body, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(attached.statusCode, 201, attached.body);
  // A document in the teacher's space.
  await buildNode(t.app, { ownerId: w.ce1Teacher.id, name: 'progression.txt', content: 'Période 2' });
  // And an orphan: bytes whose row never came.
  const orphan = await t.app.blobs.put(Readable.from([Buffer.from('perdu')]), { maxBytes: 100, fileName: 'perdu.txt' });
  const kept = await keys();
  assert.equal(kept.size, 4, `four blobs stored: ${[...kept].join(', ')}`);

  // Today the orphan is still within its grace period (its upload may be finishing).
  await t.app.jobs.runDue();
  assert.ok((await keys()).has(orphan.key), 'a fresh orphan is kept');

  clock.advance(2 * 24 * 60 * 60_000);
  await t.app.jobs.runDue();
  const after = await keys();
  assert.ok(!after.has(orphan.key), 'the day-old orphan is removed');
  assert.equal(after.size, 3, 'the lesson’s, the message’s and the document’s files stay');
  for (const key of kept) if (key !== orphan.key) assert.ok(after.has(key), `${key} is kept`);
});
