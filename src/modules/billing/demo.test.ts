import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { loadDemo } from '../../demo.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock('2026-12-04T09:00:00Z') });
});
after(() => t.close());

test('the demo town has invoiced November: one invoice per family, numbered from 1, seen on the desk and by a family', async () => {
  await loadDemo(t.app);
  const invoices = await t.app.db
    .selectFrom('billingInvoices')
    .select(['number', 'sequence', 'payerId', 'totalCents', 'month', 'municipalityId'])
    .orderBy('sequence')
    .execute();
  assert.ok(invoices.length > 10, `${invoices.length} invoices`);
  assert.deepEqual(
    invoices.map((i) => i.sequence),
    invoices.map((_, i) => i + 1),
    'gapless numbers',
  );
  assert.ok(
    invoices.every((i) => i.month === '2026-11' && i.totalCents > 0),
    'November, with amounts',
  );
  const agent = await t.app.db.selectFrom('people').select('id').where('login', '=', 'nadia.regie.mairie').executeTakeFirstOrThrow();
  const desk = await request(t.app, await loginAs(t.app, agent.id), 'GET', `/billing/manage/${invoices[0]!.municipalityId}?month=2026-11`);
  assert.equal(desk.statusCode, 200);
  assert.match(desk.body, /2026-000001/);
  // Demo accounts accept the usage charter at their first sign-in.
  await t.app.db.updateTable('people').set({ charterAcceptedAt: '2026-12-01T08:00:00.000Z' }).where('id', '=', invoices[0]!.payerId).execute();
  const family = await request(t.app, await loginAs(t.app, invoices[0]!.payerId), 'GET', '/billing');
  assert.equal(family.statusCode, 200);
  assert.match(family.body, /Reste à payer/);
});
