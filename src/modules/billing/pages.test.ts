import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { book, billingWorld, mark, multipart, TEST_NOW, type BillingWorld } from './testing.js';

/** The pages: the agent runs the month and issues a credit note and a payment; the family reads, prints and downloads. */
let t: TestApp;
let w: BillingWorld;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await billingWorld(t.app);
  await book(t.app.db, w.service.id, w.ce1a.id, ['2027-01-04', '2027-01-05']);
  await mark(t.app.db, { serviceId: w.service.id, studentId: w.ce1a.id, day: '2027-01-11', present: true, booked: false, by: w.agent.id });
});
after(() => t.close());

const as = (id: string) => loginAs(t.app, id);
const post = async (who: string | Session, url: string, fields: Record<string, string>) => {
  const s = typeof who === 'string' ? await as(who) : who;
  const f = form({ _csrf: s.csrf, ...fields });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};

test('the agent’s desk: a bad month comes back with its message; January runs; running it again says nothing changed', async () => {
  const agent = await as(w.agent.id);
  const entry = await request(t.app, agent, 'GET', '/billing');
  assert.equal(entry.statusCode, 303);
  const manage = await request(t.app, agent, 'GET', '/billing/manage');
  assert.equal(manage.headers.location, `/billing/manage/${w.town.id}`);
  const desk = await request(t.app, agent, 'GET', `/billing/manage/${w.town.id}`);
  assert.equal(desk.statusCode, 200);
  assert.match(desk.body, /value="2027-01"/, 'the last month is proposed');

  const notOver = await post(w.agent.id, `/billing/manage/${w.town.id}/runs`, { month: '2027-02' });
  assert.equal(notOver.statusCode, 400);
  assert.match(notOver.body, /Ce mois n’est pas terminé/);
  assert.match(notOver.body, /value="2027-02"/, 'the typed month is kept');

  const run = await post(agent, `/billing/manage/${w.town.id}/runs`, { month: '2027-01' });
  assert.equal(run.statusCode, 303, run.body);
  const after = await request(t.app, agent, 'GET', `/billing/manage/${w.town.id}?month=2027-01`);
  assert.match(String(run.headers['set-cookie']), /preau_flash=/, 'a message for the next page');
  assert.match(after.body, /janvier 2027 : 1 facture/);
  assert.match(after.body, /2027-000001/);
  assert.match(after.body, /Marc Élève/);
  const again = await post(agent, `/billing/manage/${w.town.id}/runs`, { month: '2027-01' });
  assert.equal(again.statusCode, 303);
  const cookie = String(again.headers['set-cookie']).split(';')[0]!;
  const flash = await request(t.app, agent, 'GET', `/billing/manage/${w.town.id}?month=2027-01`, undefined, { headers: { cookie } });
  assert.match(flash.body, /janvier 2027 est déjà facturé : rien n’a changé/);
  assert.equal((flash.body.match(/2027-000001/g) ?? []).length, 1, 'still one invoice');
});

