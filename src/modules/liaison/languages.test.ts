import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { setLanguage } from '../reading/testing.js';
import { liaisonWorld, noteBody, sendNote, TEST_NOW, writeFamilyNote } from './testing.js';

let t: TestApp;
let w: World;
let noteId: string;

const TITLE = 'Sortie au musée des Beaux-Arts';
const BODY = 'Jeudi 20 mars, la classe visite le musée.\nPrévoir un goûter.';
const QUESTION = 'J’autorise mon enfant à participer à la sortie';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await liaisonWorld(t.app);
  noteId = await sendNote(t.app, await loginAs(t.app, w.ce1Teacher.id), noteBody(w.ce1.id));
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

const post = (session: Session, url: string, fields: Record<string, string>) => {
  const f = form({ _csrf: session.csrf, ...fields });
  return request(t.app, session, 'POST', url, f.payload, { headers: f.headers });
};

/** The page a form's redirect leads to, with the flash it set. */
async function followed(session: Session, res: LightMyRequestResponse) {
  const flash = String(res.headers['set-cookie']).match(/preau_flash=([^;]+)/)?.[1] ?? '';
  return (await request(t.app, session, 'GET', res.headers.location as string, undefined, { headers: { cookie: `preau_flash=${flash}` } })).body;
}

test('a parent who chose Arabic reads the cahier de liaison in Arabic, right to left; the note stays as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const index = await page(w.ce1aParent.id, '/liaison');
  assert.match(index, /<html lang="ar" dir="rtl"/);
  assert.match(index, /<title>دفتر المراسلة/, 'the page title');
  assert.match(index, /<h1>دفتر المراسلة<\/h1>/);
  assert.match(index, /class="services__link service-liaison"[^>]*>دفتر المراسلة</, 'the navigation entry of the cahier de liaison');
  assert.match(index, /ملاحظات المدرسة الخاصة بأطفالك/);
  assert.match(index, />للتوقيع<\/span>/, 'the note waits for a signature');
  assert.match(index, /من \u2068Théo Enseignant\u2069، بتاريخ 17 مارس 2025/, 'the teacher’s name isolated, the date in Arabic');
  assert.match(index, new RegExp(`>${TITLE}</a>`), 'the title as the teacher wrote it');

  const note = await page(w.ce1aParent.id, `/liaison/notes/${noteId}`);
  assert.match(note, /<html lang="ar" dir="rtl"/);
  assert.match(note, new RegExp(`<h1>${TITLE}</h1>`));
  assert.ok(note.includes(`<div class="card liaison-text">${BODY}</div>`), 'the text exactly as written');
  assert.match(note, /القسم: \u2068CE1\u2069/);
  assert.match(note, /<h2 id="sign-title">التوقيع والردّ<\/h2>/);
  assert.match(note, /<h3>عن \u2068Léa Élève\u2069<\/h3>/, 'the child’s name isolated');
  assert.match(note, new RegExp(`<legend dir="auto">${QUESTION}</legend>`), 'the question as written, in its own direction');
  assert.match(note, />نعم<\/label>/);
  assert.match(note, />لا<\/label>/);
  assert.match(note, />توقيع<\/button>/);
});

