import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { seedBudgetsDemo, seedResourcesDemo } from './demo.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

test('the demo catalogue spreads over levels and subjects, searchable; each class gets its links', async () => {
  const seeded = await seedResourcesDemo(t.app.db, t.app.clock.now());
  assert.equal(seeded.resources, 400);
  assert.equal(seeded.links, 9, 'three links for each of the three classes');
  const res = (await request(t.app, await loginAs(t.app, w.cm2Teacher.id), 'GET', '/api/resources/catalogue?limit=1')).json();
  assert.equal(res.total, 400);
  assert.ok(res.facets.level.length >= 12, `${res.facets.level.length} levels`);
  assert.ok(res.facets.subject.length >= 8, `${res.facets.subject.length} subjects`);
  const fractions = (await request(t.app, await loginAs(t.app, w.cm2Teacher.id), 'GET', '/api/resources/catalogue?q=fractions')).json();
  assert.ok(fractions.total > 0, 'a search finds demo records');
  const pupil = (await request(t.app, await loginAs(t.app, w.cm2.id), 'GET', '/api/resources/links')).json() as unknown[];
  assert.equal(pupil.length, 3, 'a pupil sees their class’s links');
});

test('the demo gives schools a budget, a basket with each kind of line, licences and a renewal due', async () => {
  await t.app.db.updateTable('people').set({ isSuperAdmin: 1 }).where('id', '=', w.admin.id).execute();
  const budgets = await seedBudgetsDemo(t.app.db, t.app.clock.now());
  assert.equal(budgets, 2, 'both schools have classes with teachers');
  const basket = (await request(t.app, await loginAs(t.app, w.director.id), 'GET', `/api/resources/schools/${w.schoolA.id}/basket`)).json() as {
    budget: { amountCents: number; validatedCents: number };
    lines: { status: string }[];
  };
  assert.ok(basket.budget.amountCents >= 50_000 && basket.budget.amountCents <= 250_000, `${basket.budget.amountCents} cents`);
  assert.ok(basket.budget.validatedCents <= basket.budget.amountCents, 'within the budget');
  assert.deepEqual([...new Set(basket.lines.map((l) => l.status))].sort(), ['proposed', 'refused', 'validated']);
  const licences = (await request(t.app, await loginAs(t.app, w.director.id), 'GET', `/api/resources/schools/${w.schoolA.id}/licences`)).json() as {
    renewalDue: boolean;
  }[];
  assert.ok(
    licences.some((l) => l.renewalDue),
    'a renewal to plan',
  );
  assert.ok(
    licences.some((l) => !l.renewalDue),
    'a four-year licence',
  );
});
