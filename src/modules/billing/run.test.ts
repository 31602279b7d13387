import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { book, billingWorld, mark, multipart, validatedQuotient, TEST_NOW, type BillingWorld } from './testing.js';

/** The rules of a month, its run, its numbers, credit notes, payments and the export, through the JSON API. */
let t: TestApp;
let w: BillingWorld;
const clock = new TestClock(TEST_NOW);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await billingWorld(t.app);
  const s = w.service.id;
  // Léa: booked Mon 4, Tue 5, Thu 7, Fri 8; present the 4th, absent the 5th, absent but justified the 7th, no roll call the 8th.
  await book(t.app.db, s, w.ce1a.id, ['2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08']);
  await mark(t.app.db, { serviceId: s, studentId: w.ce1a.id, day: '2027-01-04', present: true, booked: true, by: w.agent.id });
  await mark(t.app.db, { serviceId: s, studentId: w.ce1a.id, day: '2027-01-05', present: false, booked: true, by: w.agent.id });
  await mark(t.app.db, { serviceId: s, studentId: w.ce1a.id, day: '2027-01-07', present: false, booked: true, by: w.agent.id });
  // Léa came on Monday 11 without booking.
  await mark(t.app.db, { serviceId: s, studentId: w.ce1a.id, day: '2027-01-11', present: true, booked: false, by: w.agent.id });
  // Zoé cancelled the 4th in time, ate the 12th.
  await book(t.app.db, s, w.cm2.id, ['2027-01-04'], 'cancelled');
  await book(t.app.db, s, w.cm2.id, ['2027-01-12']);
  // Noé: the 14th was a strike (closed), the 15th he ate.
  await book(t.app.db, s, w.ce1b.id, ['2027-01-14', '2027-01-15']);
  await t.app.db
    .insertInto('canteenClosures')
    .values({
      id: crypto.randomUUID(),
      municipalityId: w.town.id,
      structureId: null,
      startsOn: '2027-01-14',
      endsOn: '2027-01-14',
      reason: 'strike',
      label: 'Grève',
      createdAt: TEST_NOW,
    })
    .execute();
  // Another town's family, invoiced by its own agent only.
  await book(t.app.db, w.otherService.id, w.otherStudent.id, ['2027-01-05']);
  // Marc's quotient of 500 was validated on 8 January: the days before are at the highest bracket.
  await validatedQuotient(t.app, { relativeId: w.ce1aParent.id, municipalityId: w.town.id, quotient: 500, validFrom: '2027-01-08', by: w.agent.id });
});
after(() => t.close());

