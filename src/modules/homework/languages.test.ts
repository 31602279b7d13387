import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { setLanguage } from '../reading/testing.js';
import { homeworkWorld, lessonBody, publishLesson, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;

// Monday 17 March 2025: the first piece of work is due on Tuesday 18, the second on Thursday 20.
before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await homeworkWorld(t.app);
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id));
});
after(() => t.close());

const page = async (personId: string, url = '/homework/agenda') => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

test('a parent who chose Arabic gets the agenda in Arabic, right to left; the teacher’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const body = await page(w.ce1aParent.id);
  assert.match(body, /<html lang="ar" dir="rtl"/);
  assert.match(body, /<title>الواجبات المنزلية · Préau<\/title>/, 'the page title');
  assert.match(body, /aria-current="page">مفكرة الواجبات</, 'the navigation entry of the agenda');
  assert.match(body, /<h1>الواجبات المنزلية — \u2068Léa Élève\u2069<\/h1>/, 'the child’s name isolated in the Arabic heading');
  assert.match(body, /<h2 id="bucket-tomorrow">للغد<\/h2>/);
  assert.match(body, /<h2 id="bucket-week">هذا الأسبوع<\/h2>/);
  assert.match(body, /\u2068Mathématiques\u2069 — للتسليم يوم 18 مارس 2025/, 'the subject isolated, the date in Arabic with Western digits');
  assert.match(body, /من إعداد \u2068Théo Enseignant\u2069/, 'the teacher’s name isolated');
  assert.match(body, /أُعطي يوم 17 مارس 2025 · حوالي 20 دقيقةً/, 'the estimated time with its Arabic plural');
  assert.match(body, /تأشير كمُنجَز/);
  assert.match(body, /الواجبات على هاتفك/);
  assert.match(body, /تسجيل الخروج/);
  assert.match(body, /Exercices 3 et 4 page 52/, 'the work as the teacher wrote it');
  assert.doesNotMatch(body, /Pour le |Donné le |Marquer comme fait/, 'no French interface words left in the agenda');

  const history = await page(w.ce1aParent.id, '/homework/history');
  assert.match(history, /<h1>سجلّ الحصص — \u2068Léa Élève\u2069<\/h1>/);
  assert.match(history, /\u2068Mathématiques\u2069 — 17 مارس 2025/);
  assert.match(history, /<option value>كل المواد<\/option>/);
  assert.match(history, /Les fractions : <strong>moitié<\/strong> et quart\./, 'the lesson as the teacher wrote it');
});

test('a pupil who chose Arabic ticks the work done and reads the confirmation in Arabic', async () => {
  await setLanguage(t.app.db, w.ce1a.id, 'ar');
  const pupil = await loginAs(t.app, w.ce1a.id);
  const body = (await request(t.app, pupil, 'GET', '/homework/agenda')).body;
  assert.match(body, /<html lang="ar" dir="rtl"/);
  assert.match(body, /<h1>الواجبات المنزلية<\/h1>/, 'the pupil’s own agenda has no name in its heading');
  assert.match(body, /Apprendre la leçon/, 'the work as the teacher wrote it');
  const id = /action="\/homework\/assignments\/([0-9a-f-]+)\/done"/.exec(body)?.[1];
  assert.ok(id, 'a tick form on the page');
  const ticked = await request(t.app, pupil, 'POST', `/homework/assignments/${id}/done`, { done: '1' });
  assert.equal(ticked.statusCode, 303);
  const flash = String(ticked.headers['set-cookie']).match(/preau_flash=([^;]+)/)?.[1] ?? '';
  const again = (await request(t.app, pupil, 'GET', '/homework/agenda', undefined, { headers: { cookie: `preau_flash=${flash}` } })).body;
  assert.match(again, /تمّ التسجيل\./, 'the confirmation in Arabic');
  assert.match(again, /<span class="badge badge--ok">أُنجز<\/span>/);
  assert.match(again, /تأشير كغير مُنجَز/);
});