test('the family’s page, the printable invoice in euros, the PDF; another parent and a teacher get nothing', async () => {
  const marc = await as(w.ce1aParent.id);
  const index = await request(t.app, marc, 'GET', '/billing');
  assert.equal(index.statusCode, 200);
  assert.match(index.body, /Reste à payer : 14,50\u00a0€/, 'the balance in French euros');
  const id = /href="\/billing\/invoices\/([0-9a-f-]{36})"/.exec(index.body)?.[1];
  assert.ok(id, 'a link to the invoice');
  const page = await request(t.app, marc, 'GET', `/billing/invoices/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h1>Facture 2027-000001<\/h1>/);
  assert.match(page.body, /Présent sans réservation/);
  assert.match(page.body, /5,50\u00a0€/, 'the walk-in day with its surcharge');
  assert.match(page.body, /href="\/billing\/invoice.css"/, 'the print stylesheet');
  assert.doesNotMatch(page.body, /Émettre un avoir/, 'no credit note form for the family');
  const css = await request(t.app, marc, 'GET', '/billing/invoice.css');
  assert.match(css.body, /@media print/);
  const pdf = await request(t.app, marc, 'GET', `/billing/invoices/${id}/pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-', 'a PDF document');
  for (const who of [w.ce1bParent.id, w.ce1Teacher.id, w.otherAgent.id]) {
    for (const url of [`/billing/invoices/${id}`, `/billing/invoices/${id}/pdf`]) {
      const res = await request(t.app, await as(who), 'GET', url);
      assert.equal(res.statusCode, 404, `${who} ${url}`);
      assert.doesNotMatch(res.body, /2027-000001|Léa/);
    }
  }
  const teacher = await request(t.app, await as(w.ce1Teacher.id), 'GET', '/billing');
  assert.equal(teacher.statusCode, 403);
});

test('a credit note and a payment from the pages: bad amounts come back typed; good ones lower the balance', async () => {
  const agent = await as(w.agent.id);
  const invoice = (await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/invoices`)).json()[0] as { id: string };
  const bad = await post(w.agent.id, `/billing/invoices/${invoice.id}/credit-notes`, { amount: 'douze', reason: 'Erreur' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Indiquez un montant positif/);
  assert.match(bad.body, /value="douze"/);
  const tooMuch = await post(w.agent.id, `/billing/invoices/${invoice.id}/credit-notes`, { amount: '50', reason: 'Erreur' });
  assert.equal(tooMuch.statusCode, 400);
  assert.match(tooMuch.body, /dépasse/);
  const ok = await post(w.agent.id, `/billing/invoices/${invoice.id}/credit-notes`, { amount: '5,50', reason: 'Repas du 11 offert' });
  assert.equal(ok.statusCode, 303, ok.body);
  const byParent = await post(w.ce1aParent.id, `/billing/invoices/${invoice.id}/credit-notes`, { amount: '1', reason: 'x' });
  assert.equal(byParent.statusCode, 404);

  const noRef = await post(w.agent.id, `/billing/manage/${w.town.id}/payments`, { payerId: w.ce1aParent.id, amount: '4,70', method: 'cheque' });
  assert.equal(noRef.statusCode, 400);
  assert.match(noRef.body, /numéro du chèque/);
  const paid = await post(w.agent.id, `/billing/manage/${w.town.id}/payments`, {
    payerId: w.ce1aParent.id,
    amount: '9,00',
    method: 'cesu',
    reference: 'CESU 12',
  });
  assert.equal(paid.statusCode, 303, paid.body);
  const other = await post(w.otherAgent.id, `/billing/manage/${w.town.id}/payments`, { payerId: w.ce1aParent.id, amount: '1', method: 'cash' });
  assert.equal(other.statusCode, 404);
  const index = await request(t.app, await as(w.ce1aParent.id), 'GET', '/billing');
  assert.match(index.body, /Tout est réglé/, JSON.stringify(/Reste[^<]*/.exec(index.body)));
});

test('the quotient form: a missing proof comes back with the typed quotient; a good one is sent; the agent validates it', async () => {
  const marc = await as(w.ce1aParent.id);
  const none = multipart({ _csrf: marc.csrf, quotient: '640' }, []);
  const missing = await request(t.app, marc, 'POST', `/billing/municipalities/${w.town.id}/quotient`, none.payload, { headers: none.headers });
  assert.equal(missing.statusCode, 400, missing.body);
  assert.match(missing.body, /Joignez un justificatif/);
  assert.match(missing.body, /value="640"/);
  const good = multipart({ _csrf: marc.csrf, quotient: '640' }, [{ field: 'proof', name: 'caf.pdf', type: 'application/pdf', content: '%PDF-1.4 caf' }]);
  const sent = await request(t.app, marc, 'POST', `/billing/municipalities/${w.town.id}/quotient`, good.payload, { headers: good.headers });
  assert.equal(sent.statusCode, 303, sent.body);
  const other = await as(w.otherParent.id);
  const refused = multipart({ _csrf: other.csrf, quotient: '1' }, [{ field: 'proof', name: 'x.pdf', type: 'application/pdf', content: '%PDF-1.4 x' }]);
  const count = async () => (await t.app.db.selectFrom('billingQuotients').select('id').execute()).length;
  const before = await count();
  assert.equal(
    (await request(t.app, other, 'POST', `/billing/municipalities/${w.town.id}/quotient`, refused.payload, { headers: refused.headers })).statusCode,
    403,
  );
  assert.equal(await count(), before, 'nothing stored for a parent without a child there');

  const desk = await request(t.app, await as(w.agent.id), 'GET', `/billing/manage/${w.town.id}`);
  assert.match(desk.body, /Quotient 640 : En attente de validation/);
  const id = /action="\/billing\/quotients\/([0-9a-f-]{36})\/review"/.exec(desk.body)?.[1];
  assert.ok(id, 'a review form');
  assert.equal((await post(w.otherAgent.id, `/billing/quotients/${id}/review`, { decision: 'validate' })).statusCode, 404);
  assert.equal((await post(w.agent.id, `/billing/quotients/${id}/review`, { decision: 'validate' })).statusCode, 303);
  const index = await request(t.app, marc, 'GET', '/billing');
  assert.match(index.body, /Quotient 640 : Validé — appliqué depuis le 3 février 2027/);
});

test('the tariff page: the agent sets the brackets in euros; a bad price comes back typed; another town’s agent is refused', async () => {
  const agent = await as(w.agent.id);
  const page = await request(t.app, agent, 'GET', `/billing/manage/${w.town.id}/tariffs`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Cantine des Tilleuls/);
  assert.match(page.body, /value="4,50"/, 'the current open bracket');
  const url = `/billing/services/${w.service.id}/tariff`;
  const bad = await post(w.agent.id, url, { b0upTo: '700', b0price: 'cher', b1upTo: '', b1price: '3', surcharge: '1' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /value="cher"/);
  const notOpen = await post(w.agent.id, url, { b0upTo: '700', b0price: '1,10', surcharge: '1' });
  assert.equal(notOpen.statusCode, 400);
  assert.match(notOpen.body, /Seule la dernière tranche est sans plafond/);
  const ok = await post(w.agent.id, url, { b0upTo: '700', b0price: '1,10', b1upTo: '', b1price: '3,90', surcharge: '1,50' });
  assert.equal(ok.statusCode, 303, ok.body);
  const row = await t.app.db.selectFrom('billingTariffs').selectAll().where('serviceId', '=', w.service.id).executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(row.brackets), [
    { upTo: 700, cents: 110 },
    { upTo: null, cents: 390 },
  ]);
  assert.equal(row.walkInSurchargeCents, 150);
  assert.equal((await post(w.otherAgent.id, url, { b0price: '0' })).statusCode, 404);
  assert.equal((await request(t.app, await as(w.otherAgent.id), 'GET', `/billing/manage/${w.town.id}/tariffs`)).statusCode, 404);
});
