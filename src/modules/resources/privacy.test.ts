import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { liaisonWorld, TEST_NOW } from '../liaison/testing.js';
import { personArchive, zipJson } from '../privacy/testing.js';
import { addLink } from './testing.js';

/** Resources in the register and in the archives: a teacher's links and where they are shared, never a colleague's. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await liaisonWorld(t.app);
});
after(() => t.close());

test('a teacher’s archive holds her links and the classes they are shared with, not her colleague’s', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  const entry = (res.json() as { items: Array<{ module: string; title: string }> }).items.find((i) => i.module === 'resources');
  assert.equal(entry?.title, 'Ressources', 'declared in the register');
  const mine = await addLink(t.app, await loginAs(t.app, w.ce1Teacher.id), {
    title: 'Lectures du soir',
    url: 'https://example.org/lectures',
    groupIds: [w.ce1.id],
  });
  await addLink(t.app, await loginAs(t.app, w.cm2Teacher.id), { title: 'Tables de multiplication', url: 'https://example.org/tables' });
  const archive = await personArchive(t.app, w.ce1Teacher.id);
  assert.deepEqual(
    zipJson(archive, 'resources/liens.json').map((l) => [l.id, l.title]),
    [[mine, 'Lectures du soir']],
    'her link only',
  );
  assert.deepEqual(
    zipJson(archive, 'resources/liens-partages.json').map((s) => [s.linkId, s.groupId]),
    [[mine, w.ce1.id]],
    'shared with her class',
  );
});
