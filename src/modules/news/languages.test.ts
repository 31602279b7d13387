import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { setLanguage } from '../reading/testing.js';
import { buildNewsItem, newsWorld, TEST_NOW, type NewsWorld } from './testing.js';

let t: TestApp;
let w: NewsWorld;
let itemId = '';

// Monday 15 March 2027: the item went out on Sunday 14 and is shown until the 31st.
before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await newsWorld(t.app);
  const item = await buildNewsItem(t.app.db, {
    authorId: w.ce1Teacher.id,
    structureId: w.schoolA.id,
    targets: [{ kind: 'class', targetId: w.ce1.id }],
    publishFrom: '2027-03-14T08:00:00.000Z',
    publishTo: '2027-03-31T12:00:00.000Z',
  });
  itemId = item.id;
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

test('a parent who chose Arabic gets the news in Arabic, right to left; the school’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const list = await page(w.ce1aParent.id, '/news');
  assert.match(list, /<html lang="ar" dir="rtl"/);
  assert.match(list, /<title>الأخبار · Préau<\/title>/, 'the page title');
  assert.match(list, /aria-current="page">الأخبار</, 'the navigation entry of the news');
  assert.match(list, /<h1>الأخبار<\/h1>/);
  assert.match(list, /<span class="badge badge--warn">غير مقروء<\/span>/);
  assert.match(
    list,
    /بقلم \u2068Théo Enseignant\u2069، \u2068École des Tilleuls\u2069، يوم 14 مارس 2027/,
    'names isolated, the date in Arabic with Western digits',
  );
  assert.match(list, /Fête de l’école/, 'the title as the school wrote it');
  assert.match(list, /Rendez-vous samedi dans la cour\./, 'the text as the school wrote it');
  assert.match(list, /تسجيل الخروج/);
  assert.doesNotMatch(list, /Non lu|Par Théo/, 'no French interface words left in the list');

  const item = await page(w.ce1aParent.id, `/news/${itemId}`);
  assert.match(item, /<h1>Fête de l’école<\/h1>/);
  assert.match(item, /معروض حتى 31 مارس 2027/);
  assert.match(item, /<a href="\/news">كل الأخبار<\/a>/);

  const home = await page(w.ce1aParent.id, '/');
  assert.match(home, /<h2 id="headlines-title">أبرز الأخبار<\/h2>/, 'the home page block');
});

test('the author who chose Arabic reads the audience and the receipts in Arabic', async () => {
  await page(w.ce1aParent.id, `/news/${itemId}`);
  await setLanguage(t.app.db, w.ce1Teacher.id, 'ar');
  const body = await page(w.ce1Teacher.id, `/news/${itemId}`);
  assert.match(body, /<li>القسم \u2068CE1\u2069 \(التلاميذ والمعلّمون والعائلات\)<\/li>/, 'the class’s name isolated in its audience');
  assert.match(body, /قرأه 1 من أصل 4 مستلمين/, 'the parent’s reading counted, with the Arabic plural');
  assert.match(body, /<td>قُرئ يوم 15 مارس 2027<\/td>/);
  assert.match(body, /<td>لم يُقرأ بعد<\/td>/);
  assert.match(body, /سحب هذا الخبر/);
  const form = await page(w.ce1Teacher.id, '/news/new');
  assert.match(form, /<label for="audience-1">أولياء أمور القسم \u2068CE1\u2069<\/label>/);
  const refused = await request(t.app, await loginAs(t.app, w.ce1Teacher.id), 'POST', '/api/news', {
    title: 'Sortie',
    body: 'Départ à 9 h.',
    audience: [`class:${w.cm2Class.id}`],
  });
  assert.equal(refused.statusCode, 400, 'another class is out of the teacher’s reach');
  const error = (refused.json() as { error: { code: string; details: { field: string; message: string }[] } }).error;
  assert.equal(error.code, 'news.invalid', 'the code does not change with the language');
  assert.deepEqual(
    error.details.find((d) => d.field === 'audience'),
    { field: 'audience', message: 'لا يمكنك إخبار هذا الجمهور.' },
    'the JSON message in Arabic',
  );
  await setLanguage(t.app.db, w.ce1Teacher.id, 'fr');
});

test('another person, with no choice, still gets the news in French', async () => {
  const body = await page(w.ce1bParent.id, '/news');
  assert.match(body, /<html lang="fr" dir="ltr"/);
  assert.match(body, /aria-current="page">Actualités</);
  assert.match(body, /Par Théo Enseignant, École des Tilleuls, le 14 mars 2027/);
  assert.match(body, /Non lu/);
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(body, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s news', async () => {
  const cases = [
    [
      'en',
      /<html lang="en" dir="ltr"/,
      /aria-current="page">News</,
      /By Théo Enseignant, École des Tilleuls, on 14 March 2027/,
      /Shown until 31 March 2027/,
      /All news/,
    ],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Notícias</,
      /Por Théo Enseignant, École des Tilleuls, a 14 de março de 2027/,
      /Visível até 31 de março de 2027/,
      /Todas as notícias/,
    ],
    [
      'tr',
      /<html lang="tr" dir="ltr"/,
      /aria-current="page">Duyurular</,
      /Yayımlayan: Théo Enseignant, École des Tilleuls, 14 Mart 2027/,
      /Son gösterim tarihi: 31 Mart 2027/,
      /Tüm duyurular/,
    ],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Noticias</,
      /Por Théo Enseignant, École des Tilleuls, el 14 de marzo de 2027/,
      /Visible hasta el 31 de marzo de 2027/,
      /Todas las noticias/,
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await page(w.ce1aParent.id, `/news/${itemId}`);
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
    assert.match(body, /Rendez-vous samedi dans la cour\./, `${locale}: the text as the school wrote it`);
    assert.doesNotMatch(body, /Affichée jusqu|Toutes les actualités/, `${locale}: no French interface words left`);
  }
});
