import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { moduleText as sharedModuleText, personArchive, zipJson } from '../privacy/testing.js';
import { fileRequest, postForm, requestsWorld, TEST_NOW, type RequestsWorld } from './testing.js';

/** Requests in the register and in the archives: each family its own requests and documents, the agent what they wrote. */
let t: TestApp;
let w: RequestsWorld;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await requestsWorld(t.app);
});
after(() => t.close());

const moduleText = (zip: Map<string, Buffer>) => sharedModuleText(zip, 'requests');

test('the register declares the requests to the municipality', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; people: string[] }> }).items.find((i) => i.module === 'requests');
  assert.equal(entry?.title, 'Démarches auprès de la mairie');
  assert.ok(entry?.people.includes('responsables légaux'), `guardians are concerned: ${JSON.stringify(entry)}`);
});

test('each family’s archive holds its requests, messages and documents, not the other family’s; the agent’s holds what they wrote', async () => {
  const a = await loginAs(t.app, w.ce1aParent.id);
  const b = await loginAs(t.app, w.ce1bParent.id);
  const mine = await fileRequest(t.app, a, { childId: w.ce1a.id, kind: 'enrolment', details: 'Garde alternée chez Marc.' });
  const theirs = await fileRequest(t.app, b, { childId: w.ce1b.id, kind: 'exemption', reason: 'Nounou près de l’école du Port.' }, []);
  const agent = await loginAs(t.app, w.agent.id);
  assert.equal((await postForm(t.app, agent, `/demarches/${mine}/messages`, { body: 'Dossier complet, merci.' })).statusCode, 303);
  assert.equal((await postForm(t.app, agent, `/demarches/${mine}/status`, { status: 'accepted' })).statusCode, 303);

  const family = await personArchive(t.app, w.ce1aParent.id);
  assert.deepEqual(
    zipJson(family, 'requests/demandes.json').map((r) => [r.id, r.kind, r.details]),
    [[mine, 'enrolment', 'Garde alternée chez Marc.']],
  );
  assert.deepEqual(
    zipJson(family, 'requests/suivi.json').map((r) => r.status),
    ['submitted', 'accepted'],
  );
  assert.deepEqual(
    zipJson(family, 'requests/messages.json').map((m) => m.body),
    ['Dossier complet, merci.'],
    'the agent’s message to the family',
  );
  assert.deepEqual(
    zipJson(family, 'requests/pieces.json')
      .map((f) => f.fileName)
      .sort(),
    ['domicile.pdf', 'livret.pdf', 'vaccins.pdf'],
  );
  assert.ok(
    [...family.keys()].some((k) => k.startsWith('requests/fichiers/') && k.endsWith('vaccins.pdf')),
    `the documents themselves: ${[...family.keys()].filter((k) => k.startsWith('requests/')).join(', ')}`,
  );
  const text = moduleText(family);
  assert.ok(!text.includes(theirs) && !text.includes('Nounou'), 'nothing of the other family');

  const agentArchive = await personArchive(t.app, w.agent.id);
  assert.deepEqual(
    zipJson(agentArchive, 'requests/messages.json').map((m) => m.body),
    ['Dossier complet, merci.'],
  );
  assert.deepEqual(zipJson(agentArchive, 'requests/demandes.json'), [], 'the families’ requests are theirs');
  assert.ok(!moduleText(agentArchive).includes('Nounou'), 'not a request they did not touch');
});

test('the daily sweep keeps the requests’ documents and answers', async () => {
  const { sweepBlobs } = await import('../../kernel/storage/sweep.js');
  const keys = (await t.app.db.selectFrom('requestsFiles').select('blobKey').execute()).map((f) => f.blobKey);
  assert.ok(keys.length >= 3, `documents were stored: ${keys.length}`);
  const orphan = await t.app.blobs.put((await import('node:stream')).Readable.from([Buffer.from('%PDF-1.4\n%%EOF\n')]), { maxBytes: 1024 });
  await sweepBlobs(t.app.blobs, t.app.db, t.app.blobReferences, new Date(Date.now() + 86_400_000), 0); // blobs are dated by the disk, not the app's clock
  for (const key of keys) assert.notEqual(await t.app.blobs.size(key), null, `${key} is kept`);
  assert.equal(await t.app.blobs.size(orphan.key), null, 'a file no request holds is swept');
});
