import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { setLanguage } from '../reading/testing.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import { buildKitchen, buildMenuDay, buildService, canteenWorld, registerChild, TEST_NOW, type CanteenWorld } from './testing.js';

let t: TestApp;
let w: CanteenWorld;
const clock = new TestClock(TEST_NOW);
const year = yearOfDay(parisToday(clock.now()));
let serviceId: string;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await canteenWorld(t.app);
  serviceId = (await buildService(t.app.db, { structureId: w.schoolA.id, municipalityId: w.town.id, schoolYear: year, label: 'Cantine des Tilleuls' })).id;
  await registerChild(t.app.db, {
    studentId: w.ce1a.id,
    structureId: w.schoolA.id,
    schoolYear: year,
    by: w.ce1aParent.id,
    diet: 'noPork',
    careplan: 'Allergie à l’arachide',
  });
  const kitchen = await buildKitchen(t.app.db, { municipalityId: w.town.id, schoolIds: [w.schoolA.id], name: 'Cuisine centrale des Tilleuls' });
  await buildMenuDay(t.app.db, {
    kitchenId: kitchen.id,
    day: '2026-12-07',
    by: w.agent.id,
    dishes: ['entree:Carottes râpées', 'main:Sauté de porc au caramel:soy:pork', 'dessert:Cookie aux cacahuètes:peanuts,gluten'],
  });
});
after(() => t.close());

const get = async (personId: string, url: string) => {
  const res = await request(t.app, await loginAs(t.app, personId), 'GET', url);
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  return res.body;
};
const family = (personId: string) => get(personId, '/canteen');
const calendar = (personId: string) => get(personId, `/canteen/children/${w.ce1a.id}/calendar?month=2026-12`);
const menus = (personId: string) => get(personId, '/canteen/menus?week=2026-12-07');

test('a parent who chose Arabic gets the family canteen pages in Arabic, right to left; the school’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const index = await family(w.ce1aParent.id);
  assert.match(index, /<html lang="ar" dir="rtl"/);
  assert.match(index, /<h1>المطعم المدرسي والرعاية خارج أوقات الدراسة<\/h1>/);
  assert.match(index, />المطعم المدرسي والرعاية</, 'the navigation entry of the canteen');
  assert.match(index, /مسجَّل للسنة/);
  assert.match(index, /Léa Élève/, 'the child’s name as written');
  assert.match(index, /École des Tilleuls/, 'the school’s name as written');

  const cal = await calendar(w.ce1aParent.id);
  assert.match(cal, /<html lang="ar" dir="rtl"/);
  assert.match(cal, /حجوزات \u2068Léa Élève\u2069/, 'the child’s name isolated in the Arabic title');
  assert.match(cal, /ديسمبر 2026/, 'the month from Intl');
  assert.match(cal, />الخميس، 3</, 'the weekday from Intl');
  assert.match(cal, /\u2068Cantine des Tilleuls\u2069: الحجز في اليوم السابق الساعة 18:00؛ الإلغاء في اليوم السابق الساعة 18:00\./);
  assert.match(cal, /انتهت المهلة/, 'a passed deadline in Arabic');
  assert.doesNotMatch(cal, /Jeudi|Réserver|la veille/, 'no French interface word');

  const session = await loginAs(t.app, w.ce1aParent.id);
  const days = [`${serviceId}.2026-12-03`, `${serviceId}.2026-12-04`];
  const f = form({ _csrf: session.csrf, month: '2026-12', shown: days, on: days });
  const booked = await request(t.app, session, 'POST', `/canteen/children/${w.ce1a.id}/calendar`, f.payload, { headers: f.headers });
  assert.equal(booked.statusCode, 303, booked.body);
  const flash = String(booked.headers['set-cookie']).match(/preau_flash=([^;]+)/)?.[1] ?? '';
  const confirmed = await request(t.app, session, 'GET', booked.headers.location as string, undefined, { headers: { cookie: `preau_flash=${flash}` } });
  assert.match(confirmed.body, /حُجز يومان/, 'the confirmation in Arabic, with the dual');

  const week = await menus(w.ce1aParent.id);
  assert.match(week, /<html lang="ar" dir="rtl"/);
  assert.match(week, /<h1>قوائم طعام الأسبوع<\/h1>/);
  assert.match(week, /الاثنين، 7 ديسمبر 2026/, 'the day’s title from Intl');
  assert.match(week, /مسبِّبات الحساسية: الفول السوداني، الحبوب المحتوية على الغلوتين/, 'the allergens in Arabic');
  assert.match(week, /تنبيه، \u2068Léa Élève\u2069: الفول السوداني/, 'the flag in Arabic, the name isolated');
  assert.match(week, /تنبيه، \u2068Léa Élève\u2069: النظام الغذائي/, 'the diet flag in Arabic');
  assert.match(week, /المقبّلات<\/span> <strong>Carottes râpées<\/strong>/, 'the course in Arabic, the dish as written');
  assert.match(week, /Cookie aux cacahuètes/, 'the dish as the kitchen wrote it');
  assert.match(week, /Sauté de porc au caramel/, 'the dish as the kitchen wrote it');
  assert.match(week, /المطبخ: \u2068Cuisine centrale des Tilleuls\u2069/);
  assert.match(week, /المنتجات المستدامة والعضوية، ديسمبر 2026/, 'the EGalim month from Intl');
  assert.doesNotMatch(week, /Lundi|Arachides|Allergènes|décembre/, 'no French interface word');
});

