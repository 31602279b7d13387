import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preauCommand } from '../../src/kernel/testing/index.js';

/** `preau import aaf` as an administrator runs it, in a child process on a SQLite file. */
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-cli-aaf-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const fixtures = path.join(root, 'test', 'fixtures', 'aaf');

function preau(args: string[]) {
  const result = spawnSync(process.execPath, [...preauCommand(), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PREAU_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('import aaf reads a folder of several structures, a second Complet changes nothing, then a Delta', () => {
  const first = preau(['import', 'aaf', '--year', '2026-2027', path.join(fixtures, 'complet')]);
  assert.equal(first.code, 0, first.err + first.out);
  assert.match(first.out, /Import AAF terminé/);
  assert.match(first.out, /Établissements\s+2\s+0\s+0\s+0/);
  assert.match(first.out, /ENT_Complet_20260901_PersRelEleve_0001\.xml\s+iso-8859-15/);
  const pupils = Number(/Élèves\s+(\d+)\s+0\s+0\s+0/.exec(first.out)?.[1]);
  assert.ok(pupils > 0, first.out);

  const second = preau(['import', 'aaf', '--year', '2026-2027', path.join(fixtures, 'complet')]);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, new RegExp(`Élèves\\s+0\\s+0\\s+${pupils}\\s+0`));

  const delta = preau(['import', 'aaf', '--year', '2026-2027', path.join(fixtures, 'delta')]);
  assert.equal(delta.code, 0, delta.err);
  assert.match(delta.out, /import Delta/);
  assert.match(delta.out, /Élèves\s+1\s+1\s+0\s+1/);
});

test('import aaf refuses a bad year, an empty folder, and a malformed file (with file and line, exit code 2)', () => {
  assert.match(preau(['import', 'aaf', '--year', '2026', fixtures]).err, /--year/);
  const empty = fs.mkdtempSync(path.join(dataDir, 'empty-'));
  const none = preau(['import', 'aaf', '--year', '2026-2027', empty]);
  assert.equal(none.code, 1);
  assert.match(none.err, /aucun fichier \.xml/);
  const broken = preau(['import', 'aaf', '--year', '2026-2027', path.join(fixtures, 'broken')]);
  assert.equal(broken.code, 2, broken.out);
  assert.match(broken.out, /rien n’a été enregistré/);
  assert.match(broken.out, /ENT_Complet_20260901_Eleve_0001\.xml:\d+ .*XML mal formé \(ligne \d+\)/);
});
