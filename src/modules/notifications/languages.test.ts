import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { setLanguage } from '../reading/testing.js';
import { notifyOne } from './testing.js';

let t: TestApp;
let w: World;

// Monday 15 March 2027, 10:00 UTC (11:00 in Paris): each parent has one unread notification the school wrote.
before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock('2027-03-15T10:00:00Z') });
  w = await buildWorld(t.app.db);
  for (const parent of [w.ce1aParent, w.ce1bParent]) {
    await notifyOne(t.app, parent.id, 'Kermesse de juin', { body: 'Rendez-vous samedi dans la cour.', link: '/news' });
  }
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

test('a parent who chose Arabic gets the notifications in Arabic, right to left; the school’s words stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const body = await page(w.ce1aParent.id, '/notifications');
  assert.match(body, /<html lang="ar" dir="rtl"/, 'the page is Arabic, right to left');
  assert.match(body, /<title>الإشعارات · Préau<\/title>/, 'the page title');
  assert.match(body, /aria-current="page">الإشعارات</, 'the navigation entry of the notifications');
  assert.match(body, /<h1>الإشعارات<\/h1>/, 'the heading');
  assert.match(body, /إشعار واحد غير مقروء/, 'the unread count with the Arabic singular');
  assert.match(body, /تعليم الكل كمقروء/, 'the mark-all button');
  assert.match(body, /<span class="badge badge--warn">جديد<\/span>/, 'the new badge');
  assert.match(body, /aria-label="قائمة الإشعارات"/, 'the list’s name');
  assert.match(body, /15 مارس 2027/, 'the date in Arabic with Western digits');
  assert.match(body, /Kermesse de juin/, 'the title as the school wrote it');
  assert.match(body, /Rendez-vous samedi dans la cour\./, 'the text as the school wrote it');
  assert.doesNotMatch(body, /Tout marquer|non lue|Nouveau</, 'no French interface words left');

  const session = await loginAs(t.app, w.ce1aParent.id);
  const done = await request(t.app, session, 'POST', '/notifications/read-all', { _csrf: session.csrf });
  assert.equal(done.statusCode, 303, 'marked all read');
  const flash = String(done.headers['set-cookie']).match(/preau_flash=([^;]+)/)?.[1] ?? '';
  const again = await request(t.app, session, 'GET', '/notifications', undefined, { headers: { cookie: `preau_flash=${flash}` } });
  assert.match(again.body, /عُلِّمت كل الإشعارات كمقروءة\./, 'the confirmation in Arabic');
  assert.match(again.body, /لا توجد إشعارات غير مقروءة\./, 'none unread, in Arabic');
  await setLanguage(t.app.db, w.ce1aParent.id, 'fr');
  await notifyOne(t.app, w.ce1aParent.id, 'Sortie au musée');
});

test('another person, with no choice, still gets the notifications in French', async () => {
  const body = await page(w.ce1bParent.id, '/notifications');
  assert.match(body, /<html lang="fr" dir="ltr"/, 'the page is French');
  assert.match(body, /aria-current="page">Notifications</, 'the navigation entry in French');
  assert.match(body, /1 notification non lue/, 'the unread count in French');
  assert.match(body, /Tout marquer comme lu/, 'the mark-all button in French');
  assert.match(body, /15 mars 2027 à 11:00/, 'the date in French');
  assert.match(body, /Kermesse de juin/, 'the title as written');
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(body, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s notifications', async () => {
  const cases = [
    ['en', /<html lang="en" dir="ltr"/, /aria-current="page">Notifications</, /1\u00a0unread notification/, /Mark all as read/, /15 March 2027 at 11:00/],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Notificações</,
      /1\u00a0notificação por ler/,
      /Marcar todas como lidas/,
      /15 de março de 2027 às 11:00/,
    ],
    ['tr', /<html lang="tr" dir="ltr"/, /aria-current="page">Bildirimler</, /1\u00a0okunmamış bildirim/, /Tümünü okundu olarak işaretle/, /15 Mart 2027 11:00/],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Notificaciones</,
      /1\u00a0notificación sin leer/,
      /Marcar todas como leídas/,
      /15 de marzo de 2027 a las 11:00/,
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await page(w.ce1aParent.id, '/notifications');
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
    assert.match(body, /Sortie au musée/, `${locale}: the title as the school wrote it`);
    assert.doesNotMatch(body, /Tout marquer|non lue/, `${locale}: no French interface words left`);
  }
});
