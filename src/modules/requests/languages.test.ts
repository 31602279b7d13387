import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { setLanguage } from '../reading/testing.js';
import { ENROLMENT_DOCUMENTS, fileRequest, postFamilyForm, postForm, requestsWorld, TEST_NOW, type RequestsWorld } from './testing.js';

let t: TestApp;
let w: RequestsWorld;
let id: string;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await requestsWorld(t.app);
  id = await fileRequest(t.app, await loginAs(t.app, w.ce1aParent.id), { childId: w.ce1a.id, kind: 'enrolment', details: 'Garde alternée.' });
  const agent = await loginAs(t.app, w.agent.id);
  await postForm(t.app, agent, `/demarches/${id}/status`, { status: 'waiting' });
  await postForm(t.app, agent, `/demarches/${id}/messages`, { body: 'Merci de renvoyer la page des vaccins.' });
});
after(() => t.close());

const get = async (personId: string, url: string) => {
  const res = await request(t.app, await loginAs(t.app, personId), 'GET', url);
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  return res.body;
};
const pages = async (personId: string) => [
  await get(personId, '/demarches'),
  await get(personId, '/demarches/nouvelle'),
  await get(personId, `/demarches/${id}`),
];

test('a parent who chose Arabic gets the requests pages in Arabic, right to left; what the town wrote stays as written', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'ar');
  const [index = '', form = '', detail = ''] = await pages(w.ce1aParent.id);
  assert.match(index, /<html lang="ar" dir="rtl"/);
  assert.match(index, /<h1>الطلبات إلى البلدية<\/h1>/);
  assert.match(index, />الطلبات</, 'the navigation entry');
  assert.match(index, /في انتظار ردّك/, 'the status in Arabic');
  assert.match(index, /لـ \u2068Léa Élève\u2069/, 'the child’s name isolated');
  assert.match(form, /إثبات السكن/);
  assert.match(form, /Léa Élève \(École des Tilleuls\)/, 'the names as written');
  assert.match(detail, /<h1>التسجيل المدرسي<\/h1>/);
  assert.match(detail, /Merci de renvoyer la page des vaccins\./, 'the agent’s message as written');
  assert.match(detail, /Mathilde Mairie \(البلدية\)/);
  assert.doesNotMatch(detail, /Changer l’état|Échanges avec la mairie|Envoyer le message/, 'no French interface word');

  const session = await loginAs(t.app, w.ce1aParent.id);
  const refused = await postFamilyForm(t.app, session, { childId: w.ce1a.id, kind: 'enrolment' }, ENROLMENT_DOCUMENTS.slice(1));
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /أرفق الوثيقة: إثبات السكن\./, 'the refusal in Arabic');
});

test('another parent, with no choice, still gets French', async () => {
  const index = await get(w.ce1bParent.id, '/demarches');
  assert.match(index, /<html lang="fr" dir="ltr"/);
  assert.match(index, /<h1>Démarches auprès de la mairie<\/h1>/);
  assert.doesNotMatch(index, /[\u0600-\u06FF]/, 'no Arabic on a French page');
});

test('each language’s own words on the same parent’s pages; the agent’s pages stay French', async () => {
  const cases = [
    [
      'en',
      [/<html lang="en" dir="ltr"/, /Applications to the town hall/, /Waiting for you/],
      [/Proof of address/, /Send the application/],
      [/Messages with the town hall/, /Mathilde Mairie \(town hall\)/],
    ],
    [
      'pt',
      [/<html lang="pt" dir="ltr"/, /Pedidos à câmara municipal/, /À espera da sua resposta/],
      [/Comprovativo de morada/],
      [/Mensagens com a câmara municipal/],
    ],
    [
      'tr',
      [/<html lang="tr" dir="ltr"/, /Belediyeye başvurular/, /Sizden yanıt bekleniyor/],
      [/İkametgâh belgesi/, /En fazla 2.000.karakter\./],
      [/Belediyeyle yazışmalar/],
    ],
    [
      'es',
      [/<html lang="es" dir="ltr"/, /Trámites con el ayuntamiento/, /A la espera de su respuesta/],
      [/Justificante de domicilio/],
      [/Mensajes con el ayuntamiento/],
    ],
  ] as const;
  for (const [locale, ...patterns] of cases) {
    await setLanguage(t.app.db, w.ce1aParent.id, locale);
    const bodies = await pages(w.ce1aParent.id);
    for (const [i, body] of bodies.entries()) {
      for (const p of patterns[i]!) assert.match(body, p, `${locale}: ${p}`);
      assert.match(body, /Léa Élève/, `${locale}: the child’s name as written`);
      assert.doesNotMatch(body, /Démarches auprès de la mairie|Envoyer la demande|Échanges avec la mairie/, `${locale}: no French interface word`);
    }
  }
  await setLanguage(t.app.db, w.agent.id, 'en');
  const queue = await get(w.agent.id, '/demarches/gestion');
  assert.match(queue, /Demandes à la mairie/, 'the agents’ queue stays French');
});
