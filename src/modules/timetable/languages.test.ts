import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { setLanguage } from '../reading/testing.js';
import { addDays } from './dates.js';
import { buildRoom, buildSlot, TEST_MONDAY, TEST_NOW, timetableWorld } from './testing.js';

let t: TestApp;
let w: World;
const TUESDAY = addDays(TEST_MONDAY, 1);

// Monday 15 March 2027: CE1 has geography on Mondays at 10:00 in Salle 7 (moved to Salle 9 today) and reading on
// Tuesdays at 09:00, cancelled tomorrow. The director, who reads Préau in Arabic, records both changes.
before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await timetableWorld(t.app);
  const room7 = await buildRoom(t.app.db, w.schoolA.id, 'Salle 7');
  const room9 = await buildRoom(t.app.db, w.schoolA.id, 'Salle 9');
  const base = { groupId: w.ce1.id, teacherId: w.ce1Teacher.id, roomId: room7.id };
  const geography = await buildSlot(t.app.db, { ...base, dayOfWeek: 1, startTime: '10:00', endTime: '11:00', subject: 'Géographie' });
  const reading = await buildSlot(t.app.db, { ...base, dayOfWeek: 2, startTime: '09:00', endTime: '10:00', subject: 'Lecture' });
  await setLanguage(t.app.db, w.director.id, 'ar');
  const director = await loginAs(t.app, w.director.id);
  for (const [slot, body] of [
    [geography.id, { date: TEST_MONDAY, kind: 'room', newRoomId: room9.id }],
    [reading.id, { date: TUESDAY, kind: 'cancelled', note: 'Sortie à la médiathèque.' }],
  ] as const) {
    const res = await request(t.app, director, 'POST', `/api/timetable/slots/${slot}/changes`, body);
    assert.equal(res.statusCode, 201, res.body);
  }
  await t.app.jobs.runDue();
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

test('a parent who chose Arabic gets the week in Arabic, right to left; the school’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const body = await page(w.ce1aParent.id, `/timetable?week=${TEST_MONDAY}`);
  assert.match(body, /<html lang="ar" dir="rtl"/, 'the page is Arabic, right to left');
  assert.match(body, /<title>جدول الحصص — \u2068[^<]+\u2069 · Préau<\/title>/, 'the page title, the child’s week isolated');
  assert.match(body, /aria-current="page">جدول الحصص</, 'the navigation entry of the timetable');
  assert.match(body, /الأسبوع من 15 مارس 2027 إلى 20 مارس 2027/, 'the week’s dates in Arabic with Western digits');
  assert.match(body, />الاثنين، 15 مارس 2027<\/h2>/, 'the day named by Intl');
  assert.match(body, />الثلاثاء، 16 مارس 2027<\/h2>/, 'the next day named by Intl');
  assert.match(body, /الأسبوع التالي/, 'the week navigation');
  assert.match(body, /<span class="badge badge--warn">مُلغاة<\/span>/, 'the cancelled slot');
  assert.match(body, /تغيّرت القاعة: \u2068Salle 9\u2069/, 'the new room isolated');
  assert.match(body, /<del>Lecture<\/del>/, 'the subject as the school wrote it');
  assert.match(body, /Géographie/, 'the other subject as written');
  assert.match(body, /Sortie à la médiathèque\./, 'the note as written');
  assert.match(body, /لا حصص\./, 'an empty day');
  assert.doesNotMatch(body, /Lundi|Mardi|Annulé|Semaine suivante|Pas de cours/, 'no French interface words left');

  const home = await page(w.ce1aParent.id, '/');
  assert.match(home, /<h2 id="timetable-today-title">حصص اليوم — 15 مارس 2027<\/h2>/, 'the home page block');
});

test('notices written by the job stay French, whoever recorded the change', async () => {
  const rows = await t.app.db
    .selectFrom('notifications')
    .select(['title', 'body'])
    .where('recipientId', '=', w.ce1aParent.id)
    .where('kind', '=', 'timetable.change')
    .execute();
  const titles = rows.map((r) => r.title).sort();
  assert.deepEqual(titles, ['Géographie du 15 mars 2027 10:00 : changement de salle', 'Lecture du 16 mars 2027 09:00 : cours annulé'], 'in French');
  assert.ok(
    rows.some((r) => r.body === 'Nouvelle salle : Salle 9.'),
    'the body in French',
  );
  assert.ok(
    rows.every((r) => !/[\u0600-\u06FF]/.test(`${r.title}${r.body ?? ''}`)),
    'no Arabic in a notice',
  );
});

