import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  // Two blocks as a module adds them: one per person, one for teachers only (null hides it).
  t.app.homeSections.add({
    id: 'greeting',
    placement: 'top',
    order: 10,
    load: async (actor) => ({ text: `Bloc de ${actor.displayName}` }),
    render: (data) => h('p', null, data.text),
  });
  t.app.homeSections.add({
    id: 'teachers-only',
    placement: 'bottom',
    order: 10,
    load: async (actor) => (actor.profile === 'teacher' ? 'Salle des maîtres' : null),
    render: (data) => h('p', null, data),
  });
});
after(() => t.close());

test('a module’s home block shows each person their own data, and a block with nothing is left out', async () => {
  const parent = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', '/');
  assert.equal(parent.statusCode, 200);
  assert.match(parent.body, /id="home-greeting"/);
  assert.ok(!parent.body.includes('Salle des maîtres'), 'the teachers’ block is not on a parent’s page');
  const teacher = await request(t.app, await loginAs(t.app, w.ce1Teacher.id), 'GET', '/');
  assert.match(teacher.body, /Salle des maîtres/);
  assert.ok(teacher.body.indexOf('id="home-greeting"') < teacher.body.indexOf('id="home-teachers-only"'), 'top blocks come before bottom ones');
});

test('a block name is registered once', () => {
  assert.throws(() => t.app.homeSections.add({ id: 'greeting', placement: 'top', order: 1, load: async () => null, render: () => null }), /already registered/);
});
