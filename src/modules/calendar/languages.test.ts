import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { newsWorld, TEST_NOW, type NewsWorld } from '../news/testing.js';
import { setLanguage } from '../reading/testing.js';

let t: TestApp;
let w: NewsWorld;
let eventId = '';

// Monday 15 March 2027: the CE1 teacher has put a class outing on Thursday 18 March, 09:00–16:30.
before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await newsWorld(t.app);
  const res = await request(t.app, await loginAs(t.app, w.ce1Teacher.id), 'POST', '/api/calendar/events', {
    kind: 'outing',
    title: 'Sortie au zoo',
    description: 'Prévoir un pique-nique.',
    place: 'Zoo de Vincennes',
    startDay: '2027-03-18',
    startTime: '09:00',
    endTime: '16:30',
    audience: [`class:${w.ce1.id}`],
  });
  assert.equal(res.statusCode, 201, res.body);
  eventId = (res.json() as { id: string }).id;
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

test('a parent who chose Arabic gets the calendar in Arabic, right to left; the school’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const month = await page(w.ce1aParent.id, '/calendar?month=2027-03');
  assert.match(month, /<html lang="ar" dir="rtl"/, 'the page is Arabic, right to left');
  assert.match(month, /<title>التقويم · Préau<\/title>/, 'the page title');
  assert.match(month, /aria-current="page">التقويم</, 'the navigation entry of the calendar');
  assert.match(month, /<h1>التقويم — مارس 2027<\/h1>/, 'the month named by Intl, with Western digits');
  assert.match(month, /<th scope="col">الاثنين<\/th>/, 'the weekdays named by Intl');
  assert.match(month, /الشهر التالي/, 'the month navigation');
  assert.match(month, /09:00 Sortie au zoo/, 'the title as the school wrote it');
  assert.doesNotMatch(month, /Lundi|Mois suivant|Calendrier/, 'no French interface words left in the month');

  const list = await page(w.ce1aParent.id, '/calendar/list');
  assert.match(list, /<h1>الأحداث القادمة<\/h1>/, 'the list heading');
  assert.match(list, /رحلة مدرسية · يوم 18 مارس 2027، من 09:00 إلى 16:30 · المكان: \u2068Zoo de Vincennes\u2069/, 'kind, day and place, the place isolated');

  const event = await page(w.ce1aParent.id, `/calendar/events/${eventId}`);
  assert.match(event, /<h1>Sortie au zoo<\/h1>/, 'the title as written');
  assert.match(event, /\u2068École des Tilleuls\u2069/, 'the school’s name isolated');
  assert.match(event, /Prévoir un pique-nique\./, 'the description as written');
  assert.match(event, /<a href="\/calendar\?month=2027-03">عرض الشهر<\/a>/, 'the link back to the month');

  const session = await loginAs(t.app, w.ce1aParent.id);
  const token = (await request(t.app, session, 'POST', '/api/homework/calendar')).json() as { url: string };
  const feed = (await request(t.app, session, 'GET', new URL(token.url).pathname)).body.replace(/\r\n[ \t]/g, '');
  assert.match(feed, /SUMMARY:Sortie : Sortie au zoo/, 'the iCalendar feed stays French');
});

test('the teacher who chose Arabic reads the audience, the form and the JSON messages in Arabic', async () => {
  await setLanguage(t.app.db, w.ce1Teacher.id, 'ar');
  const event = await page(w.ce1Teacher.id, `/calendar/events/${eventId}`);
  assert.match(event, /<h2 id="event-audience">لمن<\/h2>/, 'the audience heading');
  assert.match(event, /<li>القسم \u2068CE1\u2069 \(التلاميذ والمعلّمون والعائلات\)<\/li>/, 'the class’s name isolated in its audience');
  assert.match(event, /إلغاء هذا الحدث/, 'the cancel button');
  const form = await page(w.ce1Teacher.id, '/calendar/new');
  assert.match(form, /<h1>إضافة حدث<\/h1>/, 'the form heading');
  assert.match(form, /<option value="council">مجلس المدرسة<\/option>/, 'the kinds');
  assert.match(form, /اليوم الأول/, 'the fields');
  const refused = await request(t.app, await loginAs(t.app, w.ce1Teacher.id), 'POST', '/api/calendar/events', {
    kind: 'outing',
    title: 'Sortie',
    startDay: '2027-03-18',
    endDay: '2027-03-17',
    audience: [`class:${w.ce1.id}`],
  });
  assert.equal(refused.statusCode, 400, 'the last day before the first');
  const error = (refused.json() as { error: { code: string; details: { field: string; message: string }[] } }).error;
  assert.equal(error.code, 'calendar.invalid', 'the code does not change with the language');
  assert.deepEqual(
    error.details.find((d) => d.field === 'endDay'),
    { field: 'endDay', message: 'يجب أن تأتي النهاية بعد البداية.' },
    'the JSON message in Arabic',
  );
  await setLanguage(t.app.db, w.ce1Teacher.id, 'fr');
});

test('another person, with no choice, still gets the calendar in French', async () => {
  const month = await page(w.ce1bParent.id, '/calendar?month=2027-03');
  assert.match(month, /<html lang="fr" dir="ltr"/, 'the page is French');
  assert.match(month, /aria-current="page">Calendrier</, 'the navigation entry in French');
  assert.match(month, /<h1>Calendrier — mars 2027<\/h1>/, 'the month in French');
  assert.match(month, /<th scope="col">Lundi<\/th>/, 'the weekdays in French');
  const list = await page(w.ce1bParent.id, '/calendar/list');
  assert.match(list, /Sortie · Le 18 mars 2027, de 09:00 à 16:30 · Lieu : Zoo de Vincennes/, 'the event in French');
  assert.doesNotMatch(month + list, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(month + list, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s calendar', async () => {
  const cases = [
    [
      'en',
      /<html lang="en" dir="ltr"/,
      /aria-current="page">Calendar</,
      /<h1>Calendar — March 2027<\/h1>/,
      />Monday</,
      /School trip · On 18 March 2027, from 09:00 to 16:30 · Place: Zoo de Vincennes/,
    ],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Calendário</,
      /<h1>Calendário — março de 2027<\/h1>/,
      />Segunda-feira</,
      /Visita de estudo · A 18 de março de 2027, das 09:00 às 16:30 · Local: Zoo de Vincennes/,
    ],
    [
      'tr',
      /<html lang="tr" dir="ltr"/,
      /aria-current="page">Takvim</,
      /<h1>Takvim — Mart 2027<\/h1>/,
      />Pazartesi</,
      /Okul gezisi · 18 Mart 2027, saat 09:00–16:30 · Yer: Zoo de Vincennes/,
    ],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Calendario</,
      /<h1>Calendario — marzo de 2027<\/h1>/,
      />Lunes</,
      /Excursión · El 18 de marzo de 2027, de 09:00 a 16:30 · Lugar: Zoo de Vincennes/,
    ],
  ] as const;
  for (const [locale, html, nav, heading, weekday, line] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const month = await page(w.ce1aParent.id, '/calendar?month=2027-03');
    for (const p of [html, nav, heading, weekday]) assert.match(month, p, `${locale}: ${p}`);
    assert.match(month, /09:00 Sortie au zoo/, `${locale}: the title as the school wrote it`);
    const list = await page(w.ce1aParent.id, '/calendar/list');
    assert.match(list, line, `${locale}: ${line}`);
    assert.doesNotMatch(month + list, /Lundi|Mois suivant|Prochains événements|Lieu :/, `${locale}: no French interface words left`);
  }
});