test('the agenda JSON keeps the school’s data as it is; the module’s error messages follow the language, their codes do not', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const res = await request(t.app, parent, 'GET', '/api/homework/agenda');
  assert.equal(res.statusCode, 200);
  const json = res.json() as { items: { subject: string; dueOn: string; instructions: string }[] };
  assert.deepEqual(
    json.items.map((i) => [i.subject, i.dueOn]),
    [
      ['Mathématiques', '2025-03-18'],
      ['Mathématiques', '2025-03-20'],
    ],
    'subjects and ISO dates, untouched',
  );
  await setLanguage(t.app.db, w.ce1Teacher.id, 'ar');
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const bad = await request(t.app, teacher, 'POST', '/api/homework/lessons', await lessonBody(t.app, w.schoolA.id, w.ce1.id, { lessonDate: '2025-02-30' }));
  assert.equal(bad.statusCode, 400);
  const error = (bad.json() as { error: { code: string; details: { field: string; message: string }[] } }).error;
  assert.equal(error.code, 'validation');
  assert.deepEqual(error.details[0], { field: 'lessonDate', message: 'التاريخ غير صالح.' }, 'the field’s message in Arabic');
});

test('another person, with no choice, still gets the agenda in French', async () => {
  const body = await page(w.ce1bParent.id);
  assert.match(body, /<html lang="fr" dir="ltr"/);
  assert.match(body, /aria-current="page">Agenda</);
  assert.match(body, /<h2 id="bucket-tomorrow">Pour demain<\/h2>/);
  assert.match(body, /Mathématiques — Pour le 18 mars 2025/);
  assert.match(body, /Donné le 17 mars 2025 · Environ 20 min/);
  assert.match(body, /Marquer comme fait/);
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(body, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s agenda', async () => {
  const cases = [
    [
      'en',
      /<html lang="en" dir="ltr"/,
      /aria-current="page">Homework diary</,
      /<h2 id="bucket-tomorrow">For tomorrow<\/h2>/,
      /Mathématiques — Due 18 March 2025/,
      /by Théo Enseignant/,
      /Mark as done/,
    ],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Agenda</,
      /<h2 id="bucket-tomorrow">Para amanhã<\/h2>/,
      /Mathématiques — Para 18 de março de 2025/,
      /Dado a 17 de março de 2025/,
      /Marcar como feito/,
    ],
    [
      'tr',
      /<html lang="tr" dir="ltr"/,
      /aria-current="page">Ödev ajandası</,
      /<h2 id="bucket-tomorrow">Yarın için<\/h2>/,
      /Mathématiques — Teslim: 18 Mart 2025/,
      /Théo Enseignant tarafından/,
      /Yapıldı olarak işaretle/,
    ],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Agenda</,
      /<h2 id="bucket-tomorrow">Para mañana<\/h2>/,
      /Mathématiques — Para el 18 de marzo de 2025/,
      /Puesto el 17 de marzo de 2025/,
      /Marcar como hecho/,
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await page(w.ce1aParent.id);
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
    assert.match(body, /Exercices 3 et 4 page 52/, `${locale}: the work as the teacher wrote it`);
    assert.doesNotMatch(body, /Pour le |Marquer comme fait/, `${locale}: no French interface words left in the agenda`);
  }
});

test('a teacher who chose English publishes; the families’ notification stays in French, as notifications are for now', async () => {
  await setLanguage(t.app.db, w.ce1Teacher.id, 'en');
  const teacher = await loginAs(t.app, w.ce1Teacher.id);
  const saved = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, w.ce1.id, { content: 'Séance en anglais' }));
  await t.app.jobs.runDue();
  const notices = await t.app.db
    .selectFrom('notifications')
    .select(['title', 'body'])
    .where('recipientId', '=', w.ce1bParent.id)
    .where('source', 'like', `%${saved.id}%`)
    .execute();
  assert.deepEqual(notices, [{ title: 'Mathématiques : travail à faire pour le 18 mars 2025', body: 'CE1, donné par Théo Enseignant.' }]);
  await setLanguage(t.app.db, w.ce1Teacher.id, 'fr');
});
