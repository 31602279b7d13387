import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { setLanguage } from '../reading/testing.js';
import { person, send } from './testing.js';

let t: TestApp;
let w: World;
let id: string;

const SUBJECT = 'Sortie au musée jeudi';
const BODY = 'Merci de signer l’autorisation avant mercredi.';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock('2027-03-15T10:00:00Z') });
  w = await buildWorld(t.app.db);
  id = (await send(t.app, await loginAs(t.app, w.ce1Teacher.id), { to: [person(w.ce1aParent)], subject: SUBJECT, body: BODY })).json().id;
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

/** The page a form's redirect leads to, with the flash it set. */
async function followed(session: Session, res: LightMyRequestResponse) {
  const flash = String(res.headers['set-cookie']).match(/preau_flash=([^;]+)/)?.[1] ?? '';
  return (await request(t.app, session, 'GET', res.headers.location as string, undefined, { headers: { cookie: `preau_flash=${flash}` } })).body;
}

test('a parent who chose Arabic reads the inbox and the message in Arabic, right to left; the message stays as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const inbox = await page(w.ce1aParent.id, '/messaging');
  assert.match(inbox, /<html lang="ar" dir="rtl"/);
  assert.match(inbox, /<title>البريد الوارد/, 'the page title');
  assert.match(inbox, /<h1>البريد الوارد<\/h1>/);
  assert.match(inbox, />الرسائل<span class="nav-count"/, 'the navigation entry of the messaging');
  assert.match(inbox, /<nav aria-label="المجلّدات">/);
  assert.match(inbox, />سلة المحذوفات</, 'the folders');
  assert.match(inbox, /<span class="badge">غير مقروءة<\/span>/);
  assert.match(inbox, /15 مارس 2027/, 'the date in Arabic, Western digits');
  assert.match(inbox, new RegExp(`>${SUBJECT}</a>`), 'the subject as the teacher wrote it');

  const message = await page(w.ce1aParent.id, `/messaging/messages/${id}`);
  assert.match(message, /<html lang="ar" dir="rtl"/);
  assert.match(message, new RegExp(`<h1>${SUBJECT}</h1>`));
  assert.match(message, new RegExp(`<p>${BODY}</p>`), 'the body exactly as written');
  assert.match(message, /<dt>من<\/dt><dd>Théo Enseignant<\/dd>/);
  assert.match(message, />ردّ<\/a>/);
  assert.match(message, />الردّ على الجميع<\/a>/);
  assert.match(message, />نقل إلى سلة المحذوفات<\/button>/);
});

