import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { createSession } from '../../kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../kernel/auth/plugin.js';
import { multipart } from '../../kernel/storage/testing.js';

/** A generated photo (a coloured gradient and a disc, no copyrighted material); with `gps`, it carries EXIF location data. */
export async function generatedPhoto(options: { width?: number; height?: number; hue?: number; gps?: boolean } = {}): Promise<Buffer> {
  const width = options.width ?? 800;
  const height = options.height ?? 600;
  const hue = options.hue ?? 200;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g">` +
    `<stop offset="0" stop-color="hsl(${hue},70%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 80) % 360},70%,40%)"/></linearGradient></defs>` +
    `<rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="hsl(${(hue + 160) % 360},80%,70%)"/></svg>`;
  let image = sharp(Buffer.from(svg)).jpeg({ quality: 85 });
  if (options.gps)
    image = image.withExif({
      IFD0: { Make: 'Préau', Model: 'Démo' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' },
    });
  return image.toBuffer();
}

/**
 * A class blog with two posts written through the real forms: one with photos for the families
 * (a consenting pupil tagged), one for the class only. Parents may comment.
 */
export async function seedBlogDemo(app: FastifyInstance, input: { structureId: string; groupId: string; teacherId: string }): Promise<void> {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, input.teacherId, input.structureId, lifetimes, app.clock.now());
  const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken };
  const send = async (url: string, fields: Record<string, string | string[]>, files: { name: string; content: Buffer }[] = []) => {
    const body = multipart(
      { _csrf: session.csrfToken, ...fields },
      files.map((f) => ({ ...f, type: 'image/jpeg' })),
    );
    const res = await app.inject({ method: 'POST', url, payload: body.payload, headers: { ...headers, ...body.headers } });
    if (res.statusCode !== 303) throw new Error(`demo: POST ${url} answered ${res.statusCode}`);
    return String(res.headers.location);
  };
  const settings = new URLSearchParams({ _csrf: session.csrfToken, parentsComment: 'on' }).toString();
  await app.inject({
    method: 'POST',
    url: `/blog/classes/${input.groupId}/settings`,
    payload: settings,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  });
  const consenting = await app.db
    .selectFrom('groupMembers')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select('people.id')
    .where('groupMembers.groupId', '=', input.groupId)
    .where('groupMembers.role', '=', 'student')
    .where('people.photoConsent', '=', 1)
    .executeTakeFirst();

  const write = async (title: string, body: string, audience: 'class' | 'families', photos: number) => {
    const files = await Promise.all(
      Array.from({ length: photos }, async (_, i) => ({ name: `photo-${i + 1}.jpg`, content: await generatedPhoto({ hue: 40 + i * 70, gps: true }) })),
    );
    const editUrl = await send(`/blog/classes/${input.groupId}/posts`, { title, body, action: 'draft' }, files);
    const postId = editUrl.split('/')[3]!;
    const media = await app.db.selectFrom('blogMedia').select('id').where('postId', '=', postId).orderBy('position').execute();
    const fields: Record<string, string | string[]> = { title, body, action: 'publish', audience, media: media.map((m) => m.id) };
    if (consenting && media[0]) fields[`tags.${media[0].id}`] = [consenting.id];
    await send(`/blog/posts/${postId}/edit`, fields);
  };
  await write(
    'Notre sortie au jardin botanique',
    'Nous avons observé les plantes de la serre tropicale.\n\n- des bananiers\n- des orchidées\n- un bassin de nénuphars',
    'families',
    3,
  );
  await write('Les exposés de la semaine', 'Bravo à tous pour vos exposés sur les animaux de la forêt !', 'class', 1);
  await seedSchoolBlogDemo(app, input.structureId);
}

/** The school's blog, opened by its director, with one post for the families (no photo: nobody to tag). */
async function seedSchoolBlogDemo(app: FastifyInstance, structureId: string): Promise<void> {
  const director = await app.db
    .selectFrom('structureRoles')
    .select('personId')
    .where('structureId', '=', structureId)
    .where('role', '=', 'director')
    .executeTakeFirst();
  if (!director) return;
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, director.personId, structureId, lifetimes, app.clock.now());
  const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken };
  const formHeaders = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
  const open = await app.inject({ method: 'POST', url: `/blog/schools/${structureId}/open`, payload: `_csrf=${session.csrfToken}`, headers: formHeaders });
  if (open.statusCode !== 303) throw new Error(`demo: opening the school blog answered ${open.statusCode}`);
  const settings = new URLSearchParams({ _csrf: session.csrfToken, parentsComment: 'on' }).toString();
  await app.inject({ method: 'POST', url: `/blog/schools/${structureId}/settings`, payload: settings, headers: formHeaders });
  const title = 'La semaine du goût à l’école';
  const body =
    'Du lundi au vendredi, chaque classe a découvert une saveur : le sucré, le salé, l’acide, l’amer et l’umami.\n\n' +
    '- lundi : les fruits de saison du marché\n- mercredi : l’atelier pain avec la boulangerie du quartier\n- vendredi : le goûter partagé avec les familles\n\n' +
    'Merci aux parents qui sont venus aider à la cantine !';
  const created = await app.inject({ method: 'POST', url: `/api/blog/schools/${structureId}/posts`, payload: { title, body }, headers });
  if (created.statusCode !== 201) throw new Error(`demo: the school blog post answered ${created.statusCode}`);
  const { id } = created.json() as { id: string };
  await app.inject({ method: 'PUT', url: `/api/blog/posts/${id}`, payload: { title, body, audience: 'families', action: 'publish' }, headers });
}
