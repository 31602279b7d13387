import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { exportOf, readZip, TEST_NOW, zipJson } from '../privacy/testing.js';
import { countPurge, runPurge } from '../privacy/service/retention.js';
import { sealSecret } from './crypto.js';
import { putPendingTotp, replaceRecoveryCodes, requiredSince, spendRecoveryCode } from './repository.js';

/** The second factor in the register, in the archive without its secrets, and purged with a departed account. */
let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const json = zipJson;

/** A confirmed factor with three recovery codes, as an enrolment leaves it. */
async function enrol(personId: string, at: string, secret: string) {
  const db = t.app.db;
  await putPendingTotp(db, personId, await sealSecret(db, secret), at);
  await db.updateTable('mfaTotp').set({ confirmedAt: at, lastTimeStep: 58_000_000 }).where('personId', '=', personId).execute();
  await replaceRecoveryCodes(db, personId, [`hash-a-${personId}`, `hash-b-${personId}`, `hash-c-${personId}`]);
  await requiredSince(db, personId, at);
}

test('the register declares the second factor', async () => {
  const res = await request(t.app, await loginAs(t.app, w.director.id), 'GET', '/api/privacy/register');
  assert.equal(res.statusCode, 200, res.body);
  const entry = (res.json() as { items: Array<{ module: string; title: string; dataKinds: string[] }> }).items.find((i) => i.module === 'mfa');
  assert.equal(entry?.title, 'Double authentification');
  assert.ok(
    entry?.dataKinds.some((k) => k.startsWith('secret')),
    `the register says a secret is kept: ${JSON.stringify(entry)}`,
  );
});

test('the archive says which factor is enrolled and when, and the codes used; never the secret, the hashes or another person’s', async () => {
  await enrol(w.director.id, '2025-01-06T08:00:00.000Z', 'JBSWY3DPEHPK3PXP');
  await enrol(w.ce1Teacher.id, '2025-02-03T08:00:00.000Z', 'KRSXG5CTMVRXEZLU');
  const [code] = await t.app.db.selectFrom('mfaRecoveryCodes').select('id').where('personId', '=', w.director.id).execute();
  await spendRecoveryCode(t.app.db, code!.id, '2025-03-01T07:00:00.000Z');

  // Signed in directly: the second step is the login flow's, not what this test looks at.
  const session = await loginAs(t.app, w.director.id);
  const zip = await readZip((await request(t.app, session, 'GET', await exportOf(t.app, session))).rawPayload);
  assert.deepEqual(json(zip, 'mfa/application-d-authentification.json'), [
    { kind: 'totp', enrolledAt: '2025-01-06T08:00:00.000Z', confirmedAt: '2025-01-06T08:00:00.000Z' },
  ]);
  assert.deepEqual(json(zip, 'mfa/codes-de-secours.json'), [{ total: 3, used: 1, usedAt: ['2025-03-01T07:00:00.000Z'] }]);
  assert.deepEqual(
    json(zip, 'mfa/delai-d-activation.json').map((r) => r.since),
    ['2025-01-06T08:00:00.000Z'],
  );
  const sealed = (await t.app.db.selectFrom('mfaTotp').select('secret').where('personId', '=', w.director.id).executeTakeFirstOrThrow()).secret;
  const all = [...zip.values()].map((v) => v.toString('utf8')).join('\n');
  for (const secret of ['JBSWY3DPEHPK3PXP', sealed, 'hash-a-', '58000000'])
    assert.ok(!all.includes(secret), `${secret.slice(0, 8)}… is nowhere in the archive`);
  const mfa = [...zip.entries()]
    .filter(([k]) => k.startsWith('mfa/'))
    .map(([, v]) => v.toString('utf8'))
    .join('\n');
  assert.ok(!mfa.includes('2025-02-03'), 'not the teacher’s factor');
});

test('the purge removes a departed person’s factor, codes and grace period, and keeps the others’', async () => {
  const db = t.app.db;
  const gone = await buildPerson(db, { profile: 'teacher', firstName: 'Hugo', lastName: 'Parti', structureId: w.schoolA.id });
  await enrol(gone.id, '2023-01-09T08:00:00.000Z', 'MFRGGZDFMZTWQ2LK');
  await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2023-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();

  const deps = { db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences };
  const dry = await countPurge(deps, new Date(TEST_NOW));
  assert.equal(dry.lines.find((l) => l.kind === 'mfa.departed')?.items, 5, 'the factor, three codes, the grace period');
  const done = await runPurge(deps, new Date(TEST_NOW), null);
  assert.equal(done.lines.find((l) => l.kind === 'mfa.departed')?.items, 5, 'what the dry run counted');

  for (const table of ['mfaTotp', 'mfaRecoveryCodes', 'mfaRequiredSince'] as const) {
    const owners = new Set((await db.selectFrom(table).select('personId').execute()).map((r) => r.personId));
    assert.ok(!owners.has(gone.id), `${table}: the departed teacher’s rows go`);
    assert.ok(owners.has(w.director.id) && owners.has(w.ce1Teacher.id), `${table}: the others’ stay`);
  }
});
