import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { setLanguage } from '../reading/testing.js';
import { sign } from './service/signature.js';
import { startTestProvider } from './testing-provider.js';
import { book, billingWorld, TEST_NOW, type BillingWorld } from './testing.js';

/**
 * Online payment with a real stand-in provider in a child process: the app listens on a real
 * port, the provider calls its notification URL over HTTP, then sends the browser back.
 */
let t: TestApp;
let w: BillingWorld;
let provider: { url: string; stop: () => void };
let marcInvoice: { id: string; number: string; totalCents: number };
let noeInvoice: { id: string; number: string; totalCents: number };
const SECRET = 'la-clé-partagée-de-la-commune-0001';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  const port = await freePort();
  provider = await startTestProvider(SECRET);
  t = await buildTestApp(buildApp, { publicUrl: `http://127.0.0.1:${port}` }, { clock: new TestClock(TEST_NOW) });
  await t.app.listen({ port, host: '127.0.0.1' });
  w = await billingWorld(t.app);
  await book(t.app.db, w.service.id, w.ce1a.id, ['2027-01-04', '2027-01-05']);
  await book(t.app.db, w.service.id, w.ce1b.id, ['2027-01-04']);
  const agent = await loginAs(t.app, w.agent.id);
  const run = await request(t.app, agent, 'POST', `/api/billing/municipalities/${w.town.id}/runs`, { month: '2027-01' });
  assert.equal(run.statusCode, 201, run.body);
  const all = (await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/invoices`)).json() as {
    id: string;
    number: string;
    totalCents: number;
    payerId: string;
  }[];
  marcInvoice = all.find((i) => i.payerId === w.ce1aParent.id)!;
  noeInvoice = all.find((i) => i.payerId === w.ce1bParent.id)!;
  assert.ok(marcInvoice && noeInvoice, 'both families are invoiced');
});
after(async () => {
  provider?.stop();
  await t?.close();
});

const as = (id: string) => loginAs(t.app, id);
const settingsUrl = () => `/api/billing/municipalities/${w.town.id}/online-payment`;
const payOnline = async (s: Session, invoiceId: string) => {
  const f = form({ _csrf: s.csrf });
  return request(t.app, s, 'POST', `/billing/invoices/${invoiceId}/pay-online`, f.payload, { headers: f.headers });
};
const paymentsOf = (invoiceId: string) => t.app.db.selectFrom('billingPayments').selectAll().where('invoiceId', '=', invoiceId).execute();
const attemptsOf = (invoiceId: string) => t.app.db.selectFrom('billingOnlineAttempts').selectAll().where('invoiceId', '=', invoiceId).execute();
const notify = (fields: Record<string, string>) => {
  const f = form(fields);
  return t.app.inject({ method: 'POST', url: '/api/billing/online/notify', payload: f.payload, headers: f.headers });
};
/** The browser follows the redirect to the provider (with test-only options), which notifies and sends it back. */
async function throughProvider(location: string, options: Record<string, string> = {}) {
  const url = new URL(location);
  for (const [k, v] of Object.entries(options)) url.searchParams.set(k, v);
  const r = await fetch(url, { redirect: 'manual' });
  assert.equal(r.status, 303, `the provider accepted the signed request: ${await r.clone().text()}`);
  return { back: new URL(r.headers.get('location')!), notified: JSON.parse(decodeURIComponent(r.headers.get('x-notify') ?? '[]')) as string[] };
}

test('disabled (nothing set): no button on the invoice, and the form is refused with nothing stored', async () => {
  const marc = await as(w.ce1aParent.id);
  const page = await request(t.app, marc, 'GET', `/billing/invoices/${marcInvoice.id}`);
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes('/pay-online'), 'no online payment form');
  const refused = await payOnline(marc, marcInvoice.id);
  assert.equal(refused.statusCode, 409, refused.body);
  assert.equal((await attemptsOf(marcInvoice.id)).length, 0);
});

test('the agent sets the provider; the secret is write-only; bad settings are 400; another town’s agent and the family are refused', async () => {
  const agent = await as(w.agent.id);
  const bad = await request(t.app, agent, 'PUT', settingsUrl(), { providerUrl: 'ftp://x', clientNumber: 'a b', secret: 'short', enabled: true });
  assert.equal(bad.statusCode, 400, bad.body);
  const fields = (bad.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['clientNumber', 'providerUrl', 'secret']);
  const body = { providerUrl: `${provider.url}/pay`, clientNumber: '012345', secret: SECRET, enabled: false };
  const ok = await request(t.app, agent, 'PUT', settingsUrl(), body);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.ok(!ok.body.includes(SECRET), 'the secret is not sent back');
  const read = await request(t.app, agent, 'GET', settingsUrl());
  assert.ok(!read.body.includes(SECRET), 'the secret is not read back');
  assert.deepEqual(read.json(), {
    providerUrl: `${provider.url}/pay`,
    clientNumber: '012345',
    enabled: false,
    secretSet: true,
    notificationUrl: `${t.app.config.publicUrl}/api/billing/online/notify`,
  });
  // Enabling without sending the secret again keeps it.
  const enabled = await request(t.app, agent, 'PUT', settingsUrl(), { ...body, secret: '', enabled: true });
  assert.equal(enabled.statusCode, 200, enabled.body);
  const stored = await t.app.db.selectFrom('billingOnlineSettings').select('secret').where('municipalityId', '=', w.town.id).executeTakeFirstOrThrow();
  assert.equal(stored.secret, SECRET);
  for (const who of [w.otherAgent.id, w.ce1aParent.id]) {
    const r = await request(t.app, await as(who), 'PUT', settingsUrl(), { ...body, providerUrl: 'https://evil.example/pay' });
    assert.ok([403, 404].includes(r.statusCode), `${who}: ${r.statusCode}`);
  }
  assert.equal((await request(t.app, agent, 'GET', settingsUrl())).json().providerUrl, `${provider.url}/pay`);
});

test('the agent’s page: the form comes back with its messages and without the secret; saved, it keeps the secret', async () => {
  const agent = await as(w.agent.id);
  const desk = await request(t.app, agent, 'GET', `/billing/manage/${w.town.id}`);
  assert.ok(desk.body.includes(`/billing/manage/${w.town.id}/online`), 'the desk links to the page');
  const page = await request(t.app, agent, 'GET', `/billing/manage/${w.town.id}/online`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('/api/billing/online/notify'), 'the notification URL to give the provider');
  assert.ok(!page.body.includes(SECRET), 'the secret is not in the page');
  const post = async (fields: Record<string, string>) => {
    const f = form({ _csrf: agent.csrf, ...fields });
    return request(t.app, agent, 'POST', `/billing/manage/${w.town.id}/online`, f.payload, { headers: f.headers });
  };
  const bad = await post({ providerUrl: 'pas une adresse', clientNumber: '012345', secret: 'typed-secret-value-123', enabled: 'on' });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.body.includes('Indiquez l’adresse https://'), 'the message of the field');
  assert.ok(bad.body.includes('value="pas une adresse"'), 'the typed value comes back');
  assert.ok(!bad.body.includes('typed-secret-value-123'), 'the typed secret does not come back');
  const ok = await post({ providerUrl: `${provider.url}/pay`, clientNumber: '012345', secret: '', enabled: 'on' });
  assert.equal(ok.statusCode, 303, ok.body);
  const stored = await t.app.db.selectFrom('billingOnlineSettings').selectAll().where('municipalityId', '=', w.town.id).executeTakeFirstOrThrow();
  assert.equal(stored.secret, SECRET, 'an empty secret keeps the stored one');
  assert.equal(stored.enabled, 1);
});

test('another family cannot start a payment of an invoice not theirs (404), nor see its result; nothing stored', async () => {
  const ines = await as(w.ce1bParent.id);
  const r = await payOnline(ines, marcInvoice.id);
  assert.equal(r.statusCode, 404, r.body);
  assert.equal((await attemptsOf(marcInvoice.id)).length, 0);
  const agentTry = await payOnline(await as(w.agent.id), marcInvoice.id);
  assert.equal(agentTry.statusCode, 404, 'an agent records desk payments, not online ones');
});

test('a refused payment marks the attempt refused; an amount other than the attempt’s is refused; no payment', async () => {
  const ines = await as(w.ce1bParent.id);
  const first = await payOnline(ines, noeInvoice.id);
  assert.equal(first.statusCode, 303, first.body);
  const refused = await throughProvider(first.headers.location as string, { outcome: 'refused' });
  assert.deepEqual(refused.notified, ['200:{"status":"refused"}']);
  const page = await request(t.app, ines, 'GET', refused.back.pathname);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('data-status="refused"'), 'the return page says refused');
  // A new attempt; the provider claims one cent more than asked.
  const second = await payOnline(ines, noeInvoice.id);
  assert.notEqual(second.headers.location, first.headers.location, 'a refused attempt is not reused');
  const tampered = await throughProvider(second.headers.location as string, { tamper: 'amount' });
  assert.deepEqual(tampered.notified, ['200:{"status":"refused"}']);
  assert.deepEqual((await attemptsOf(noeInvoice.id)).map((a) => a.status).sort(), ['refused', 'refused']);
  assert.equal((await paymentsOf(noeInvoice.id)).length, 0);
});

test('a bad signature is 403 and changes nothing; an unknown attempt is 404', async () => {
  const ines = await as(w.ce1bParent.id);
  const start = await payOnline(ines, noeInvoice.id);
  const forged = await throughProvider(start.headers.location as string, { tamper: 'signature' });
  assert.equal(forged.notified.length, 1);
  assert.match(forged.notified[0]!, /^403:/);
  const [pending] = (await attemptsOf(noeInvoice.id)).filter((a) => a.status === 'pending');
  assert.ok(pending, 'the attempt is still pending');
  const reference = `${noeInvoice.number}/${pending.id}`;
  const fields = { reference, amount: String(pending.amountCents), result: 'paid', transaction: 'T1' };
  assert.equal((await notify({ ...fields, signature: 'zz' })).statusCode, 403);
  assert.equal((await notify({ ...fields })).statusCode, 403, 'no signature at all');
  const page = await request(t.app, ines, 'GET', forged.back.pathname);
  assert.ok(page.body.includes('data-status="pending"'), 'the browser came back but nothing was confirmed');
  assert.equal((await paymentsOf(noeInvoice.id)).length, 0);
  const unknown = { ...fields, reference: `${noeInvoice.number}/00000000-0000-4000-8000-000000000000` };
  assert.equal((await notify({ ...unknown, signature: sign(unknown, SECRET) })).statusCode, 404);
  assert.equal((await notify({ ...fields, reference: 'nonsense', signature: sign({ ...fields, reference: 'nonsense' }, SECRET) })).statusCode, 404);
});

test('the happy path, notified twice: one online payment, the balance goes down, the button goes away', async () => {
  const marc = await as(w.ce1aParent.id);
  const before = (await request(t.app, marc, 'GET', '/api/billing/account')).json() as { balances: { municipalityId: string; balanceCents: number }[] };
  const owed = before.balances.find((b) => b.municipalityId === w.town.id)!.balanceCents;
  const page = await request(t.app, marc, 'GET', `/billing/invoices/${marcInvoice.id}`);
  assert.ok(page.body.includes(`/billing/invoices/${marcInvoice.id}/pay-online`), 'the button is offered');
  const start = await payOnline(marc, marcInvoice.id);
  assert.equal(start.statusCode, 303, start.body);
  const again = await payOnline(marc, marcInvoice.id);
  assert.equal(again.headers.location, start.headers.location, 'the pending attempt is reused');
  assert.equal((await attemptsOf(marcInvoice.id)).length, 1);
  const sent = new URL(start.headers.location as string);
  assert.equal(sent.searchParams.get('client'), '012345');
  assert.equal(sent.searchParams.get('amount'), String(marcInvoice.totalCents));
  assert.match(sent.searchParams.get('reference')!, new RegExp(`^${marcInvoice.number}/`));
  const done = await throughProvider(start.headers.location as string, { twice: '1' });
  assert.deepEqual(done.notified, ['200:{"status":"paid"}', '200:{"status":"paid"}']);
  const payments = await paymentsOf(marcInvoice.id);
  assert.equal(payments.length, 1, 'one payment for two notifications');
  assert.equal(payments[0]!.method, 'online');
  assert.equal(payments[0]!.amountCents, marcInvoice.totalCents);
  const result = await request(t.app, marc, 'GET', done.back.pathname);
  assert.equal(result.statusCode, 200);
  assert.ok(result.body.includes('data-status="paid"'), 'the return page says paid');
  assert.equal((await request(t.app, await as(w.ce1bParent.id), 'GET', done.back.pathname)).statusCode, 404, 'another family');
  const after = (await request(t.app, marc, 'GET', '/api/billing/account')).json() as { balances: { municipalityId: string; balanceCents: number }[] };
  assert.equal(after.balances.find((b) => b.municipalityId === w.town.id)!.balanceCents, owed - marcInvoice.totalCents);
  const settled = await request(t.app, marc, 'GET', `/billing/invoices/${marcInvoice.id}`);
  assert.ok(!settled.body.includes('/pay-online'), 'nothing left to pay: no button');
  assert.equal((await payOnline(marc, marcInvoice.id)).statusCode, 409);
  const csv = await request(t.app, await as(w.agent.id), 'GET', `/api/billing/municipalities/${w.town.id}/export.csv?from=2027-01-01&to=2027-12-31`);
  assert.ok(csv.body.includes('paiement_en_ligne'), 'the export names the online method');
});

test('the return page is translated for the family', async () => {
  const marc = await as(w.ce1aParent.id);
  const [attempt] = await attemptsOf(marcInvoice.id);
  await setLanguage(t.app.db, w.ce1aParent.id, 'en');
  const r = await request(t.app, marc, 'GET', `/billing/online/${attempt!.id}`);
  assert.ok(r.body.includes('Back to the invoice'), 'the English return page');
  assert.ok(r.body.includes('is recorded. Thank you.'), 'the English result');
  await setLanguage(t.app.db, w.ce1aParent.id, 'fr');
});
