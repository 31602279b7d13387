import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { personArchive, zipJson } from '../privacy/testing.js';
import { book, billingWorld, TEST_NOW, validatedQuotient, type BillingWorld } from './testing.js';

/** Billing in the register (ten years for accounting records) and in a family's archive. */
let t: TestApp;
let w: BillingWorld;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await billingWorld(t.app);
  await book(t.app.db, w.service.id, w.ce1a.id, ['2027-01-04']);
  await book(t.app.db, w.service.id, w.ce1b.id, ['2027-01-05']);
  await validatedQuotient(t.app, { relativeId: w.ce1aParent.id, municipalityId: w.town.id, quotient: 500, validFrom: '2027-01-02', by: w.agent.id });
  const run = await request(t.app, await loginAs(t.app, w.agent.id), 'POST', `/api/billing/municipalities/${w.town.id}/runs`, { month: '2027-01' });
  assert.equal(run.statusCode, 201, run.body);
});
after(() => t.close());

test('the register declares billing with the ten-year retention of accounting records', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  const entry = (res.json() as { items: Array<{ module: string; retention: string; people: string[] }> }).items.find((i) => i.module === 'billing');
  assert.ok(entry, 'billing is in the register');
  assert.match(entry.retention, /10 ans/);
  assert.ok(entry.people.includes('responsables légaux'), JSON.stringify(entry));
});

test('a parent’s archive holds their invoice, its lines and their quotient with its proof, not another family’s', async () => {
  const archive = await personArchive(t.app, w.ce1aParent.id);
  const numberOf = async (payerId: string) =>
    (await t.app.db.selectFrom('billingInvoices').select('number').where('payerId', '=', payerId).executeTakeFirstOrThrow()).number;
  assert.deepEqual(
    zipJson(archive, 'billing/factures.json').map((i) => [i.number, i.totalCents]),
    [[await numberOf(w.ce1aParent.id), 120]],
  );
  assert.deepEqual(
    zipJson(archive, 'billing/lignes.json').map((l) => [l.studentId, l.day]),
    [[w.ce1a.id, '2027-01-04']],
  );
  const quotients = zipJson(archive, 'billing/quotients.json');
  assert.deepEqual(
    quotients.map((q) => [q.quotient, q.status]),
    [[500, 'validated']],
  );
  assert.ok(!JSON.stringify(quotients).includes('blobKey'), 'no storage key');
  assert.ok(
    [...archive.keys()].some((k) => k.startsWith('billing/') && k.endsWith('attestation.pdf')),
    `the proof: ${[...archive.keys()].filter((k) => k.startsWith('billing/')).join(', ')}`,
  );
  const other = await personArchive(t.app, w.ce1bParent.id);
  assert.deepEqual(
    zipJson(other, 'billing/factures.json').map((i) => i.number),
    [await numberOf(w.ce1bParent.id)],
  );
  assert.deepEqual(zipJson(other, 'billing/quotients.json'), []);
});
