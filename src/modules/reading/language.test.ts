import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { setLanguage, setOwnSettings } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);
const stored = async (personId: string) =>
  (await t.app.db.selectFrom('readingLanguage').select('locale').where('personId', '=', personId).executeTakeFirst())?.locale ?? null;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

describe('reading: the interface language', () => {
  test('requires a session', async () => {
    const res = await request(t.app, null, 'POST', '/reading/language', form({ locale: 'ar' }).payload, { headers: form({}).headers });
    assert.notEqual(res.statusCode, 200, 'nobody may choose without a session');
    assert.ok(res.statusCode === 303 || res.statusCode === 403, `refused (${res.statusCode})`);
  });

  test('the settings page lists each language by its own name, the current one chosen, French by default', async () => {
    const res = await request(t.app, await as(w.cm2Parent.id), 'GET', '/reading');
    assert.equal(res.statusCode, 200);
    for (const [code, name] of [
      ['fr', 'Français'],
      ['en', 'English'],
      ['ar', 'العربية'],
      ['pt', 'Português'],
      ['tr', 'Türkçe'],
      ['es', 'Español'],
    ]) {
      assert.match(res.body, new RegExp(`<label for="locale-${code}" lang="${code}">${name}</label>`));
    }
    assert.match(res.body, /id="locale-fr" name="locale" value="fr" checked/);
    assert.match(res.body, /Langue de l’interface/);
  });

  test('a person chooses Arabic: stored, said in Arabic, and their pages answer in Arabic from then on', async () => {
    const session = await as(w.ce1aParent.id);
    const body = form({ _csrf: session.csrf, locale: 'ar' });
    const res = await request(t.app, session, 'POST', '/reading/language', body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/reading#language');
    assert.equal(await stored(w.ce1aParent.id), 'ar');
    const flash = String(res.headers['set-cookie']).match(/preau_flash=([^;]+)/)?.[1] ?? '';
    const page = await request(t.app, session, 'GET', '/reading', undefined, { headers: { cookie: `preau_flash=${flash}` } });
    assert.match(page.body, /<html lang="ar" dir="rtl"/);
    assert.match(page.body, /تم حفظ لغة الواجهة\./, 'the confirmation is in the language chosen');
    assert.match(page.body, /id="locale-ar" name="locale" value="ar" checked/);
    assert.match(page.body, /href="\/reading#language">اللغة · Langue</, 'the footer leads back to the form, in French too');
  });

  test('the reading settings themselves, the footer and the read-aloud button follow the language', async () => {
    const session = await as(w.ce1aParent.id);
    await setOwnSettings(t.app.db, w.ce1aParent.id, { readAloud: true });
    for (const [locale, words] of [
      ['ar', ['<h1>إعدادات القراءة</h1>', 'نوع الخط', 'حفظ إعداداتي', '>إعدادات القراءة</a>', 'إمكانية الوصول: مطابقة جزئيًا', 'القراءة بصوت عالٍ']],
      ['en', ['<h1>Reading settings</h1>', 'Typeface', 'Save my settings', 'Accessibility: partially compliant', 'Read aloud']],
      ['tr', ['<h1>Okuma ayarları</h1>', 'Yazı tipi', 'Ayarlarımı kaydet', 'Sesli oku']],
    ] as const) {
      await setLanguage(t.app.db, w.ce1aParent.id, locale);
      const page = await request(t.app, session, 'GET', '/reading');
      for (const word of words) assert.ok(page.body.includes(word), `${locale}: ${word}`);
      assert.doesNotMatch(page.body, /Police de caractères|Enregistrer mes réglages/, `${locale}: no French label left`);
    }
    await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  });

  test('the API’s access errors are in the person’s language; their codes do not change', async () => {
    await setLanguage(t.app.db, w.cm2Parent.id, 'ar');
    const session = await as(w.cm2Parent.id);
    const missing = await request(t.app, session, 'GET', '/api/messaging/messages/00000000-0000-0000-0000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual((missing.json() as { error: { code: string; message: string } }).error, {
      code: 'not_found',
      message: 'هذا المورد غير موجود أو غير متاح لك.',
      details: null,
    });
    await setLanguage(t.app.db, w.cm2Parent.id, 'fr');
    const french = await request(t.app, session, 'GET', '/api/messaging/messages/00000000-0000-0000-0000-000000000000');
    assert.equal((french.json() as { error: { message: string } }).error.message, 'Cette ressource n’existe pas ou ne vous est pas accessible.');
  });

  test('going back to the default reading settings keeps the language', async () => {
    const session = await as(w.ce1aParent.id);
    const res = await request(t.app, session, 'POST', '/reading/reset', form({ _csrf: session.csrf }).payload, { headers: form({}).headers });
    assert.equal(res.statusCode, 303);
    assert.equal(await stored(w.ce1aParent.id), 'ar');
  });

  test('a language not offered: the form again with the message (400), nothing stored', async () => {
    const session = await as(w.cm2Teacher.id);
    const body = form({ _csrf: session.csrf, locale: 'de' });
    const res = await request(t.app, session, 'POST', '/reading/language', body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Choisissez une des langues proposées\./);
    assert.match(res.body, /<html lang="fr" dir="ltr"/);
    assert.equal(await stored(w.cm2Teacher.id), null);
  });
});
