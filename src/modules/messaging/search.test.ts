import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { person, send } from './testing.js';

let t: TestApp;
let w: World;
const as = (p: { id: string }) => loginAs(t.app, p.id);

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

test('message search folds accents, case and ligatures, in one’s own messages only', async () => {
  const teacher = await as(w.ce1Teacher);
  const sent = await send(t.app, teacher, { to: [person(w.ce1aParent)], subject: 'Sortie à la forêt', body: 'Prévoir des bottes et le cœur léger.' });
  assert.equal(sent.statusCode, 201);
  const parent = await as(w.ce1aParent);
  for (const q of ['foret', 'FORÊT', 'coeur', 'prevoir bott', 'sortie leger']) {
    const res = (await request(t.app, parent, 'GET', `/api/messaging/messages?q=${encodeURIComponent(q)}`)).json();
    assert.equal(res.total, 1, `« ${q} » finds the message`);
  }
  assert.equal((await request(t.app, teacher, 'GET', '/api/messaging/messages?folder=sent&q=foret')).json().total, 1, 'the sender’s copy too');
  const other = (await request(t.app, await as(w.ce1bParent), 'GET', '/api/messaging/messages?q=foret')).json();
  assert.equal(other.total, 0, 'another parent finds nothing of it');
});

test('recipient search folds accents: « ines » finds Inès, within the communication rules', async () => {
  const res = (await request(t.app, await as(w.ce1Teacher), 'GET', '/api/messaging/recipients?q=INES')).json();
  const ids = JSON.stringify(res);
  assert.ok(ids.includes(w.ce1bParent.id), 'Inès Écolier is proposed');
  const pupil = (await request(t.app, await as(w.ce1a), 'GET', '/api/messaging/recipients?q=ines')).json();
  assert.ok(!JSON.stringify(pupil).includes(w.ce1bParent.id), 'a pupil may not write to another pupil’s parent');
});