const as = async (personId: string) => loginAs(t.app, personId);
const invoiceCount = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('billingInvoices')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('the tariff of a service: its agent sets it; brackets must rise and end open; another town’s agent and the director are refused', async () => {
  const agent = await as(w.agent.id);
  const body = {
    brackets: [
      { upTo: 600, cents: 120 },
      { upTo: 1200, cents: 280 },
      { upTo: null, cents: 450 },
    ],
    walkInSurchargeCents: 100,
  };
  const ok = await request(t.app, agent, 'PUT', `/api/billing/services/${w.service.id}/tariff`, body);
  assert.equal(ok.statusCode, 200, ok.body);
  const bad = await request(t.app, agent, 'PUT', `/api/billing/services/${w.service.id}/tariff`, {
    ...body,
    brackets: [
      { upTo: 900, cents: 1 },
      { upTo: 600, cents: 2 },
      { upTo: null, cents: 3 },
    ],
  });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.equal(bad.json().error.code, 'billing.invalid_tariff');
  const notOpen = await request(t.app, agent, 'PUT', `/api/billing/services/${w.service.id}/tariff`, { ...body, brackets: [{ upTo: 900, cents: 1 }] });
  assert.equal(notOpen.statusCode, 400, notOpen.body);
  for (const who of [w.otherAgent.id, w.director.id]) {
    const res = await request(t.app, await as(who), 'PUT', `/api/billing/services/${w.service.id}/tariff`, body);
    assert.equal(res.statusCode, 404, `${who}: ${res.body}`);
  }
  const list = await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/tariffs`);
  assert.equal(list.statusCode, 200, list.body);
  assert.deepEqual(
    list.json().map((s: { label: string; tariff: { walkInSurchargeCents: number } }) => [s.label, s.tariff.walkInSurchargeCents]),
    [['Cantine des Tilleuls', 100]],
  );
});

test('a justified absence: recorded by the agent for a booked day only', async () => {
  const agent = await as(w.agent.id);
  const url = `/api/billing/services/${w.service.id}/justifications`;
  const ok = await request(t.app, agent, 'POST', url, { studentId: w.ce1a.id, day: '2027-01-07', reason: 'Certificat médical' });
  assert.equal(ok.statusCode, 201, ok.body);
  const notBooked = await request(t.app, agent, 'POST', url, { studentId: w.ce1a.id, day: '2027-01-06', reason: 'Certificat' });
  assert.equal(notBooked.statusCode, 400, notBooked.body);
  const other = await request(t.app, await as(w.otherAgent.id), 'POST', url, { studentId: w.ce1a.id, day: '2027-01-05', reason: 'x' });
  assert.equal(other.statusCode, 404, other.body);
  const rows = await t.app.db.selectFrom('billingJustifications').select('day').execute();
  assert.deepEqual(
    rows.map((r) => r.day),
    ['2027-01-07'],
    'only the agent’s justification is stored',
  );
});

test('a month not over, a bad month, another town and a teacher cannot run; nothing is stored', async () => {
  const agent = await as(w.agent.id);
  const url = `/api/billing/municipalities/${w.town.id}/runs`;
  const current = await request(t.app, agent, 'POST', url, { month: '2027-02' });
  assert.equal(current.statusCode, 400, current.body);
  assert.equal(current.json().error.code, 'billing.month_not_over');
  assert.equal((await request(t.app, agent, 'POST', url, { month: '2027-13' })).statusCode, 400);
  for (const who of [w.otherAgent.id, w.ce1Teacher.id, w.director.id, w.ce1aParent.id]) {
    const res = await request(t.app, await as(who), 'POST', url, { month: '2027-01' });
    assert.equal(res.statusCode, 404, `${who}: ${res.body}`);
  }
  assert.equal(await invoiceCount(), 0, 'no invoice');
  assert.equal((await t.app.db.selectFrom('billingRuns').selectAll().execute()).length, 0, 'no run');
});

test('the month’s run: one invoice per family, the rules applied, gapless numbers; running it again changes nothing', async () => {
  const agent = await as(w.agent.id);
  const url = `/api/billing/municipalities/${w.town.id}/runs`;
  const res = await request(t.app, agent, 'POST', url, { month: '2027-01' });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(res.json(), { month: '2027-01', created: true, invoiceCount: 2, firstNumber: '2027-000001', lastNumber: '2027-000002' });

  const list = (await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/invoices?month=2027-01`)).json() as {
    id: string;
    number: string;
    payerId: string;
    totalCents: number;
  }[];
  const marc = list.find((i) => i.payerId === w.ce1aParent.id);
  const ines = list.find((i) => i.payerId === w.ce1bParent.id);
  assert.ok(marc && ines, `one invoice each for Marc and Inès: ${JSON.stringify(list)}`);
  assert.deepEqual(
    list.map((i) => i.number),
    ['2027-000001', '2027-000002'],
  );
  const detail = (await request(t.app, agent, 'GET', `/api/billing/invoices/${marc.id}`)).json() as {
    totalCents: number;
    lines: { child: string; day: string; kind: string; unitCents: number; surchargeCents: number; amountCents: number }[];
  };
  assert.deepEqual(
    detail.lines.map((l) => [l.child, l.day, l.kind, l.unitCents, l.surchargeCents]),
    [
      ['Léa Élève', '2027-01-04', 'booked', 450, 0],
      ['Léa Élève', '2027-01-05', 'booked', 450, 0],
      ['Léa Élève', '2027-01-08', 'booked', 120, 0],
      ['Léa Élève', '2027-01-11', 'walkIn', 120, 100],
      ['Zoé Grande', '2027-01-12', 'booked', 120, 0],
    ],
    'present, absent unjustified and unmarked are billed; the justified day and the cancelled day are not; the bracket changes on the validation day',
  );
  assert.equal(detail.totalCents, 450 + 450 + 120 + 220 + 120);
  assert.equal(ines.totalCents, 450, 'the strike day is not billed; without a quotient, the highest bracket');

  const before = await t.app.db.selectFrom('billingInvoices').selectAll().orderBy('number').execute();
  const again = await request(t.app, agent, 'POST', url, { month: '2027-01' });
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().created, false);
  assert.deepEqual(await t.app.db.selectFrom('billingInvoices').selectAll().orderBy('number').execute(), before, 'the invoices are as they were');
  assert.equal(
    (await t.app.db.selectFrom('billingSequences').select('lastNumber').where('municipalityId', '=', w.town.id).executeTakeFirstOrThrow()).lastNumber,
    2,
    'no number was taken',
  );
  // The other town's run numbers from 1 in its own sequence.
  const other = await request(t.app, await as(w.otherAgent.id), 'POST', `/api/billing/municipalities/${w.otherTown.id}/runs`, { month: '2027-01' });
  assert.equal(other.json().firstNumber, '2027-000001', other.body);
});

