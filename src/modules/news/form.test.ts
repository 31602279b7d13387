import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { multipart, type TestFile } from '../../kernel/storage/testing.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { countBlobPuts } from '../homework/testing.js';
import { newsWorld, TEST_NOW, type NewsWorld } from './testing.js';

let t: TestApp;
let w: NewsWorld;
let director: Session;
const clock = new TestClock(TEST_NOW);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await newsWorld(t.app);
  director = await loginAs(t.app, w.director.id);
});
after(() => t.close());

/** A 2000×1500 JPEG carrying a GPS position and a camera name in its EXIF. */
async function photoWithLocation(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Appareil-Espion', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } })
    .toBuffer();
}

const post = (who: Session, fields: Record<string, string | string[]>, files: TestFile[] = []) => {
  const body = multipart({ _csrf: who.csrf, ...fields }, files);
  return request(t.app, who, 'POST', '/news', body.payload, { headers: body.headers });
};
const countItems = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('newsItems')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('the form page lists the audiences the author may reach; pupils and parents are told no', async () => {
  const page = await request(t.app, director, 'GET', '/news/new');
  assert.equal(page.statusCode, 200, 'the director opens the form');
  assert.match(page.body, /Les parents de la classe CE1/, 'the classes’ parents are offered');
  assert.ok(!page.body.includes('Ville des Tilleuls'), 'not the municipality’s families');
  const pupil = await loginAs(t.app, w.ce1a.id);
  assert.equal((await request(t.app, pupil, 'GET', '/news/new')).statusCode, 403, 'a pupil does not get the form');
});

test('a refused field brings the form back with its message and what was typed; nothing is stored', async () => {
  const puts = countBlobPuts(t.app);
  const before = await countItems();
  const notImage = await post(director, { title: 'Kermesse', body: 'Samedi', audience: `parents:${w.ce1.id}` }, [
    { field: 'image', name: 'photo.jpg', content: '%PDF-1.4\n%%EOF\n', type: 'image/jpeg' },
  ]);
  assert.equal(notImage.statusCode, 400, 'a PDF named photo.jpg is not an image');
  assert.match(notImage.body, /L’image doit être un fichier JPEG/, 'the image field says why');
  assert.match(notImage.body, /value="Kermesse"/, 'the title typed comes back');
  assert.match(notImage.body, /Samedi<\/textarea>/, 'the text typed comes back');
  assert.match(notImage.body, new RegExp(`value="parents:${w.ce1.id}" checked`), 'the audience ticked stays ticked');

  const window = await post(director, {
    title: 'Kermesse',
    body: 'Samedi',
    audience: `parents:${w.ce1.id}`,
    publishFrom: '2027-03-20',
    publishTo: '2027-03-19',
  });
  assert.equal(window.statusCode, 400, 'a window ending before it starts');
  assert.match(window.body, /La fin de la publication doit venir après son début/, 'the end says why');

  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const far = await post(teacher, { title: 'Kermesse', body: 'Samedi', audience: `parents:${w.cm2Class.id}` });
  assert.equal(far.statusCode, 400, 'a class the teacher does not teach');
  assert.match(far.body, /Vous ne pouvez pas informer ce public/, 'the audience says why');

  const empty = await post(director, { title: '', body: '' });
  assert.equal(empty.statusCode, 400, 'nothing filled in');
  assert.match(empty.body, /Donnez un titre/, 'the title is asked for');
  assert.match(empty.body, /Choisissez au moins un public/, 'an audience is asked for');

  assert.equal(await countItems(), before, 'no item stored');
  const stored: string[] = [];
  for await (const blob of t.app.blobs.list()) stored.push(blob.key);
  assert.equal(stored.length, 0, `no blob left behind (${puts.puts} received then discarded)`);
});

