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
