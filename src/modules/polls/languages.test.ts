import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { liaisonWorld, TEST_NOW } from '../liaison/testing.js';
import { setLanguage } from '../reading/testing.js';
import { createPoll, pollBody } from './testing.js';

let t: TestApp;
let w: World;
let pollId = '';

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await liaisonWorld(t.app);
  const poll = await createPoll(t.app, await loginAs(t.app, w.ce1Teacher.id), pollBody(t.app, w.ce1.id, { resultsLive: true }));
  pollId = poll.id;
});
after(() => t.close());

const page = async (personId: string, url: string) => (await request(t.app, await loginAs(t.app, personId), 'GET', url)).body;

test('a parent who chose Arabic answers the poll in Arabic, right to left; the school’s question and choices stay as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const list = await page(w.ce1aParent.id, '/polls');
  assert.match(list, /<html lang="ar" dir="rtl"/);
  assert.match(list, /<title>الاستطلاعات · Préau<\/title>/, 'the page title');
  assert.match(list, /aria-current="page">الاستطلاعات</, 'the navigation entry of the polls');
  assert.match(list, /<h1>الاستطلاعات<\/h1>/);
  assert.match(list, /أولياء أمور قسم · من 17 مارس 2025 إلى 24 مارس 2025/, 'the audience and the dates in Arabic, Western digits');
  assert.match(list, /<span class="badge badge--ok">جارٍ<\/span>/);
  assert.match(list, /Quel jour pour la réunion de rentrée \?/, 'the question as the school wrote it');

  const poll = await page(w.ce1aParent.id, `/polls/${pollId}`);
  assert.match(poll, /<legend>باسم عائلة \u2068Léa Élève\u2069<\/legend>/, 'the child’s name isolated');
  assert.match(poll, /<label for="vote-0-0" dir="auto">Lundi 18 h<\/label>/, 'a choice keeps its own direction');
  assert.match(poll, /استطلاع بالأسماء/);
  assert.match(poll, />تصويت<\/button>/);
  assert.match(poll, /<h2 id="results-title">النتائج<\/h2>/);
  assert.doesNotMatch(poll, /Pour la famille|Voter<|Résultats/, 'no French interface words left');

  const refused = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'POST', `/api/polls/${pollId}/votes`, {
    optionIds: [],
    studentId: w.ce1a.id,
  });
  assert.equal(refused.statusCode, 400, 'no answer chosen');
  const error = (refused.json() as { error: { code: string; details: { field: string; message: string }[] } }).error;
  assert.deepEqual(
    error.details.find((d) => d.field === 'optionIds'),
    { field: 'optionIds', message: 'اختر إجابة.' },
    'the JSON message in Arabic',
  );
});

test('another person, with no choice, still gets the poll in French', async () => {
  const body = await page(w.ce1bParent.id, `/polls/${pollId}`);
  assert.match(body, /<html lang="fr" dir="ltr"/);
  assert.match(body, /aria-current="page">Sondages</);
  assert.match(body, /Les parents d’une classe · Du 17 mars 2025/);
  assert.match(body, /Pour la famille de Noé/);
  assert.match(body, />Voter<\/button>/);
  assert.doesNotMatch(body, /[\u0600-\u06FF]/, 'no Arabic on a French page');
  assert.doesNotMatch(body, /\u2068/, 'no isolation marks on a left-to-right page');
});

test('each language’s own words on the same parent’s poll', async () => {
  const cases = [
    [
      'en',
      /<html lang="en" dir="ltr"/,
      /aria-current="page">Polls</,
      /The parents of a class · From 17 March 2025/,
      /For Léa Élève’s family/,
      />Vote<\/button>/,
      /0\u00a0votes/,
    ],
    [
      'pt',
      /<html lang="pt" dir="ltr"/,
      /aria-current="page">Inquéritos</,
      /Os pais de uma turma · De 17 de março de 2025/,
      /Pela família de Léa Élève/,
      />Votar<\/button>/,
      /0\u00a0votos/,
    ],
    [
      'tr',
      /<html lang="tr" dir="ltr"/,
      /aria-current="page">Anketler</,
      /Bir sınıfın velileri · 17 Mart 2025/,
      /Léa Élève adlı öğrencinin ailesi adına/,
      />Oy ver<\/button>/,
      /0\u00a0oy/,
    ],
    [
      'es',
      /<html lang="es" dir="ltr"/,
      /aria-current="page">Encuestas</,
      /Los padres de una clase · Del 17 de marzo de 2025/,
      /Por la familia de Léa Élève/,
      />Votar<\/button>/,
      /0\u00a0votos/,
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const body = await page(w.ce1aParent.id, `/polls/${pollId}`);
    for (const p of patterns) assert.match(body, p, `${locale}: ${p}`);
    assert.match(body, /Quel jour pour la réunion de rentrée \?/, `${locale}: the question as the school wrote it`);
    assert.doesNotMatch(body, /Pour la famille|Résultats|Sondage nominatif/, `${locale}: no French interface words left`);
  }
});