test('in Arabic a parent signs ("vu"), writes to the teacher and sees it acknowledged; the teacher reads French', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const parent = await loginAs(t.app, w.ce1aParent.id);
  const missing = await post(parent, `/liaison/notes/${noteId}/sign`, { studentId: w.ce1a.id });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /اختر إجابة أو اكتبها\./, 'the form’s error in Arabic');
  const signed = await post(parent, `/liaison/notes/${noteId}/sign`, { studentId: w.ce1a.id, answer: 'yes' });
  assert.equal(signed.statusCode, 303, signed.body);
  const after = await followed(parent, signed);
  assert.match(after, /سُجّل توقيعك\./, 'the confirmation in Arabic');
  assert.match(after, /وُقّعت بتاريخ 17 مارس 2025/);
  assert.match(after, />تعديل إجابتي<\/button>/);

  const teacher = await page(w.ce1Teacher.id, `/liaison/notes/${noteId}`);
  assert.match(teacher, /<html lang="fr" dir="ltr"/);
  assert.match(teacher, /<td>Oui<\/td>/, 'the answer in the teacher’s French');
  assert.doesNotMatch(teacher, /[\u0600-\u06FF]/, 'no Arabic on the teacher’s page');

  const formPage = await page(w.ce1aParent.id, '/liaison/family-notes/new');
  assert.match(formPage, /<h1>الكتابة إلى معلّم طفلك<\/h1>/);
  assert.match(formPage, />الإبلاغ عن غياب<\/label>/);
  const familyNote = await writeFamilyNote(t.app, parent, w.ce1a.id, 'Léa sera absente vendredi.');
  assert.match(await page(w.ce1aParent.id, '/liaison'), /لم تُقرأ بعد/, 'waiting for the teacher');
  const teacherSession = await loginAs(t.app, w.ce1Teacher.id);
  assert.equal((await post(teacherSession, `/liaison/family-notes/${familyNote}/acknowledge`, {})).statusCode, 303);
  const acknowledged = await page(w.ce1aParent.id, '/liaison');
  assert.match(acknowledged, /قرأها المعلّم بتاريخ 17 مارس 2025/);
  assert.match(acknowledged, /<p class="liaison-text">Léa sera absente vendredi\.<\/p>/, 'the parent’s words as written');
});

test('another person, with no choice, still gets French', async () => {
  for (const url of ['/liaison', `/liaison/notes/${noteId}`, '/liaison/family-notes/new']) {
    const body = await page(w.ce1bParent.id, url);
    assert.match(body, /<html lang="fr" dir="ltr"/, url);
    assert.match(body, /Cahier de liaison/, `${url}: the French navigation`);
    assert.doesNotMatch(body, /[\u0600-\u06FF]/, `${url}: no Arabic on a French page`);
  }
  assert.match(await page(w.ce1bParent.id, `/liaison/notes/${noteId}`), /<h3>Pour Noé Écolier<\/h3>/);
});

test('each language’s own words on the same parent’s pages', async () => {
  const cases = [
    ['en', /<h1>Home–school book<\/h1>/, /<h2 id="sign-title">Sign and reply<\/h2>/, />Yes<\/label>/, /From Théo Enseignant, on 17 March 2025/],
    ['pt', /<h1>Caderneta escola-família<\/h1>/, /<h2 id="sign-title">Assinar e responder<\/h2>/, />Sim<\/label>/, /De Théo Enseignant, a 17 de março de 2025/],
    ['tr', /<h1>Okul-aile iletişim defteri<\/h1>/, /<h2 id="sign-title">İmzala ve yanıtla<\/h2>/, />Evet<\/label>/, /Yazan: Théo Enseignant, 17 Mart 2025/],
    [
      'es',
      /<h1>Cuaderno de comunicación familia-escuela<\/h1>/,
      /<h2 id="sign-title">Firmar y responder<\/h2>/,
      />Sí<\/label>/,
      /De Théo Enseignant, el 17 de marzo de 2025/,
    ],
  ] as const;
  for (const [locale, title, sign, yes, by] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const index = await page(w.ce1aParent.id, '/liaison');
    assert.match(index, new RegExp(`<html lang="${locale}" dir="ltr"`), locale);
    assert.match(index, title, `${locale}: ${title}`);
    assert.match(index, by, `${locale}: ${by}`);
    const note = await page(w.ce1aParent.id, `/liaison/notes/${noteId}`);
    assert.match(note, sign, `${locale}: ${sign}`);
    assert.match(note, yes, `${locale}: ${yes}`);
    assert.ok(note.includes(`<div class="card liaison-text">${BODY}</div>`), `${locale}: the text as written`);
  }
});
