import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { setLanguage } from '../reading/testing.js';
import { book, billingWorld, TEST_NOW, type BillingWorld } from './testing.js';

/** The family's billing pages in each family language, amounts in the language's euros; the agents' desk stays French. */
let t: TestApp;
let w: BillingWorld;
let invoiceId: string;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await billingWorld(t.app);
  await book(t.app.db, w.service.id, w.ce1a.id, ['2027-01-04', '2027-01-05', '2027-01-07']);
  const run = await request(t.app, await loginAs(t.app, w.agent.id), 'POST', `/api/billing/municipalities/${w.town.id}/runs`, { month: '2027-01' });
  assert.equal(run.statusCode, 201, run.body);
  invoiceId = (await t.app.db.selectFrom('billingInvoices').select('id').executeTakeFirstOrThrow()).id;
});
after(() => t.close());

const get = async (personId: string, url: string) => {
  const res = await request(t.app, await loginAs(t.app, personId), 'GET', url);
  assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
  return res.body;
};

const cases = [
  { lang: 'en', dir: 'ltr', h1: 'Invoices for municipal services', owed: 'Left to pay: €13.50', invoice: 'Invoice 2027-000001', month: 'January 2027' },
  { lang: 'ar', dir: 'rtl', h1: 'فواتير الخدمات البلدية', owed: 'المتبقي للدفع:', invoice: 'الفاتورة 2027-000001', month: '2027' },
  { lang: 'pt', dir: 'ltr', h1: 'Faturas dos serviços municipais', owed: 'Por pagar: 13,50\u00a0€', invoice: 'Fatura 2027-000001', month: 'janeiro de 2027' },
  { lang: 'tr', dir: 'ltr', h1: 'Belediye hizmetlerinin faturaları', owed: 'Kalan ödeme: €13,50', invoice: 'Fatura 2027-000001', month: 'Ocak 2027' },
  {
    lang: 'es',
    dir: 'ltr',
    h1: 'Facturas de los servicios municipales',
    owed: 'Pendiente de pago: 13,50\u00a0€',
    invoice: 'Factura 2027-000001',
    month: 'enero de 2027',
  },
] as const;

for (const c of cases) {
  test(`a parent who chose ${c.lang} reads the billing pages in ${c.lang}, the amounts in its euros, the names as written`, async () => {
    await setLanguage(t.app.db, w.ce1aParent.id, c.lang);
    const index = await get(w.ce1aParent.id, '/billing');
    assert.match(index, new RegExp(`<html lang="${c.lang}" dir="${c.dir}"`));
    assert.ok(index.includes(`<h1>${c.h1}</h1>`), `${c.lang}: the title`);
    assert.ok(index.includes(c.owed), `${c.lang}: the balance, ${/<strong>[^<]*<\/strong>/.exec(index)?.[0]}`);
    assert.ok(index.includes(c.month), `${c.lang}: the month`);
    assert.match(index, /Ville des Tilleuls/, 'the town’s name as written');
    const page = await get(w.ce1aParent.id, `/billing/invoices/${invoiceId}`);
    assert.ok(page.includes(`<h1>${c.invoice}</h1>`), `${c.lang}: the invoice title`);
    assert.match(page, /Léa Élève/, 'the child’s name as written');
    assert.doesNotMatch(page, /Télécharger en PDF|Prix du jour/, `${c.lang}: no French left on the invoice`);
  });
}

test('the PDF is the French accounting document whatever the language; the agent’s desk is French', async () => {
  await setLanguage(t.app.db, w.ce1aParent.id, 'en');
  const res = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', `/billing/invoices/${invoiceId}/pdf`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-disposition'], 'attachment; filename="facture-2027-000001.pdf"');
  await setLanguage(t.app.db, w.agent.id, 'en');
  const desk = await get(w.agent.id, `/billing/manage/${w.town.id}`);
  assert.match(desk, /Facturer un mois/);
});
