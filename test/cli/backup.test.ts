import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { loginAs, preauCommand } from '../../src/kernel/testing/index.js';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { buildNode } from '../../src/modules/documents/testing.js';

/** `preau backup` while the server writes, then `preau restore` into another folder, as an administrator runs them. */
const root = path.resolve(import.meta.dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-cli-backup-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const env = (dataDir: string) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PREAU_LOG_LEVEL: 'silent' });
const bin = preauCommand();

function preau(args: string[], dataDir: string) {
  const result = spawnSync(process.execPath, [...bin, ...args], { cwd: root, env: env(dataDir), encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function preauLater(args: string[], dataDir: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...bin, ...args], { cwd: root, env: env(dataDir) });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

async function start(dataDir: string): Promise<FastifyInstance> {
  const app = await buildApp(loadConfig({}, { logLevel: 'silent', dataDir, rateLimitPerMinute: 0 }), { logger: false });
  await app.ready();
  return app;
}

test('a backup taken while the server writes restores into a working Préau: the same people, the same files, nothing half-written', async () => {
  const live = path.join(work, 'live');
  const backups = path.join(work, 'backups');
  const app = await start(live);
  let stopWriting = false;
  let writes = 0;
  let teacherId = '';
  let fileId = '';
  try {
    const school = await buildSchool(app.db, { name: 'École des Tilleuls' });
    const teacher = await buildPerson(app.db, { profile: 'teacher', firstName: 'Inès', lastName: 'Roux', structureId: school.id });
    teacherId = teacher.id;
    fileId = (await buildNode(app, { ownerId: teacher.id, name: 'progression-ce1.txt', content: 'Période 1 : les nombres jusqu’à 100.' })).id;
    for (let i = 0; i < 5; i++) await buildNode(app, { ownerId: teacher.id, name: `fiche-${i}.txt`, content: `Fiche ${i}` });

    // Writes go on, through the server's own connection, for as long as the backup runs.
    const writing = (async () => {
      while (!stopWriting) {
        await buildPerson(app.db, { profile: 'student', firstName: `Élève${writes}`, lastName: 'Martin', structureId: school.id });
        writes++;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const first = await preauLater(['backup', backups], live);
    stopWriting = true;
    await writing;
    assert.equal(first.code, 0, first.err + first.out);
    assert.match(first.out, /Sauvegarde écrite : .*preau-\d{8}-\d{6}/);
    assert.ok(writes > 0, 'the server wrote during the backup');
  } finally {
    stopWriting = true;
    await app.close();
  }

  const [folder] = fs.readdirSync(backups).filter((n) => /^preau-\d{8}-\d{6}$/.test(n));
  assert.ok(folder, `one backup folder: ${fs.readdirSync(backups).join(', ')}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(backups, folder, 'backup.json'), 'utf8')) as { blobs: number; lastMigration: string };
  assert.equal(manifest.blobs, 6);
  assert.match(manifest.lastMigration, /^\d{8}-\d{4}-/);

  // A second backup a second later links the unchanged files instead of copying them.
  await new Promise((r) => setTimeout(r, 1100));
  const second = preau(['backup', backups], live);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /dont 6 déjà dans la sauvegarde précédente/);
  const folders = fs
    .readdirSync(backups)
    .filter((n) => /^preau-\d{8}-\d{6}$/.test(n))
    .sort();
  assert.equal(folders.length, 2);
  const blobFile = (f: string) => {
    const dir = path.join(backups, f, 'blobs');
    const entry = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).find((e) => e.isFile())!;
    return path.join(entry.parentPath, entry.name).replace(path.join(backups, f), '');
  };
  const relative = blobFile(folders[0]!);
  assert.equal(fs.statSync(path.join(backups, folders[0]!, relative)).ino, fs.statSync(path.join(backups, folders[1]!, relative)).ino, 'the same file on disk');

  // Restore into another data folder, then serve from it.
  const restored = path.join(work, 'restored');
  fs.mkdirSync(restored);
  fs.writeFileSync(path.join(restored, 'preau.db'), 'an older database');
  const back = preau(['restore', path.join(backups, folder)], restored);
  assert.equal(back.code, 0, back.err);
  assert.match(back.out, /ancien contenu mis de côté : .*preau\.db\.before-restore-/);
  assert.equal(
    fs.readFileSync(
      path.join(
        restored,
        fs.readdirSync(restored).find((n) => n.startsWith('preau.db.before-restore-'))!,
      ),
      'utf8',
    ),
    'an older database',
  );
  const again = await start(restored);
  try {
    const students = await again.db.selectFrom('people').select('id').where('profile', '=', 'student').execute();
    assert.ok(students.length > 0 && students.length <= writes, `the pupils written before the snapshot: ${students.length} of ${writes}`);
    const session = await loginAs(again, teacherId);
    const download = await again.inject({ method: 'GET', url: `/api/documents/nodes/${fileId}/content`, headers: { cookie: session.cookie } });
    assert.equal(download.statusCode, 200);
    assert.equal(download.body, 'Période 1 : les nombres jusqu’à 100.');
  } finally {
    await again.close();
  }
});

test('restore refuses a folder that is not a whole backup, and a data folder whose server is running', async () => {
  const notBackup = path.join(work, 'not-a-backup');
  fs.mkdirSync(notBackup);
  const refused = preau(['restore', notBackup], path.join(work, 'elsewhere'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /pas une sauvegarde complète/);

  const live = path.join(work, 'running');
  const backups = path.join(work, 'backups-2');
  const app = await start(live);
  try {
    await buildSchool(app.db, { name: 'École du Port' });
    assert.equal(preau(['backup', backups], live).code, 0);
    const [folder] = fs.readdirSync(backups);
    const busy = preau(['restore', path.join(backups, folder!)], live);
    assert.equal(busy.code, 1);
    assert.match(busy.err, /arrêtez Préau avant de restaurer/);
  } finally {
    await app.close();
  }
  assert.equal(preau(['backup'], live).code, 1);
});