test('a pupil’s upload stores no byte', async () => {
  const puts = countBlobPuts(t.app);
  const pupil = await loginAs(t.app, w.ce1a.id);
  const res = await post(pupil, { title: 'x', body: 'y', audience: `class:${w.ce1.id}` }, [{ field: 'files', name: 'a.pdf', content: '%PDF-1.4\n%%EOF\n' }]);
  assert.equal(res.statusCode, 403, 'refused');
  assert.equal(puts.puts, 0, 'no blob written');
});

test('an image is resized and loses its EXIF; files reach the audience and nobody else', async () => {
  const res = await post(
    director,
    { title: 'Classe verte', body: 'Les photos du départ.', audience: [`parents:${w.ce1.id}`], imageAlt: 'Le car devant l’école', pinned: 'on' },
    [
      { field: 'image', name: 'depart.jpg', content: await photoWithLocation(), type: 'image/jpeg' },
      { field: 'files', name: 'programme.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' },
    ],
  );
  assert.equal(res.statusCode, 303, res.body);
  const id = /\/news\/([0-9a-f-]{36})$/.exec(res.headers.location as string)![1]!;
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const page = await request(t.app, parent, 'GET', `/news/${id}`);
  assert.match(page.body, /alt="Le car devant l’école"/, 'the image has its description');
  const image = await request(t.app, parent, 'GET', `/news/${id}/image`);
  assert.equal(image.statusCode, 200, 'the parent gets the image');
  const meta = await sharp(image.rawPayload).metadata();
  assert.equal(meta.format, 'jpeg', 'stored as JPEG');
  assert.ok(meta.width! <= 1200 && meta.height! <= 1200, `resized (${meta.width}×${meta.height})`);
  assert.equal(meta.exif, undefined, 'no EXIF kept (no position, no camera)');
  const item = (await request(t.app, parent, 'GET', `/api/news/${id}`)).json() as { attachments: { id: string }[]; pinned: boolean };
  assert.equal(item.pinned, true, 'pinned');
  const file = await request(t.app, parent, 'GET', `/news/${id}/attachments/${item.attachments[0]!.id}`);
  assert.equal(file.statusCode, 200, 'the parent downloads the file');
  const other = await loginAs(t.app, w.cm2Parent.id);
  assert.equal((await request(t.app, other, 'GET', `/news/${id}/image`)).statusCode, 404, 'another class’s parent: 404');
  assert.equal((await request(t.app, other, 'GET', `/news/${id}/attachments/${item.attachments[0]!.id}`)).statusCode, 404, 'and 404 for the file');
  const keys: string[] = [];
  for await (const blob of t.app.blobs.list()) keys.push(blob.key);
  const referenced = await t.app.blobReferences.referenced(t.app.db, keys);
  assert.equal(referenced.size, keys.length, 'every stored blob is referenced (the original upload is gone)');
});

test('through the API: the image route refuses a non-image and replaces the image otherwise', async () => {
  const created = await request(t.app, director, 'POST', '/api/news', { title: 'Photo de classe', body: 'Mardi.', audience: [`class:${w.ce1.id}`] });
  const { id } = created.json() as { id: string };
  const bad = multipart({}, [{ field: 'image', name: 'x.png', content: 'pas une image' }]);
  const refused = await request(t.app, director, 'POST', `/api/news/${id}/image`, bad.payload, { headers: bad.headers });
  assert.equal(refused.statusCode, 400, 'not an image');
  assert.equal(refused.json().error.details[0].field, 'image', 'the field is named');
  const good = multipart({}, [{ field: 'image', name: 'x.jpg', content: await photoWithLocation() }]);
  const ok = await request(t.app, director, 'POST', `/api/news/${id}/image?alt=Photo`, good.payload, { headers: good.headers });
  assert.equal(ok.statusCode, 200, ok.body);
  const item = (await request(t.app, director, 'GET', `/api/news/${id}`)).json() as { hasImage: boolean; imageAlt: string };
  assert.deepEqual([item.hasImage, item.imageAlt], [true, 'Photo'], 'the image is set');
});
