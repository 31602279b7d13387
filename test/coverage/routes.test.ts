import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/app.js';
import { buildTestApp, type TestApp } from '../../src/kernel/testing/index.js';
import { checkNoSession, coverageOf, runCase, trackReachedRoutes, type RouteCase } from '../../src/kernel/testing/coverage.js';
import { coverageWorld, type CoverageWorld } from '../../src/modules/directory/testing.js';
import { moduleCases } from './cases.js';

// Every route of the app, run against the real app: no session, the wrong person, strangers on
// public routes. A route added without its cases turns this file red.
let t: TestApp;
let reached: Map<string, string>;
let w: CoverageWorld;
let cases: RouteCase[];

before(async () => {
  t = await buildTestApp(buildApp, {}, { instrument: (app) => (reached = trackReachedRoutes(app)) });
  w = await coverageWorld(t.app);
  cases = [];
  for (const provide of moduleCases) cases.push(...(await provide(w)));
});
after(() => t.close());

test('every route is covered: no-session for every person route, wrong-person or public cases', () => {
  const { routes, missing } = coverageOf(t.app, cases);
  assert.ok(routes.length > 100, `the route table lists ${routes.length} routes`);
  assert.deepEqual(missing, [], `routes without their cases:\n${missing.join('\n')}`);
});

test('without a session, the API answers 401 and pages send to the login page', async () => {
  const count = await checkNoSession(t.app, reached);
  assert.ok(count > 100, `${count} person routes checked`);
});

test('the wrong person gets 403/404 and none of the data; strangers get what public routes give', async () => {
  for (const c of cases) await runCase(t.app, c, reached);
});