test('another person, with no choice, still gets French', async () => {
  const index = await family(w.ce1bParent.id);
  assert.match(index, /<html lang="fr" dir="ltr"/);
  assert.match(index, /<h1>Cantine et périscolaire<\/h1>/);
  assert.match(index, /Pas encore inscrit/);
  assert.doesNotMatch(index, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  const week = await menus(w.ce1bParent.id);
  assert.match(week, /<html lang="fr" dir="ltr"/);
  assert.match(week, /Lundi 7 décembre 2026/);
  assert.match(week, /Allergènes : Arachides, Céréales contenant du gluten/);
  assert.match(week, /Produits durables et bio, décembre 2026/);
  assert.doesNotMatch(week, /[\u0600-\u06FF]/, 'no Arabic on a French page');
});

test('each language’s own words on the same parent’s pages', async () => {
  const cases = [
    [
      'en',
      [/<html lang="en" dir="ltr"/, /Registered for the year/, />Canteen and childcare</],
      [/>Thursday 3</, /December 2026/, /Cantine des Tilleuls: book by the day before at 18:00; cancel by the day before at 18:00\./],
      [/Monday, 7 December 2026/, /Allergens: Peanuts, Cereals containing gluten/, /Warning, Léa Élève: diet/, /Starter<\/span> <strong>Carottes râpées/],
    ],
    [
      'pt',
      [/<html lang="pt" dir="ltr"/, /Inscrito para o ano/, />Cantina e prolongamento</],
      [/>Quinta-feira, 3</, /dezembro de 2026/, /Cantine des Tilleuls: reserva na véspera às 18h00; cancelamento na véspera às 18h00\./],
      [/Segunda-feira, 7 de dezembro de 2026/, /Alergénios: Amendoins, Cereais que contêm glúten/, /Atenção, Léa Élève: regime alimentar/],
    ],
    [
      'tr',
      [/<html lang="tr" dir="ltr"/, /Bu yıl için kayıtlı/, />Yemekhane ve bakım</],
      [/>3 Perşembe</, /Aralık 2026/, /Cantine des Tilleuls: rezervasyon en geç bir önceki gün saat 18:00; iptal en geç bir önceki gün saat 18:00\./],
      [/7 Aralık 2026 Pazartesi/, /Alerjenler: Yer fıstığı, Gluten içeren tahıllar/, /Dikkat, Léa Élève: beslenme şekli/],
    ],
    [
      'es',
      [/<html lang="es" dir="ltr"/, /Inscrito para el curso/, />Comedor y acogida</],
      [/>Jueves 3</, /diciembre de 2026/, /Cantine des Tilleuls: reserva la víspera a las 18:00; anulación la víspera a las 18:00\./],
      [/Lunes, 7 de diciembre de 2026/, /Alérgenos: Cacahuetes, Cereales que contienen gluten/, /Atención, Léa Élève: dieta/],
    ],
  ] as const;
  for (const [locale, indexWords, calendarWords, menuWords] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const pages = [
      [await family(w.ce1aParent.id), indexWords],
      [await calendar(w.ce1aParent.id), calendarWords],
      [await menus(w.ce1aParent.id), menuWords],
    ] as const;
    for (const [body, patterns] of pages) {
      for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
      assert.match(body, /Léa Élève/, `${locale}: the child’s name as written`);
      assert.doesNotMatch(body, /[\u0600-\u06FF]/, `${locale}: no Arabic`);
    }
    const week = pages[2][0];
    assert.match(week, /Cookie aux cacahuètes/, `${locale}: the dish as written`);
    assert.doesNotMatch(week, /Arachides|Allergènes/, `${locale}: no French allergen word`);
  }
});