test('in Arabic the reply form, its type-ahead and its file check speak Arabic; what is sent keeps the school’s French labels', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const session = await loginAs(t.app, w.ce1aParent.id);
  const compose = (await request(t.app, session, 'GET', `/messaging/compose?reply=${id}`)).body;
  assert.match(compose, /<h1>كتابة رسالة<\/h1>/);
  assert.match(compose, new RegExp(`value="Re: ${SUBJECT}"`), 'the reply’s subject');
  assert.match(compose, /<legend>المستلمون المختارون<\/legend>/);
  assert.match(compose, /<label for="field-q">البحث عن شخص<\/label>/);
  assert.match(compose, /\u2068CE1\u2069 – المعلّمون/, 'a class’s name isolated in the Arabic group label');
  assert.match(compose, /data-profiles="[^"]*وليّ أمر[^"]*"/, 'the profiles the type-ahead shows');
  assert.match(compose, /data-count="عدد الاقتراحات: \{n\}\./, 'the live region’s count');
  assert.match(compose, /data-added="أُضيف \u2068\{name\}\u2069 إلى المستلمين\."/, 'the live region’s confirmation');
  assert.match(compose, /data-too-large="\u2068\{name\}\u2069: حجمه كبير جدًا/, 'the file check names the file in Arabic');
  const api = (await request(t.app, session, 'GET', '/api/messaging/recipients?q=CE1')).json();
  assert.ok(
    api.groups.some((g: { label: string }) => g.label === '\u2068CE1\u2069 – المعلّمون'),
    'the type-ahead’s groups in Arabic',
  );

  const teachers = `group:${w.ce1.id}:teacher`;
  const f = form({ _csrf: session.csrf, to: [person(w.ce1Teacher), teachers], subject: `Re: ${SUBJECT}`, body: 'C’est signé.', action: 'send', parentId: id });
  const sent = await request(t.app, session, 'POST', '/messaging/compose', f.payload, { headers: f.headers });
  assert.equal(sent.statusCode, 303, sent.body);
  assert.match(await followed(session, sent), /أُرسلت رسالتك\./, 'the confirmation in Arabic');
  const teacherView = await page(w.ce1Teacher.id, sent.headers.location as string);
  assert.match(teacherView, /<html lang="fr" dir="ltr"/);
  assert.match(teacherView, /<dd>Théo Enseignant, CE1 – enseignants<\/dd>/, 'the recipients as the school names them');
  assert.doesNotMatch(teacherView, /[\u0600-\u06FF]/, 'no Arabic on the teacher’s French page');
});

test('a flash written after an action follows the language', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const session = await loginAs(t.app, w.ce1aParent.id);
  const f = form({ _csrf: session.csrf });
  const res = await request(t.app, session, 'POST', `/messaging/messages/${id}/unread`, f.payload, { headers: f.headers });
  assert.equal(res.statusCode, 303);
  assert.match(await followed(session, res), /عُلِّمت الرسالة كغير مقروءة\./, 'the flash in Arabic');
});

test('another person, with no choice, still gets French', async () => {
  const other = (await send(t.app, await loginAs(t.app, w.ce1Teacher.id), { to: [person(w.ce1bParent)], subject: SUBJECT, body: BODY })).json().id;
  for (const url of ['/messaging', `/messaging/messages/${other}`, `/messaging/compose?reply=${other}`]) {
    const body = await page(w.ce1bParent.id, url);
    assert.match(body, /<html lang="fr" dir="ltr"/, url);
    assert.match(body, /Messagerie/, `${url}: the French navigation`);
    assert.doesNotMatch(body, /[\u0600-\u06FF]/, `${url}: no Arabic on a French page`);
  }
  assert.match(await page(w.ce1bParent.id, `/messaging/compose?reply=${other}`), new RegExp(`value="Re : ${SUBJECT}"`), 'the French prefix');
});

test('each language’s own words on the same parent’s pages', async () => {
  const cases = [
    ['en', /<h1>Inbox<\/h1>/, />Reply<\/a>/, /data-count="Suggestions: \{n\}\./, /15 March 2027/],
    ['pt', /<h1>Caixa de entrada<\/h1>/, />Responder<\/a>/, /data-count="Sugestões: \{n\}\./, /15 de março de 2027/],
    ['tr', /<h1>Gelen kutusu<\/h1>/, />Yanıtla<\/a>/, /data-count="Öneri sayısı: \{n\}\./, /15 Mart 2027/],
    ['es', /<h1>Bandeja de entrada<\/h1>/, />Responder<\/a>/, /data-count="Sugerencias: \{n\}\./, /15 de marzo de 2027/],
  ] as const;
  for (const [locale, inboxWord, replyWord, typeahead, date] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const inbox = await page(w.ce1aParent.id, '/messaging');
    assert.match(inbox, new RegExp(`<html lang="${locale}" dir="ltr"`), locale);
    assert.match(inbox, inboxWord, `${locale}: ${inboxWord}`);
    assert.match(inbox, date, `${locale}: ${date}`);
    const message = await page(w.ce1aParent.id, `/messaging/messages/${id}`);
    assert.match(message, replyWord, `${locale}: ${replyWord}`);
    assert.match(message, new RegExp(`<p>${BODY}</p>`), `${locale}: the body as written`);
    assert.match(await page(w.ce1aParent.id, `/messaging/compose?reply=${id}`), typeahead, `${locale}: ${typeahead}`);
  }
});
