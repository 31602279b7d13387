import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { newId } from '../../kernel/db/index.js';
import type { Config } from '../../kernel/config/index.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { buildNode } from '../documents/testing.js';
import { buildSentMessage } from '../messaging/testing.js';
import { countPurge, runPurge } from './service/retention.js';
import type { Deps } from './service/deps.js';

/**
 * The retention purge on a real database (SQLite, or PostgreSQL when configured) and on a real
 * S3 server for files: it removes what the schedule says and nothing else.
 */
const NOW = '2027-03-15T10:00:00Z';
let s3server: { run(): Promise<{ port: number }>; close(): Promise<void> } | null = null;
const s3dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-retention-s3-'));
const apps: TestApp[] = [];

before(async () => {
  const moduleName = 's3rver';
  const { default: S3rver } = (await import(moduleName)) as { default: new (options: object) => NonNullable<typeof s3server> };
  s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3dir, configureBuckets: [{ name: 'preau' }] });
});
after(async () => {
  for (const t of apps) await t.close();
  await s3server?.close();
  fs.rmSync(s3dir, { recursive: true, force: true });
});

async function storageFor(kind: 'disk' | 's3'): Promise<Partial<Config>> {
  if (kind === 'disk') return {};
  const { port } = await s3server!.run();
  const storage = {
    kind: 's3',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: 'preau',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  } as Config['storage'];
  return { storage };
}

const depsOf = (t: TestApp): Deps => ({ db: t.app.db, clock: t.app.clock, blobs: t.app.blobs, registry: t.app.privacy, references: t.app.blobReferences });

const message = (t: TestApp, w: World, from: string, to: string[], subject: string, sentAt: string) =>
  buildSentMessage(t.app.db, { from, to, structureId: w.schoolA.id, subject, sentAt });

const exists = async (t: TestApp, key: string) => (await t.app.blobs.size(key)) !== null;

for (const kind of ['disk', 's3'] as const) {
  test(`${kind}: the purge removes what the schedule says and nothing else; shared content survives its author`, async () => {
    const t = await buildTestApp(buildApp, await storageFor(kind), { clock: new TestClock(NOW) });
    apps.push(t);
    const w = await buildWorld(t.app.db);
    const db = t.app.db;
    // Left in June 2025: a year has passed since the end of that school year (1 September 2025).
    const gone = await buildPerson(db, { profile: 'student', firstName: 'Hugo', lastName: 'Parti', structureId: w.schoolA.id });
    await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2025-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();
    // Left in June 2026: kept until September 2027.
    const recent = await buildPerson(db, { profile: 'student', firstName: 'Rose', lastName: 'Récente', structureId: w.schoolA.id });
    await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2026-06-30T12:00:00Z' }).where('id', '=', recent.id).execute();

    const oldMessage = await message(t, w, w.ce1Teacher.id, [w.ce1a.id], 'Sortie de 2023', '2023-05-10T08:00:00Z');
    const newMessage = await message(t, w, w.ce1Teacher.id, [w.ce1a.id], 'Sortie de 2026', '2026-05-10T08:00:00Z');
    const fromGone = await message(t, w, gone.id, [w.ce1a.id], 'Merci maîtresse', '2025-05-10T08:00:00Z');
    const toGone = await message(t, w, w.ce1Teacher.id, [gone.id, w.ce1b.id], 'Rappel', '2025-05-11T08:00:00Z');

    const own = await buildNode(t.app, { ownerId: gone.id, name: 'brouillon.txt', content: 'Mon brouillon à moi.' });
    const shared = await buildNode(t.app, { ownerId: gone.id, name: 'expose.txt', content: 'Exposé partagé avec la classe.' });
    await db
      .insertInto('documentShares')
      .values({ id: newId(), nodeId: shared.id, granteeKind: 'group', granteeId: w.ce1.id, canEdit: 0, createdBy: gone.id, createdAt: NOW })
      .execute();
    const pupilFile = await buildNode(t.app, { ownerId: w.ce1a.id, name: 'dessin.txt', content: 'Le dessin de Léa.' });
    const recentFile = await buildNode(t.app, { ownerId: recent.id, name: 'rose.txt', content: 'Le fichier de Rose.' });

    const deps = depsOf(t);
    const dry = await countPurge(deps, new Date(NOW));
    const line = (k: string) => dry.lines.find((l) => l.kind === k);
    assert.equal(line('directory.departed')?.items, 1, 'one account would go');
    assert.equal(line('messaging.messages')?.items, 1, 'one old message would go');
    assert.equal(line('documents.departed')?.items, 1, 'one document would go');
    assert.equal(line('documents.departed')?.bytes, Buffer.byteLength('Mon brouillon à moi.'), 'its bytes are counted');
    assert.equal(
      await db
        .selectFrom('people')
        .select('erasedAt')
        .where('id', '=', gone.id)
        .executeTakeFirstOrThrow()
        .then((p) => p.erasedAt),
      null,
    );

    const done = await runPurge(deps, new Date(NOW), null);
    assert.deepEqual(
      done.lines.map((l) => [l.kind, l.items, l.bytes]),
      dry.lines.map((l) => [l.kind, l.items, l.bytes]),
      'the purge removes exactly what the dry run counted',
    );

    const erased = await db.selectFrom('people').selectAll().where('id', '=', gone.id).executeTakeFirstOrThrow();
    assert.equal(`${erased.firstName} ${erased.lastName}`, 'Compte supprimé');
    assert.ok(erased.erasedAt && erased.email === null && erased.birthDate === null && !erased.login.includes('hugo'), 'identity erased');
    const recentRow = await db.selectFrom('people').select(['firstName', 'erasedAt']).where('id', '=', recent.id).executeTakeFirstOrThrow();
    assert.deepEqual(recentRow, { firstName: 'Rose', erasedAt: null }, 'a recent departure is kept');
    assert.equal(
      (await db.selectFrom('groupMembers').select('groupId').where('personId', '=', w.ce1a.id).execute()).length,
      1,
      'the enrolled pupil keeps her class',
    );

    const messageIds = (await db.selectFrom('messages').select('id').execute()).map((m) => m.id);
    assert.ok(!messageIds.includes(oldMessage), 'the old message is gone');
    assert.ok(messageIds.includes(newMessage) && messageIds.includes(fromGone) && messageIds.includes(toGone), 'newer messages stay');
    const lea = await loginAs(t.app, w.ce1a.id, w.schoolA.id);
    const inbox = await request(t.app, lea, 'GET', `/api/messaging/messages/${fromGone}`);
    assert.equal(inbox.statusCode, 200, `the recipient still reads it: ${inbox.body}`);
    assert.ok(inbox.body.includes('Compte supprimé') && !inbox.body.includes('Hugo'), `the sender is anonymised: ${inbox.body}`);
    const goneCopies = await db.selectFrom('messageRecipients').select('messageId').where('personId', '=', gone.id).execute();
    assert.equal(goneCopies.length, 0, 'the departed pupil’s inbox is emptied');
    const kept = await db.selectFrom('messageRecipients').select('personId').where('messageId', '=', toGone).execute();
    assert.deepEqual(
      kept.map((r) => r.personId),
      [w.ce1b.id],
      'the other recipient keeps the message',
    );

    const nodes = (await db.selectFrom('documentNodes').select('id').execute()).map((n) => n.id);
    assert.ok(!nodes.includes(own.id), 'the departed pupil’s own file is gone');
    assert.ok(nodes.includes(shared.id) && nodes.includes(pupilFile.id) && nodes.includes(recentFile.id), 'shared and others’ files stay');
    assert.equal(await exists(t, own.blobKey!), false, 'its bytes are deleted from the store');
    for (const n of [shared, pupilFile, recentFile]) assert.equal(await exists(t, n.blobKey!), true, `${n.name} is still stored`);

    const entry = await db.selectFrom('auditLog').select('details').where('action', '=', 'privacy.purge.run').executeTakeFirst();
    assert.ok(entry?.details?.includes('"items"'), 'the purge is audited');
    const again = await runPurge(deps, new Date(NOW), null);
    assert.equal(again.items, 0, 'running again removes nothing more');
  });
}

