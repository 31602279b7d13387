import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildPerson } from '../directory/testing.js';
import { registerChild } from '../canteen/testing.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { book, billingWorld, TEST_NOW, YEAR, type BillingWorld } from './testing.js';

/** Two runs at once (on PostgreSQL, two connections): numbers have no gap and no duplicate; the same month twice is invoiced once. */
let t: TestApp;
let w: BillingWorld;
const FAMILIES = 30;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await billingWorld(t.app);
  for (let i = 0; i < FAMILIES; i += 1) {
    const child = await buildPerson(t.app.db, { profile: 'student', firstName: `Enfant${i}`, lastName: 'Course', structureId: w.schoolA.id });
    const parent = await buildPerson(t.app.db, { profile: 'relative', firstName: `Parent${i}`, lastName: 'Course', structureId: w.schoolA.id });
    await t.app.db.insertInto('relativeLinks').values({ relativeId: parent.id, studentId: child.id, legalGuardian: 1, source: 'manual' }).execute();
    await registerChild(t.app.db, { studentId: child.id, structureId: w.schoolA.id, schoolYear: YEAR, by: parent.id });
    await book(t.app.db, w.service.id, child.id, ['2026-12-03', '2027-01-04']);
  }
});
after(() => t.close());

test('December and January run together: 2 × 30 invoices numbered 1 to 60 of 2027, none twice; the same month at once is invoiced once', async () => {
  const agent = await loginAs(t.app, w.agent.id);
  const url = `/api/billing/municipalities/${w.town.id}/runs`;
  const runs = await Promise.all([
    request(t.app, agent, 'POST', url, { month: '2026-12' }),
    request(t.app, agent, 'POST', url, { month: '2027-01' }),
    request(t.app, agent, 'POST', url, { month: '2027-01' }),
  ]);
  for (const r of runs) assert.ok([200, 201].includes(r.statusCode), r.body);
  assert.deepEqual(runs.map((r) => r.json().created).sort(), [false, true, true], 'one of the two January runs did nothing');
  const rows = await t.app.db
    .selectFrom('billingInvoices')
    .select(['number', 'sequence', 'month'])
    .where('municipalityId', '=', w.town.id)
    .orderBy('sequence')
    .execute();
  assert.equal(rows.length, 2 * FAMILIES);
  assert.deepEqual(
    rows.map((r) => r.sequence),
    Array.from({ length: 2 * FAMILIES }, (_, i) => i + 1),
    'numbers 1 to 60 without gap or duplicate',
  );
  assert.equal(new Set(rows.map((r) => r.number)).size, rows.length, 'every number once');
  const perMonth = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.month]: (acc[r.month] ?? 0) + 1 }), {});
  assert.deepEqual(perMonth, { '2026-12': FAMILIES, '2027-01': FAMILIES });
});