test('a family sees its own invoices and balance only; a teacher, a pupil and another parent see none', async () => {
  const marc = await as(w.ce1aParent.id);
  const account = (await request(t.app, marc, 'GET', '/api/billing/account')).json() as {
    invoices: { id: string; payerId: string }[];
    balances: { balanceCents: number }[];
  };
  assert.equal(account.invoices.length, 1, JSON.stringify(account));
  assert.equal(account.balances[0]?.balanceCents, 1360);
  const id = account.invoices[0]!.id;
  for (const who of [w.ce1bParent.id, w.cm2Parent.id, w.ce1Teacher.id, w.ce1a.id, w.director.id, w.otherAgent.id]) {
    const res = await request(t.app, await as(who), 'GET', `/api/billing/invoices/${id}`);
    assert.equal(res.statusCode, 404, `${who}: ${res.statusCode}`);
    assert.doesNotMatch(res.body, /Léa|2027-000001/, 'nothing of the invoice in the body');
  }
  for (const who of [w.ce1Teacher.id, w.ce1a.id, w.director.id]) {
    assert.equal((await request(t.app, await as(who), 'GET', '/api/billing/account')).statusCode, 403, who);
  }
  const ines = (await request(t.app, await as(w.ce1bParent.id), 'GET', '/api/billing/account')).json() as { invoices: { payerId: string }[] };
  assert.deepEqual([...new Set(ines.invoices.map((i) => i.payerId))], [w.ce1bParent.id]);
});

test('a credit note corrects an invoice without editing it, within what is left; payments bring the balance down', async () => {
  const agent = await as(w.agent.id);
  const invoice = (await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/invoices`))
    .json()
    .find((i: { payerId: string }) => i.payerId === w.ce1aParent.id);
  const credit = await request(t.app, agent, 'POST', `/api/billing/invoices/${invoice.id}/credit-notes`, { amountCents: 220, reason: 'Repas du 11 non dû' });
  assert.equal(credit.statusCode, 201, credit.body);
  assert.equal(credit.json().number, 'AV-2027-000001');
  const tooMuch = await request(t.app, agent, 'POST', `/api/billing/invoices/${invoice.id}/credit-notes`, { amountCents: 1141, reason: 'Trop' });
  assert.equal(tooMuch.statusCode, 400, tooMuch.body);
  assert.equal(tooMuch.json().error.code, 'billing.credit_exceeds_invoice');
  const wrong = await request(t.app, await as(w.otherAgent.id), 'POST', `/api/billing/invoices/${invoice.id}/credit-notes`, { amountCents: 1, reason: 'x' });
  assert.equal(wrong.statusCode, 404, wrong.body);
  const parent = await request(t.app, await as(w.ce1aParent.id), 'POST', `/api/billing/invoices/${invoice.id}/credit-notes`, { amountCents: 1, reason: 'x' });
  assert.equal(parent.statusCode, 404, parent.body);
  const after = (await request(t.app, agent, 'GET', `/api/billing/invoices/${invoice.id}`)).json();
  assert.equal(after.totalCents, 1360, 'the invoice is unchanged');
  assert.equal(after.creditedCents, 220);

  const url = `/api/billing/municipalities/${w.town.id}/payments`;
  const noCheque = await request(t.app, agent, 'POST', url, { payerId: w.ce1aParent.id, amountCents: 1000, method: 'cheque' });
  assert.equal(noCheque.statusCode, 400, noCheque.body);
  const stranger = await request(t.app, agent, 'POST', url, { payerId: w.otherParent.id, amountCents: 1000, method: 'cash' });
  assert.equal(stranger.statusCode, 400, 'a family the town has not invoiced');
  const paid = await request(t.app, agent, 'POST', url, {
    payerId: w.ce1aParent.id,
    amountCents: 1000,
    method: 'cheque',
    reference: '0001234',
    invoiceId: invoice.id,
  });
  assert.equal(paid.statusCode, 201, paid.body);
  assert.equal(paid.json().balance.balanceCents, 1360 - 220 - 1000);
  const byOther = await request(t.app, await as(w.otherAgent.id), 'POST', url, { payerId: w.ce1aParent.id, amountCents: 1, method: 'cash' });
  assert.equal(byOther.statusCode, 404, byOther.body);
  const balance = await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/families/${w.ce1aParent.id}/balance`);
  assert.equal(balance.json().balanceCents, 140, balance.body);
});

