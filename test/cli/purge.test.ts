import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { nowIso } from '../../src/kernel/db/index.js';
import { preauCommand, testDatabase } from '../../src/kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../../src/modules/directory/testing.js';
import { buildNode } from '../../src/modules/documents/testing.js';
import { buildSentMessage } from '../../src/modules/messaging/testing.js';

/**
 * `preau privacy purge [--dry-run]` as an administrator runs it: a child process on the test's
 * database (the SQLite file, or the PostgreSQL schema when PREAU_TEST_DATABASE_URL is set) and its
 * files, with the machine's clock. Data of 2015 is past every duration; today's is within all.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
let database: Awaited<ReturnType<typeof testDatabase>>;
let app: FastifyInstance;
let w: World;
const ids = { gone: '', recent: '', oldMessage: '', newMessage: '', draft: '' };
let draftKey = '';

function preau(args: string[]) {
  const pg = database.kind === 'postgres' ? { DATABASE_URL: process.env.PREAU_TEST_DATABASE_URL!, DATABASE_SCHEMA: database.schema! } : {};
  const result = spawnSync(process.execPath, [...preauCommand(), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: database.dataDir, PREAU_LOG_LEVEL: 'silent', ...pg },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const message = (from: string, to: string, subject: string, sentAt: string) =>
  buildSentMessage(app.db, { from, to: [to], structureId: w.schoolA.id, subject, sentAt });

const state = async () => ({
  gone: await app.db.selectFrom('people').select(['firstName', 'erasedAt']).where('id', '=', ids.gone).executeTakeFirstOrThrow(),
  recent: await app.db.selectFrom('people').select(['firstName', 'erasedAt']).where('id', '=', ids.recent).executeTakeFirstOrThrow(),
  messages: (await app.db.selectFrom('messages').select('id').execute()).map((m) => m.id).sort(),
  draft: await app.db.selectFrom('documentNodes').select('id').where('id', '=', ids.draft).executeTakeFirst(),
  draftFile: await app.blobs.size(draftKey),
});

before(async () => {
  database = await testDatabase();
  app = await buildApp(loadConfig({}, { logLevel: 'silent', dataDir: database.dataDir, rateLimitPerMinute: 0 }), { database, logger: false });
  await app.ready();
  w = await buildWorld(app.db);
  const gone = await buildPerson(app.db, { profile: 'student', firstName: 'Hugo', lastName: 'Parti', structureId: w.schoolA.id });
  const recent = await buildPerson(app.db, { profile: 'student', firstName: 'Rose', lastName: 'Récente', structureId: w.schoolA.id });
  await app.db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2015-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();
  await app.db.updateTable('people').set({ status: 'deactivated', deactivatedAt: nowIso() }).where('id', '=', recent.id).execute();
  const draft = await buildNode(app, { ownerId: gone.id, name: 'brouillon.txt', content: 'Mon brouillon à moi.' });
  Object.assign(ids, {
    gone: gone.id,
    recent: recent.id,
    draft: draft.id,
    oldMessage: await message(w.ce1Teacher.id, w.ce1a.id, 'Sortie de 2015', '2015-05-10T08:00:00Z'),
    newMessage: await message(w.ce1Teacher.id, w.ce1a.id, 'Sortie de cette année', nowIso()),
  });
  draftKey = draft.blobKey!;
});
after(async () => {
  await app.close();
  await database.close();
});

test('purge --help explains the command; a stray argument is a usage error', () => {
  const help = preau(['privacy', 'purge', '--help']);
  assert.equal(help.code, 0, help.err);
  assert.match(help.out, /^Usage : preau privacy purge \[--dry-run\]/, 'the usage comes first');
  assert.match(help.out, /--dry-run\s+compte seulement/, 'the option is explained');
  for (const args of [['--now'], ['tout']]) {
    const bad = preau(['privacy', 'purge', ...args]);
    assert.equal(bad.code, 1, `${args.join(' ')} is refused`);
    assert.equal(bad.err.trim(), 'preau: usage : preau privacy purge [--dry-run]');
  }
  assert.match(preau(['help']).out, /privacy purge \[--dry-run\]/, 'the general help lists it');
});

test('a dry run prints what the schedule would remove, kind by kind, and changes nothing', async () => {
  const before = await state();
  const run = preau(['privacy', 'purge', '--dry-run']);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Simulation de la purge \(.+\) : rien n’a été supprimé\.\n/, run.out);
  assert.match(run.out, /\n {2}Comptes des personnes parties : 1\u00a0compte\n/, run.out);
  assert.match(run.out, /\n {2}Messages anciens : 1\u00a0message\n/, run.out);
  const bytes = Buffer.byteLength('Mon brouillon à moi.');
  assert.match(run.out, new RegExp(`\\n {2}Documents des comptes effacés : 1\\u00a0document \\(${bytes}\\u00a0octets de fichiers\\)\\n`), run.out);
  assert.match(run.out, new RegExp(`\\nLa purge supprimerait .*1\\u00a0compte.* et ${bytes}\\u00a0octets de fichiers\\.\\n$`), run.out);
  assert.deepEqual(await state(), before, 'nothing removed: accounts, messages, documents and files as they were');
  const kept = await app.db.selectFrom('privacyPurgeRuns').select(['dryRun', 'status', 'requestedBy']).execute();
  assert.deepEqual(kept, [{ dryRun: 1, status: 'done', requestedBy: null }], 'the simulation is in the retention page’s list');
  const entry = await app.db.selectFrom('auditLog').select(['actorId', 'details']).where('action', '=', 'privacy.purge.simulate').executeTakeFirstOrThrow();
  assert.equal(entry.actorId, null, 'nobody signed in');
  assert.match(entry.details ?? '', /"via":"cli"/, 'audited as coming from the command line');
  assert.match(entry.details ?? '', /"directory.departed":1/, 'with the counts');
});

test('a purge removes what the schedule says, prints the same report, and a dry run after it finds nothing', async () => {
  const run = preau(['privacy', 'purge']);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Purge terminée \(.+\)\.\n/, run.out);
  assert.match(run.out, /\n {2}Comptes des personnes parties : 1\u00a0compte\n/, run.out);
  assert.match(run.out, /\nLa purge a supprimé .*1\u00a0message.* et 21\u00a0octets de fichiers\.\n$/, run.out);
  const after = await state();
  assert.ok(after.gone.erasedAt !== null && after.gone.firstName !== 'Hugo', 'the account departed in 2015 is erased');
  assert.deepEqual(after.recent, { firstName: 'Rose', erasedAt: null }, 'this year’s departure is kept');
  assert.deepEqual(after.messages, [ids.newMessage], 'the 2015 message is gone, this year’s stays');
  assert.equal(after.draft, undefined, 'the erased account’s own document is gone');
  assert.equal(after.draftFile, null, 'and its file');
  const entry = await app.db.selectFrom('auditLog').select('details').where('action', '=', 'privacy.purge.run').executeTakeFirstOrThrow();
  assert.match(entry.details ?? '', /"via":"cli"/, 'the purge is audited as coming from the command line');
  const runs = await app.db.selectFrom('privacyPurgeRuns').select('dryRun').where('dryRun', '=', 0).execute();
  assert.equal(runs.length, 1, 'the purge is in the runs list');

  const again = preau(['privacy', 'purge', '--dry-run']);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /\nLa purge ne supprimerait rien\.\n$/, again.out);
});
