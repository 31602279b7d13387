import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { blogWorld, postForm, publishedPost, testPhoto } from './testing.js';

let t: TestApp;
let w: World;
let teacher: Session;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await blogWorld(t.app);
  teacher = await loginAs(t.app, w.ce1Teacher.id);
});
after(() => t.close());

async function blobCount(): Promise<number> {
  let n = 0;
  for await (const _ of t.app.blobs.list()) n++;
  return n;
}

async function readBlob(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await t.app.blobs.get(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test('the blog pages need a session', async () => {
  const res = await request(t.app, null, 'GET', `/blog/classes/${w.ce1.id}`);
  assert.equal(res.statusCode, 303, 'sent to the login page');
  assert.match(String(res.headers.location), /^\/login/, 'to the login page');
});

test('a colleague of another class uploads nothing to the CE1 blog', async () => {
  const before = await blobCount();
  const colleague = await loginAs(t.app, w.cm2Teacher.id);
  const res = await postForm(t.app, colleague, `/blog/classes/${w.ce1.id}/posts`, { title: 'Intrus', action: 'draft' }, [
    { name: 'x.jpg', content: await testPhoto(), type: 'image/jpeg' },
  ]);
  assert.equal(res.statusCode, 404, res.body.slice(0, 300));
  assert.equal(await blobCount(), before, 'no blob stored before the refusal');
  const other = await loginAs(t.app, w.otherTeacher.id);
  assert.equal((await request(t.app, other, 'GET', `/blog/classes/${w.ce1.id}`)).statusCode, 404, 'another school’s teacher');
});

test('photos are stored as two re-encoded variants without EXIF; the upload itself is not kept', async () => {
  const before = await blobCount();
  const photo = await testPhoto({ gps: true, width: 2400, height: 1800 });
  assert.ok((await sharp(photo).metadata()).exif, 'the test photo carries EXIF');
  const res = await postForm(t.app, teacher, `/blog/classes/${w.ce1.id}/posts`, { title: 'Au musée', body: 'Les dinosaures.', action: 'draft' }, [
    { name: 'musee.jpg', content: photo, type: 'image/jpeg' },
  ]);
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const media = await t.app.db.selectFrom('blogMedia').selectAll().where('fileName', '=', 'musee.jpg').executeTakeFirstOrThrow();
  assert.equal(await blobCount(), before + 2, 'screen and thumbnail only');
  for (const key of [media.blobKey, media.thumbKey!]) {
    const meta = await sharp(await readBlob(key)).metadata();
    assert.equal(meta.exif, undefined, 'no EXIF left');
    assert.equal(meta.format, 'jpeg', 're-encoded as JPEG');
  }
  assert.equal(media.width, 1600, 'screen variant at most 1600 px');
  assert.equal(media.thumbWidth, 320, 'thumbnail at most 320 px');
});

test('bad input shows the form again with the messages and what was typed, and stores nothing', async () => {
  const before = await blobCount();
  const posts = await t.app.db.selectFrom('blogPosts').select('id').execute();
  const pdf = await postForm(t.app, teacher, `/blog/classes/${w.ce1.id}/posts`, { title: 'Compte rendu tapé', action: 'draft' }, [
    { name: 'notes.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' },
  ]);
  assert.equal(pdf.statusCode, 400, 'a file that is neither a photo nor a video');
  assert.match(pdf.body, /«\s?notes\.pdf\s?» n’est ni une photo/, 'the file is named');
  assert.match(pdf.body, /value="Compte rendu tapé"/, 'the typed title is kept');
  const empty = await postForm(t.app, teacher, `/blog/classes/${w.ce1.id}/posts`, { title: 'Vide', body: '   ', action: 'draft' });
  assert.equal(empty.statusCode, 400, 'an empty post');
  assert.match(empty.body, /L’article est vide/, 'the empty post is explained');
  const untitled = await postForm(t.app, teacher, `/blog/classes/${w.ce1.id}/posts`, { title: '', body: 'Du texte', action: 'draft' });
  assert.equal(untitled.statusCode, 400, 'no title');
  assert.match(untitled.body, />Du texte</, 'the typed text is kept');
  assert.equal(await blobCount(), before, 'no blob kept');
  assert.equal((await t.app.db.selectFrom('blogPosts').select('id').execute()).length, posts.length, 'no post written');
});

test('a photo showing a pupil without consent is refused to parents, names the photo and the pupil, and is accepted after untagging', async () => {
  const { id, media, response } = await publishedPost(t.app, teacher, w.ce1.id, { title: 'Carnaval', photos: 2, tags: [[w.ce1a.id], [w.ce1a.id, w.ce1b.id]] });
  assert.equal(response.statusCode, 400, 'refused');
  assert.match(response.body, /La photo «\s?photo-2\.jpg\s?» montre Noé Écolier, qui n’a pas d’autorisation photo/, 'names the photo and the pupil');
  assert.match(response.body, new RegExp(`id="tag-${media[1]}-${w.ce1b.id}"[^>]*checked`), 'the tags typed are shown again');
  const row = await t.app.db.selectFrom('blogPosts').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'draft', 'nothing published');
  assert.equal((await t.app.db.selectFrom('blogMediaTags').select('studentId').where('mediaId', 'in', media).execute()).length, 0, 'no tag stored');

  // To the class only, it may show Noé.
  const classOnly = await postForm(t.app, teacher, `/blog/posts/${id}/edit`, {
    title: 'Carnaval',
    body: 'Défilé',
    action: 'publish',
    audience: 'class',
    media,
    [`tags.${media[1]}`]: [w.ce1a.id, w.ce1b.id],
  });
  assert.equal(classOnly.statusCode, 303, classOnly.body.slice(0, 400));
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const pupil = await loginAs(t.app, w.ce1b.id);
  assert.equal((await request(t.app, parent, 'GET', `/blog/posts/${id}`)).statusCode, 404, 'not for families');
  assert.equal((await request(t.app, pupil, 'GET', `/blog/posts/${id}`)).statusCode, 200, 'the class reads it');

  const fine = await postForm(t.app, teacher, `/blog/posts/${id}/edit`, {
    title: 'Carnaval',
    body: 'Défilé',
    action: 'publish',
    audience: 'families',
    media,
    [`tags.${media[1]}`]: [w.ce1a.id],
  });
  assert.equal(fine.statusCode, 303, fine.body.slice(0, 400));
  const page = await request(t.app, parent, 'GET', `/blog/classes/${w.ce1.id}`);
  assert.equal(page.statusCode, 200, 'the parent reads the blog');
  assert.match(page.body, /Carnaval/, 'and the post');
  assert.match(page.body, /loading="lazy"[^>]*width="\d+" height="\d+"/, 'thumbnails load lazily with their size');
  const photo = await request(t.app, parent, 'GET', `/blog/media/${media[0]}/thumb`);
  assert.equal(photo.statusCode, 200, 'the parent sees the photos');
  assert.equal(photo.headers['content-type'], 'image/jpeg', 'as JPEG');
  const api = await request(t.app, parent, 'GET', `/api/blog/classes/${w.ce1.id}/posts`);
  assert.equal(api.statusCode, 200, api.body);
  assert.ok(
    (api.json() as { items: { id: string }[] }).items.some((p) => p.id === id),
    'the API lists it for the parent',
  );

  for (const [name, who] of [
    ['the CM2 parent', w.cm2Parent],
    ['a pupil of another class', w.cm2],
    ['another school’s teacher', w.otherTeacher],
    ['another school’s parent', w.otherParent],
  ] as const) {
    const s = await loginAs(t.app, who.id);
    for (const url of [`/blog/posts/${id}`, `/api/blog/posts/${id}`, `/blog/media/${media[0]}`, `/blog/media/${media[0]}/thumb`]) {
      const res = await request(t.app, s, 'GET', url);
      assert.equal(res.statusCode, 404, `${name}: ${url}`);
      assert.doesNotMatch(res.body, /Carnaval/, `${name}: nothing of the post`);
    }
  }

  // A tag of a pupil not in the class is refused.
  const stranger = await postForm(t.app, teacher, `/blog/posts/${id}/edit`, {
    title: 'Carnaval',
    action: 'publish',
    audience: 'families',
    media,
    [`tags.${media[0]}`]: [w.cm2.id],
  });
  assert.equal(stranger.statusCode, 400, 'a pupil of another class');
  assert.match(stranger.body, /Cet élève n’est pas dans la classe/, 'explained');
});

test('a change of consent hides a published post from parents and tells its author', async () => {
  const { id, response } = await publishedPost(t.app, teacher, w.ce1.id, { title: 'Piscine', tags: [[w.ce1a.id]] });
  assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  const parent = await loginAs(t.app, w.ce1bParent.id);
  assert.equal((await request(t.app, parent, 'GET', `/blog/posts/${id}`)).statusCode, 200, 'published to families');

  const director = await loginAs(t.app, w.director.id);
  const other = await loginAs(t.app, w.otherTeacher.id);
  const refused = await request(t.app, other, 'POST', `/directory/people/${w.ce1a.id}/photo-consent`, form({ _csrf: other.csrf, consent: 'no' }).payload, {
    headers: form({}).headers,
  });
  assert.equal(refused.statusCode, 404, 'another school’s teacher changes nothing');
  const teacherTry = await request(t.app, teacher, 'GET', `/directory/people/${w.ce1a.id}/photo-consent`);
  assert.equal(teacherTry.statusCode, 404, 'the teacher does not change consent');
  const bad = await request(
    t.app,
    director,
    'POST',
    `/directory/people/${w.ce1a.id}/photo-consent`,
    form({ _csrf: director.csrf, consent: 'peut-être' }).payload,
    {
      headers: form({}).headers,
    },
  );
  assert.equal(bad.statusCode, 400, 'an unknown value shows the form again');
  assert.match(bad.body, /Autorisation photo de Léa Élève/, 'the form, with the pupil named');
  const changed = await request(
    t.app,
    director,
    'POST',
    `/directory/people/${w.ce1a.id}/photo-consent`,
    form({ _csrf: director.csrf, consent: 'no' }).payload,
    {
      headers: form({}).headers,
    },
  );
  assert.equal(changed.statusCode, 303, changed.body.slice(0, 300));
  // Families stop seeing it at once; the job then marks it and notifies.
  assert.equal((await request(t.app, parent, 'GET', `/blog/posts/${id}`)).statusCode, 404, 'hidden from families at once');
  await t.app.jobs.runDue();
  const row = await t.app.db.selectFrom('blogPosts').select('familiesHiddenAt').where('id', '=', id).executeTakeFirstOrThrow();
  assert.ok(row.familiesHiddenAt, 'marked hidden from families');
  const notices = await t.app.db
    .selectFrom('notifications')
    .select(['title', 'body'])
    .where('recipientId', '=', w.ce1Teacher.id)
    .where('kind', '=', 'blog')
    .execute();
  assert.ok(
    notices.some((n) => n.title.includes('Piscine') && n.body?.includes('Léa Élève')),
    `the author is told: ${JSON.stringify(notices)}`,
  );
  const pupil = await loginAs(t.app, w.ce1b.id);
  assert.equal((await request(t.app, pupil, 'GET', `/blog/posts/${id}`)).statusCode, 200, 'still visible to the class');
  // Consent given back: the post stays hidden until a teacher publishes it again.
  await request(t.app, director, 'POST', `/directory/people/${w.ce1a.id}/photo-consent`, form({ _csrf: director.csrf, consent: 'yes' }).payload, {
    headers: form({}).headers,
  });
  await t.app.jobs.runDue();
  assert.equal((await request(t.app, parent, 'GET', `/blog/posts/${id}`)).statusCode, 404, 'still hidden until published again');
});
