import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { blogWorld, box, testVideo, VIDEO_LOCATION } from './testing.js';
import { metadataBoxes } from './video.js';

let t: TestApp;
let w: World;
let teacher: Session;
let postId = '';

before(async () => {
  t = await buildTestApp(buildApp);
  w = await blogWorld(t.app);
  teacher = await loginAs(t.app, w.ce1Teacher.id);
  const created = await request(t.app, teacher, 'POST', `/api/blog/classes/${w.ce1.id}/posts`, { title: 'Chorale', body: 'Nous avons chanté.' });
  assert.equal(created.statusCode, 201, created.body);
  postId = (created.json() as { id: string }).id;
});
after(() => t.close());

const reader = (bytes: Buffer) => async (start: number, length: number) => bytes.subarray(start, start + length);

async function blobCount(): Promise<number> {
  let n = 0;
  for await (const _ of t.app.blobs.list()) n++;
  return n;
}

const upload = (name: string, content: Buffer) => {
  const files = multipart({}, [{ name, content, type: 'video/mp4' }]);
  return request(t.app, teacher, 'POST', `/api/blog/posts/${postId}/media`, files.payload, { headers: files.headers });
};

test('the test video is a box tree whose metadata boxes are found in the movie, the track and the meta box', async () => {
  const video = testVideo();
  const boxes = await metadataBoxes(reader(video), video.length);
  assert.deepEqual(
    boxes?.map((b) => b.type),
    ['udta', 'udta', 'meta'],
    'the track’s udta, the movie’s udta, the meta box',
  );
  assert.ok(video.includes(VIDEO_LOCATION), 'the location is in the file before upload');
});

test('an uploaded MP4 is stored without its location, same size, offsets still pointing at the sample', async () => {
  const video = testVideo();
  const res = await upload('sortie.mp4', video);
  assert.equal(res.statusCode, 201, res.body);
  const row = await t.app.db.selectFrom('blogMedia').selectAll().where('postId', '=', postId).where('kind', '=', 'video').executeTakeFirstOrThrow();
  const served = await request(t.app, teacher, 'GET', `/blog/media/${row.id}`);
  assert.equal(served.statusCode, 200, 'the video is served');
  const stored = served.rawPayload;
  assert.equal(stored.length, video.length, 'nothing moved: same size');
  assert.equal(row.size, video.length, 'the recorded size is the stored one');
  assert.ok(!stored.includes(Buffer.from(VIDEO_LOCATION, 'latin1')), 'the location string is gone');
  assert.ok(!stored.includes(Buffer.from('2027-03-15T10', 'latin1')), 'the recording date is gone');
  const after = await metadataBoxes(reader(stored), stored.length);
  assert.deepEqual(after, [], 'the file still parses, with no metadata box left');
  const stco = stored.indexOf(Buffer.from('stco', 'latin1'));
  const offset = stored.readUInt32BE(stco + 12);
  assert.equal(stored.subarray(offset, offset + 5).toString('latin1'), 'PREAU', 'the chunk offset still points at the sample');
  assert.equal(stored.indexOf(Buffer.from('free', 'latin1')) > 0, true, 'the metadata became free boxes');
});

test('a file sniffed as MP4 that is not a box tree is refused with a 400, and nothing is kept', async () => {
  const before = await blobCount();
  const rows = (await t.app.db.selectFrom('blogMedia').select('id').execute()).length;
  const broken = Buffer.concat([box('ftyp', Buffer.from('mp42', 'latin1')), Buffer.from([0, 0, 0x10, 0, 0x6d, 0x6f, 0x6f, 0x76]), Buffer.alloc(20)]);
  const res = await upload('cassée.mp4', broken);
  assert.equal(res.statusCode, 400, res.body);
  const error = (res.json() as { error: { code: string; details: { field: string; message: string }[] } }).error;
  assert.equal(error.details[0]?.field, 'files', 'names the field');
  assert.match(error.details[0]!.message, /cassée\.mp4/, 'names the file');
  const noMovie = await upload('sans-film.mp4', Buffer.concat([box('ftyp', Buffer.from('mp42', 'latin1')), box('mdat', Buffer.alloc(32))]));
  assert.equal(noMovie.statusCode, 400, 'a box tree without a movie box is not a video');
  assert.equal(await blobCount(), before, 'no blob kept');
  assert.equal((await t.app.db.selectFrom('blogMedia').select('id').execute()).length, rows, 'no media recorded');
});
