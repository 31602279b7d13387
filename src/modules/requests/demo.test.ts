import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { loadDemo } from '../../demo.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp(buildApp);
});
after(() => t.close());

test('the demo town has requests in several states, a director’s request and a note to every director', async () => {
  await loadDemo(t.app);
  const rows = await t.app.db.selectFrom('requestsRequests').select(['id', 'kind', 'status', 'requesterId', 'origin']).orderBy('createdAt').execute();
  assert.deepEqual(rows.map((r) => [r.kind, r.status]).sort(), [
    ['attestation', 'submitted'],
    ['enrolment', 'waiting'],
    ['exemption', 'accepted'],
    ['works', 'inReview'],
  ]);
  const notes = await t.app.db.selectFrom('requestsNotes').select(['title', 'allSchools']).execute();
  assert.deepEqual(notes, [{ title: 'Effectifs de cantine pour janvier', allSchools: 1 }]);
  const parentId = rows.find((r) => r.origin === 'family')!.requesterId;
  const page = await request(t.app, await loginAs(t.app, parentId), 'GET', '/demarches');
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  assert.match(page.body, /En attente de votre part/);
  assert.match(page.body, /Acceptée/);
});
