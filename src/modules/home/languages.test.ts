import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { lessonBody, publishLesson } from '../homework/testing.js';
import { setLanguage } from '../reading/testing.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
});
after(() => t.close());

const home = async (personId: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', '/')).body;

test('a parent who chose Arabic gets the home page in Arabic, right to left; the school’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const body = await home(w.ce1aParent.id);
  assert.match(body, /<html lang="ar" dir="rtl"/);
  assert.match(body, /<a class="skip-link" href="#main">الانتقال إلى المحتوى<\/a>/);
  assert.match(body, /<h2 id="children-title">أبنائي<\/h2>/);
  assert.match(body, /واجب واحد للغد · واجبان خلال أسبوع/, 'the counts in Arabic, with the dual');
  assert.match(body, /مفكرة واجبات \u2068Léa Élève\u2069/, 'the child’s name isolated in the Arabic sentence');
  assert.match(body, />الرئيسية</, 'the navigation entry of the home page');
  assert.match(body, /تسجيل الخروج/);
  assert.match(body, /Exercices 3 et 4 page 52/, 'the work as the teacher wrote it');
  for (const entry of ['المستندات', 'صناديق تسليم الواجبات', 'بياناتي', 'التقييمات', 'المنتديات', 'الموارد']) {
    assert.ok(body.includes(`>${entry}</a>`), `the navigation entry ${entry}, though its service is still in French`);
  }
});

test('another person, with no choice, still gets French', async () => {
  const body = await home(w.ce1bParent.id);
  assert.match(body, /<html lang="fr" dir="ltr"/);
  assert.match(body, /Aller au contenu/);
  assert.match(body, /Se déconnecter/);
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
});

test('each language’s own words on the same parent’s page', async () => {
  const cases = [
    ['en', /<html lang="en" dir="ltr"/, /1\u00a0piece of homework for tomorrow · 2\u00a0pieces of homework within a week/, /Sign out/],
    ['pt', /<html lang="pt" dir="ltr"/, /1\u00a0trabalho para amanhã/, /Terminar sessão/],
    ['tr', /<html lang="tr" dir="ltr"/, /yarın için 1\u00a0ödev/, /Çıkış yap/],
    ['es', /<html lang="es" dir="ltr"/, /1\u00a0tarea para mañana/, /Cerrar sesión/],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await home(w.ce1aParent.id);
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
  }
});