test('the accountant’s export: UTF-8 with a BOM, `;` between cells, invoices, credit notes and payments of the period', async () => {
  const agent = await as(w.agent.id);
  const res = await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/export.csv?from=2027-02-01&to=2027-02-28`);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.ok(res.body.startsWith('\uFEFF'), 'a byte-order mark');
  const rows = res.body
    .slice(1)
    .trim()
    .split('\r\n')
    .map((r) => r.split(';'));
  assert.deepEqual(rows[0], [
    'type',
    'numero',
    'date',
    'famille',
    'identifiant_famille',
    'montant',
    'mode_paiement',
    'reference',
    'facture_liee',
    'periode',
    'motif',
  ]);
  const body = rows.slice(1);
  assert.deepEqual(
    body.map((r) => r[0]),
    ['facture', 'facture', 'avoir', 'paiement'],
    'invoices, then the credit note and the payment, by date',
  );
  const invoiceRows = body.filter((r) => r[0] === 'facture');
  assert.deepEqual(
    invoiceRows.map((r) => r[1]),
    ['2027-000001', '2027-000002'],
  );
  assert.deepEqual(invoiceRows.map((r) => [r[3], r[5], r[9]]).sort(), [
    ['Inès Écolier', '4,50', '2027-01'],
    ['Marc Élève', '13,60', '2027-01'],
  ]);
  assert.deepEqual(
    body.slice(2).map((r) => [r[0], r[3], r[5], r[6], r[7]]),
    [
      ['avoir', 'Marc Élève', '2,20', '', ''],
      ['paiement', 'Marc Élève', '10,00', 'cheque', '0001234'],
    ],
  );
  assert.equal(body[2]![1], 'AV-2027-000001');
  const wrong = await request(t.app, await as(w.otherAgent.id), 'GET', `/api/billing/municipalities/${w.town.id}/export.csv?from=2027-02-01&to=2027-02-28`);
  assert.equal(wrong.statusCode, 404);
  assert.doesNotMatch(wrong.body, /Marc/);
});

test('a family declares its quotient with a proof; a parent without a child there is refused before any file is kept; the agent validates once', async () => {
  const marc = await as(w.ce1aParent.id);
  const body = (csrf: string) =>
    multipart({ _csrf: csrf, quotient: '750' }, [{ field: 'proof', name: 'attestation-caf.pdf', type: 'application/pdf', content: '%PDF-1.4 attestation' }]);
  const blobsBefore = (await t.app.db.selectFrom('billingQuotients').select('blobKey').execute()).length;
  const other = await as(w.otherParent.id);
  const refused = await request(t.app, other, 'POST', `/api/billing/municipalities/${w.town.id}/quotients`, body(other.csrf).payload, {
    headers: body(other.csrf).headers,
  });
  assert.equal(refused.statusCode, 403, refused.body);
  assert.equal((await t.app.db.selectFrom('billingQuotients').select('blobKey').execute()).length, blobsBefore, 'nothing stored');
  const sent = await request(t.app, marc, 'POST', `/api/billing/municipalities/${w.town.id}/quotients`, body(marc.csrf).payload, {
    headers: body(marc.csrf).headers,
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const noProof = multipart({ quotient: '750' }, []);
  const missing = await request(t.app, marc, 'POST', `/api/billing/municipalities/${w.town.id}/quotients`, noProof.payload, { headers: noProof.headers });
  assert.equal(missing.statusCode, 400, missing.body);

  const agent = await as(w.agent.id);
  const pending = (await request(t.app, agent, 'GET', `/api/billing/municipalities/${w.town.id}/quotients`)).json() as {
    id: string;
    family: string;
    quotient: number;
  }[];
  assert.deepEqual(
    pending.map((p) => [p.family, p.quotient]),
    [['Marc Élève', 750]],
  );
  const proof = await request(t.app, agent, 'GET', `/api/billing/quotients/${pending[0]!.id}/proof`);
  assert.equal(proof.statusCode, 200);
  assert.equal(proof.body, '%PDF-1.4 attestation');
  const wrongProof = await request(t.app, await as(w.ce1bParent.id), 'GET', `/api/billing/quotients/${pending[0]!.id}/proof`);
  assert.equal(wrongProof.statusCode, 404);
  const byOther = await request(t.app, await as(w.otherAgent.id), 'POST', `/api/billing/quotients/${pending[0]!.id}/review`, { decision: 'validate' });
  assert.equal(byOther.statusCode, 404);
  const ok = await request(t.app, agent, 'POST', `/api/billing/quotients/${pending[0]!.id}/review`, { decision: 'validate' });
  assert.deepEqual(ok.json(), { id: pending[0]!.id, status: 'validated', validFrom: '2027-02-03' });
  const twice = await request(t.app, agent, 'POST', `/api/billing/quotients/${pending[0]!.id}/review`, { decision: 'refuse' });
  assert.equal(twice.statusCode, 409);
  const mine = (await request(t.app, marc, 'GET', `/api/billing/municipalities/${w.town.id}/quotients/mine`)).json() as { quotient: number; status: string }[];
  assert.deepEqual(
    mine.map((q) => [q.quotient, q.status]),
    [
      [750, 'validated'],
      [500, 'validated'],
    ],
  );
});