test('only the instance administrator sets the schedule; bad durations are refused with nothing saved', async () => {
  const t = await buildTestApp(buildApp, {}, { clock: new TestClock(NOW) });
  apps.push(t);
  const w = await buildWorld(t.app.db);
  const root = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true });
  const admin = await loginAs(t.app, root.id);
  const local = await loginAs(t.app, w.admin.id, w.schoolA.id);
  for (const [method, url] of [
    ['GET', '/api/privacy/retention'],
    ['PUT', '/api/privacy/retention'],
    ['POST', '/api/privacy/retention/dry-run'],
  ] as const) {
    const res = await request(t.app, local, method, url, method === 'PUT' ? { 'audit.entries': 1 } : undefined);
    assert.equal(res.statusCode, 403, `${method} ${url} for a local administrator`);
  }
  const bad = await request(t.app, admin, 'PUT', '/api/privacy/retention', { 'audit.entries': 6, 'nope.kind': 3 });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.ok(bad.body.includes('nope.kind'), `the field is named: ${bad.body}`);
  const kept = await request(t.app, admin, 'GET', '/api/privacy/retention');
  assert.equal((kept.json() as { items: Array<{ kind: string; amount: number }> }).items.find((i) => i.kind === 'audit.entries')?.amount, 12, 'nothing saved');
  const ok = await request(t.app, admin, 'PUT', '/api/privacy/retention', { 'audit.entries': 6 });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((ok.json() as { items: Array<{ kind: string; amount: number }> }).items.find((i) => i.kind === 'audit.entries')?.amount, 6);
  const page = await request(t.app, admin, 'POST', '/privacy/retention', { 'audit.entries': 'douze' });
  assert.equal(page.statusCode, 400);
  assert.ok(page.body.includes('douze') && page.body.includes('nombre entier'), 'the form comes back with what was typed and the message');
  const dry = await request(t.app, admin, 'POST', '/api/privacy/retention/dry-run');
  assert.equal(dry.statusCode, 200, dry.body);
  assert.match((dry.json() as { summary: string }).summary, /^La purge (supprimerait|ne supprimerait rien)/);
  const queued = await request(t.app, admin, 'POST', '/api/privacy/retention/purge');
  assert.equal(queued.statusCode, 202, queued.body);
  await t.app.jobs.runDue();
  const run = await t.app.db
    .selectFrom('privacyPurgeRuns')
    .select('status')
    .where('id', '=', (queued.json() as { id: string }).id)
    .executeTakeFirstOrThrow();
  assert.equal(run.status, 'done', 'the job ran the purge');
});
