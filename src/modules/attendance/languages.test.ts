import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { multipart } from '../../kernel/storage/testing.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { setLanguage } from '../reading/testing.js';
import { attendanceWorld, callRoll, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;

// Tuesday 16 March 2027: Léa is marked absent this morning.
before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await attendanceWorld(t.app);
  await callRoll(t.app, await loginAs(t.app, w.ce1Teacher.id), w.ce1.id, { halfDay: 'am', marks: [{ studentId: w.ce1a.id, status: 'absent' }] });
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

const justify = async (personId: string, fields: Record<string, string>) => {
  const session = await loginAs(t.app, personId);
  const body = multipart({ _csrf: session.csrf, from: '2027-03-16', to: '2027-03-16', ...fields }, []);
  return request(t.app, session, 'POST', `/attendance/pupils/${w.ce1a.id}/justifications`, body.payload, { headers: body.headers });
};

test('a parent who chose Arabic reads the child’s absences and justifies one in Arabic, right to left', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const index = await page(w.ce1aParent.id, '/attendance');
  assert.match(index, /<html lang="ar" dir="rtl"/);
  assert.match(index, /<title>الغيابات والتأخرات · Préau<\/title>/, 'the page title');
  assert.match(index, /aria-current="page">الغيابات</, 'the navigation entry of the absences');
  assert.match(index, /<h2 id="children-title">أطفالي<\/h2>/);

  const pupil = await page(w.ce1aParent.id, `/attendance/pupils/${w.ce1a.id}`);
  assert.match(pupil, /<h1>الغيابات — \u2068Léa Élève\u2069<\/h1>/, 'the child’s name isolated');
  assert.match(pupil, /نصف يوم غياب واحد/, 'the Arabic count of half-days');
  assert.match(pupil, /<td>16 مارس 2027<\/td><td>غائب \(الصباح\)<\/td><td>يجب تبريره<\/td>/, 'the absence, its date with Western digits');
  assert.match(pupil, /<option value="medical">موعد طبي<\/option>/, 'the reasons in Arabic');
  assert.match(pupil, />إرسال التبرير<\/button>/);
  assert.doesNotMatch(pupil, /À justifier|Justifier une absence|Maladie/, 'no French interface words left');

  const refused = await justify(w.ce1aParent.id, { reason: 'other' });
  assert.equal(refused.statusCode, 400, 'another reason needs a comment');
  assert.match(refused.body, /وضّح السبب في التعليق\./, 'the error in Arabic');

  const sent = await justify(w.ce1aParent.id, { reason: 'medical', comment: 'Rendez-vous chez le dentiste' });
  assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
  const after = await page(w.ce1aParent.id, `/attendance/pupils/${w.ce1a.id}`);
  assert.match(after, /أُرسل المبرّر، في الانتظار/, 'the justification pending');
  assert.match(after, /Rendez-vous chez le dentiste/, 'the parent’s comment as written');

  await t.app.jobs.runDue();
  const notes = await t.app.db.selectFrom('notifications').select(['title']).execute();
  assert.ok(notes.length > 0, 'notices were written');
  for (const n of notes) assert.doesNotMatch(n.title, /[\u0600-\u06FF]/, `notices stay in French: ${n.title}`);
  assert.ok(
    notes.some((n) => n.title === 'Nouveau justificatif pour Léa Élève'),
    'the school is told of the justification in French',
  );
});

test('another person, with no choice, still gets the absences in French', async () => {
  const body = await page(w.ce1Teacher.id, '/attendance');
  assert.match(body, /<html lang="fr" dir="ltr"/);
  assert.match(body, /aria-current="page">Absences</);
  assert.match(body, /<h1>Absences et retards<\/h1>/);
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(body, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s page of absences', async () => {
  const cases = [
    [
      'en',
      /<html lang="en" dir="ltr"/,
      /aria-current="page">Absences</,
      /<h1>Absences — Léa Élève<\/h1>/,
      /1\u00a0half-day of absence/,
      /<td>16 March 2027<\/td><td>Absent \(Morning\)<\/td>/,
      />Send the explanation<\/button>/,
    ],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Faltas</,
      /<h1>Faltas — Léa Élève<\/h1>/,
      /1\u00a0meio dia de falta/,
      /<td>16 de março de 2027<\/td><td>Falta \(Manhã\)<\/td>/,
      />Enviar a justificação<\/button>/,
    ],
    [
      'tr',
      /<html lang="tr" dir="ltr"/,
      /aria-current="page">Devamsızlık</,
      /<h1>Devamsızlık — Léa Élève<\/h1>/,
      /1\u00a0yarım gün devamsızlık/,
      /<td>16 Mart 2027<\/td><td>Yok \(Sabah\)<\/td>/,
      />Mazereti gönder<\/button>/,
    ],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Ausencias</,
      /<h1>Ausencias — Léa Élève<\/h1>/,
      /1\u00a0media jornada de ausencia/,
      /<td>16 de marzo de 2027<\/td><td>Ausente \(Mañana\)<\/td>/,
      />Enviar la justificación<\/button>/,
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await page(w.ce1aParent.id, `/attendance/pupils/${w.ce1a.id}`);
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
    assert.match(body, /Rendez-vous chez le dentiste/, `${locale}: the comment as written`);
    assert.doesNotMatch(body, /Justifications envoyées|Envoyer la justification|Matin\)/, `${locale}: no French interface words left`);
  }
});
