import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { seedResourcesDemo } from './demo.js';

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
