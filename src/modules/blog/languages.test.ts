import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { setLanguage } from '../reading/testing.js';
import { blogWorld, postForm, publishedPost } from './testing.js';

let t: TestApp;
let w: World;
let postId = '';

before(async () => {
  t = await buildTestApp(buildApp);
  w = await blogWorld(t.app);
  const post = await publishedPost(t.app, await loginAs(t.app, w.ce1Teacher.id), w.ce1.id, { photos: 5, tags: [[w.ce1a.id]] });
  assert.equal(post.response.statusCode, 303, 'the post is published');
  postId = post.id;
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

test('a parent who chose Arabic reads the class blog in Arabic, right to left; the school’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const blog = await page(w.ce1aParent.id, `/blog/classes/${w.ce1.id}`);
  assert.match(blog, /<html lang="ar" dir="rtl"/);
  assert.match(blog, /<title>مدوّنة القسم \u2068CE1\u2069 · Préau<\/title>/, 'the page title, the class name isolated');
  assert.match(blog, /aria-current="page">مدوّنة القسم</, 'the navigation entry of the blog');
  assert.match(blog, /<h1>مدوّنة القسم \u2068CE1\u2069<\/h1>/);
  assert.match(blog, /بقلم \u2068Théo Enseignant\u2069، يوم \d+ [\u0600-\u06FF]+ \d{4}/, 'the author isolated, the date in Arabic with Western digits');
  assert.match(blog, /قراءة «\u2068Sortie au jardin\u2069» \(5 صور\)/, 'the title isolated, the Arabic plural of photos');
  assert.match(blog, /Nous avons planté des tulipes\./, 'the text as the school wrote it');
  assert.doesNotMatch(blog, /Blog de la classe|par Théo|Lire «/, 'no French interface words left');

  const post = await page(w.ce1aParent.id, `/blog/posts/${postId}`);
  assert.match(post, /<h1>Sortie au jardin<\/h1>/);
  assert.match(post, />العودة إلى مدوّنة القسم \u2068CE1\u2069<\/a>/);
  assert.match(post, /<h2 id="comments">التعليقات<\/h2>/);
  assert.match(post, /لا توجد تعليقات\./);
});

test('a teacher who chose Arabic is told in Arabic which photo shows a pupil without photo consent', async () => {
  await setLanguage(t.app.db, w.ce1Teacher.id, 'ar');
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const media = await t.app.db.selectFrom('blogMedia').select('id').where('postId', '=', postId).orderBy('position').execute();
  const refused = await postForm(t.app, teacher, `/blog/posts/${postId}/edit`, {
    title: 'Sortie au jardin',
    body: 'Nous avons planté des tulipes.',
    action: 'publish',
    audience: 'families',
    media: media.map((m) => m.id),
    [`tags.${media[1]!.id}`]: [w.ce1b.id],
  });
  assert.equal(refused.statusCode, 400, 'Noé has no photo consent');
  assert.match(refused.body, /<html lang="ar" dir="rtl"/);
  assert.match(refused.body, /تُظهر الصورة «\u2068photo-2\.jpg\u2069» \u2068Noé Écolier\u2069، وليس لديه إذن بالتصوير/, 'the photo and the pupil isolated');
  assert.match(refused.body, /الصورة 2: \u2068photo-2\.jpg\u2069/, 'the photo’s legend');
  assert.match(refused.body, /دون إذن بالتصوير/, 'the pupil without consent is marked');
  assert.doesNotMatch(refused.body, /La photo «|sans autorisation photo/, 'no French interface words left');
  await setLanguage(t.app.db, w.ce1Teacher.id, 'fr');
});

test('another person, with no choice, still gets the class blog in French', async () => {
  const body = await page(w.ce1bParent.id, `/blog/classes/${w.ce1.id}`);
  assert.match(body, /<html lang="fr" dir="ltr"/);
  assert.match(body, /aria-current="page">Blog de classe</);
  assert.match(body, /<h1>Blog de la classe CE1<\/h1>/);
  assert.match(body, /par Théo Enseignant, le \d/);
  assert.match(body, /Lire « Sortie au jardin » \(5\u00a0photos\)/);
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(body, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s class blog', async () => {
  const cases = [
    [
      'en',
      /<html lang="en" dir="ltr"/,
      /aria-current="page">Class blog</,
      /<h1>CE1 class blog<\/h1>/,
      /by Théo Enseignant, on \d+ [A-Z][a-z]+ \d{4}/,
      /Read “Sortie au jardin” \(5\u00a0photos\)/,
    ],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Blogue da turma</,
      /<h1>Blogue da turma CE1<\/h1>/,
      /por Théo Enseignant, a \d+ de [a-zç]+ de \d{4}/,
      /Ler «Sortie au jardin» \(5\u00a0fotografias\)/,
    ],
    [
      'tr',
      /<html lang="tr" dir="ltr"/,
      /aria-current="page">Sınıf blogu</,
      /<h1>CE1 sınıfının blogu<\/h1>/,
      /Théo Enseignant, \d+ \S+ \d{4}/,
      /“Sortie au jardin” yazısını oku \(5\u00a0fotoğraf\)/,
    ],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Blog de la clase</,
      /<h1>Blog de la clase CE1<\/h1>/,
      /por Théo Enseignant, el \d+ de [a-z]+ de \d{4}/,
      /Leer «Sortie au jardin» \(5\u00a0fotos\)/,
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await page(w.ce1aParent.id, `/blog/classes/${w.ce1.id}`);
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
    assert.match(body, /Nous avons planté des tulipes\./, `${locale}: the text as the school wrote it`);
    assert.doesNotMatch(body, /par Théo|Lire «|Blog de classe</, `${locale}: no French interface words left`);
  }
});
