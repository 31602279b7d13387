import type { FastifyInstance } from 'fastify';
import { multipart, type TestFile } from '../../kernel/storage/testing.js';
import { request, type Session } from '../../kernel/testing/index.js';
import { buildWorld } from '../directory/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { generatedPhoto } from './demo.js';

/** A generated photo for tests (see `generatedPhoto`). */
export const testPhoto = generatedPhoto;

/** The directory's two-school world in the clock's school year; Léa (CE1) consents to photos, Noé does not. */
export async function blogWorld(app: FastifyInstance) {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  await app.db.updateTable('people').set({ photoConsent: 1 }).where('id', 'in', [w.ce1a.id, w.cm2.id, w.otherStudent.id]).execute();
  await app.db.updateTable('people').set({ photoConsent: 0 }).where('id', '=', w.ce1b.id).execute();
  return w;
}

/** Posts the editor's multipart form (CSRF first, as a browser does). */
export function postForm(app: FastifyInstance, session: Session, url: string, fields: Record<string, string | string[]>, files: TestFile[] = []) {
  const body = multipart({ _csrf: session.csrf, ...fields }, files);
  return request(app, session, 'POST', url, body.payload, { headers: body.headers });
}

/** A teacher's post with photos, tagged as given, published to `audience`; returns its id and its photos' ids. */
export async function publishedPost(
  app: FastifyInstance,
  teacher: Session,
  groupId: string,
  options: { title?: string; body?: string; photos?: number; tags?: string[][]; audience?: 'class' | 'families' } = {},
) {
  const photos = await Promise.all(Array.from({ length: options.photos ?? 1 }, (_, i) => testPhoto({ hue: i * 37, width: 400, height: 300 })));
  const created = await postForm(
    app,
    teacher,
    `/blog/classes/${groupId}/posts`,
    { title: options.title ?? 'Sortie au jardin', body: options.body ?? 'Nous avons planté des tulipes.', action: 'draft' },
    photos.map((content, i) => ({ name: `photo-${i + 1}.jpg`, content, type: 'image/jpeg' })),
  );
  if (created.statusCode !== 303) throw new Error(`post not created: ${created.statusCode} ${created.body.slice(0, 500)}`);
  const id = /\/blog\/posts\/([0-9a-f-]+)\/edit/.exec(created.headers.location as string)![1]!;
  const media = await app.db.selectFrom('blogMedia').select('id').where('postId', '=', id).orderBy('position').execute();
  const fields: Record<string, string | string[]> = {
    title: options.title ?? 'Sortie au jardin',
    body: options.body ?? 'Nous avons planté des tulipes.',
    action: 'publish',
    audience: options.audience ?? 'families',
    media: media.map((m) => m.id),
  };
  media.forEach((m, i) => {
    if (options.tags?.[i]?.length) fields[`tags.${m.id}`] = options.tags[i]!;
  });
  const published = await postForm(app, teacher, `/blog/posts/${id}/edit`, fields);
  return { id, media: media.map((m) => m.id), response: published };
}

/** An ISO-BMFF box: 32-bit size, four-character type, then its content. */
export function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** Where the test video says it was filmed (QuickTime `©xyz`, ISO 6709). */
export const VIDEO_LOCATION = '+48.8566+002.3522/';

/**
 * A small MP4 written box by box: `ftyp`, a `moov` whose track points (`stco`) at the sample in
 * `mdat`, and the location in the movie's and the track's `udta` and in an iTunes-style `meta`.
 */
export function testVideo(): Buffer {
  const full = (version = 0) => Buffer.from([version, 0, 0, 0]);
  const u32 = (...values: number[]) => Buffer.concat(values.map((v) => Buffer.from([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255])));
  const xyz = () => box('\u00a9xyz', Buffer.from([0, VIDEO_LOCATION.length, 0x15, 0xc7]), Buffer.from(VIDEO_LOCATION, 'latin1'));
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), u32(0x200), Buffer.from('isomiso2mp41', 'latin1'));
  const sample = Buffer.from('PREAU-SAMPLE-DATA', 'latin1');
  const moovFor = (chunkOffset: number) =>
    box(
      'moov',
      box('mvhd', full(), u32(0, 0, 1000, 1000, 0x00010000), Buffer.alloc(80)),
      box(
        'trak',
        box('tkhd', full(), u32(0, 0, 1, 0, 1000), Buffer.alloc(64)),
        box(
          'mdia',
          box('mdhd', full(), u32(0, 0, 1000, 1000), Buffer.alloc(4)),
          box('hdlr', full(), u32(0), Buffer.from('vide', 'latin1'), Buffer.alloc(12), Buffer.from('Video\0', 'latin1')),
          box('minf', box('stbl', box('stsz', full(), u32(sample.length, 1)), box('stco', full(), u32(1, chunkOffset)))),
        ),
        box('udta', xyz()),
      ),
      box('udta', xyz(), box('\u00a9day', Buffer.from('2027-03-15T10:00:00+0100', 'latin1'))),
      box('meta', full(), box('hdlr', full(), u32(0), Buffer.from('mdta', 'latin1'), Buffer.alloc(12), Buffer.from('\0')), box('ilst', xyz())),
    );
  // The sample follows ftyp, moov and the mdat header: the offset is known once moov's size is.
  const offset = ftyp.length + moovFor(0).length + 8;
  return Buffer.concat([ftyp, moovFor(offset), box('mdat', sample)]);
}