test('the director who chose Arabic reads the forms and the JSON messages in Arabic', async () => {
  const index = await page(w.director.id, '/timetable/school');
  assert.match(index, /<h2 id="classes-title">الأقسام<\/h2>/, 'the school’s index');
  const manage = await page(w.director.id, '/timetable/manage');
  assert.match(manage, /<h1>إدارة جدول الحصص<\/h1>/, 'the manage page');
  assert.match(manage, /<option value="1">الاثنين<\/option>/, 'the days named by Intl');
  assert.match(manage, /<option value="A">الأسبوع A<\/option>/, 'the weeks');
  const week = await page(w.director.id, `/timetable/groups/${w.ce1.id}?week=${TEST_MONDAY}`);
  assert.match(week, /<h1>جدول الحصص — \u2068CE1\u2069<\/h1>/, 'the class’s name isolated');
  assert.match(week, /تعديل هذه الحصة<span class="visually-hidden">: \u2068Géographie\u2069، \u2068CE1\u2069، الاثنين 10:00<\/span>/, 'the link’s words');
  const refused = await request(t.app, await loginAs(t.app, w.director.id), 'POST', '/api/timetable/slots', {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    subject: 'Musique',
    dayOfWeek: 3,
    startTime: '11:00',
    endTime: '10:00',
  });
  assert.equal(refused.statusCode, 400, 'an end before the start');
  const error = (refused.json() as { error: { code: string; details: { field: string; message: string }[] } }).error;
  assert.equal(error.code, 'timetable.invalid_slot', 'the code does not change with the language');
  assert.deepEqual(
    error.details.find((d) => d.field === 'endTime'),
    { field: 'endTime', message: 'يجب أن تأتي النهاية بعد البداية.' },
    'the JSON message in Arabic',
  );
});

test('another person, with no choice, still gets the week in French', async () => {
  const body = await page(w.ce1bParent.id, `/timetable?week=${TEST_MONDAY}`);
  assert.match(body, /<html lang="fr" dir="ltr"/, 'the page is French');
  assert.match(body, /aria-current="page">Emploi du temps</, 'the navigation entry in French');
  assert.match(body, /Semaine du 15 mars 2027 au 20 mars 2027/, 'the week in French');
  assert.match(body, />Lundi 15 mars 2027<\/h2>/, 'the day in French');
  assert.match(body, /<span class="badge badge--warn">Annulé<\/span>/, 'the cancelled slot in French');
  assert.match(body, /Salle changée : Salle 9/, 'the room change in French');
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(body, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s week', async () => {
  const cases = [
    ['en', /<html lang="en" dir="ltr"/, /aria-current="page">Timetable</, />Monday, 15 March 2027<\/h2>/, />Cancelled</, /Room changed: Salle 9/, /Next week/],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Horário</,
      />Segunda-feira, 15 de março de 2027<\/h2>/,
      />Cancelada</,
      /Mudança de sala: Salle 9/,
      /Semana seguinte/,
    ],
    [
      'tr',
      /<html lang="tr" dir="ltr"/,
      /aria-current="page">Ders programı</,
      />15 Mart 2027 Pazartesi<\/h2>/,
      />İptal edildi</,
      /Derslik değişti: Salle 9/,
      /Sonraki hafta/,
    ],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Horario</,
      />Lunes, 15 de marzo de 2027<\/h2>/,
      />Cancelada</,
      /Cambio de aula: Salle 9/,
      /Semana siguiente/,
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await page(w.ce1aParent.id, `/timetable?week=${TEST_MONDAY}`);
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
    assert.match(body, /<del>Lecture<\/del>/, `${locale}: the subject as the school wrote it`);
    assert.doesNotMatch(body, /Lundi|Annulé|Semaine suivante|Salle changée/, `${locale}: no French interface words left`);
  }
});
