import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preauCommand } from '../../src/kernel/testing/index.js';

/** The `preau` command as an administrator runs it, in a child process on a SQLite file. */
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-cli-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// bin/preau.mjs itself for the first test, the compiled entry for the others (see preauCommand).
const bin = [path.join(root, 'bin', 'preau.mjs')];

function preau(args: string[], env: Record<string, string> = {}, command = preauCommand()) {
  const result = spawnSync(process.execPath, [...command, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PREAU_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('a bad configuration value stops with one clear line', () => {
  const run = preau(['migrate'], { PORT: 'abc' }, bin);
  assert.equal(run.code, 1);
  assert.equal(run.err.trim(), 'preau: PORT must be a whole number, got "abc"');
});

test('import onde reads a folder, prints the report, and a second run changes nothing', () => {
  const folder = path.join(root, 'test', 'fixtures', 'onde', 'latin1');
  const first = preau(['import', 'onde', '--uai', '0610001A', '--year', '2026-2027', '--name', 'École du Centre', folder]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /Établissement 0610001A créé/);
  assert.match(first.out, /Élèves\s+12\s+0\s+0\s+0/);
  const second = preau(['import', 'onde', '--uai', '0610001a', '--year', '2026-2027', folder]);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /Élèves\s+0\s+0\s+12\s+0/);
});

test('import onde refuses a bad UAI, a bad year and a broken folder', () => {
  assert.equal(preau(['import', 'onde', '--uai', '12', 'x']).code, 1);
  assert.match(preau(['import', 'onde', '--uai', '0610001A', '--year', '2026', 'x']).err, /--year/);
  const broken = preau(['import', 'onde', '--uai', '0610001A', '--year', '2026-2027', path.join(root, 'test', 'fixtures', 'onde', 'broken')]);
  assert.equal(broken.code, 2);
  assert.match(broken.out, /Prénom Elève/);
});

test('user reset prints a new activation code', () => {
  const login = JSON.parse(
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
      const { default: SQLite } = await import('better-sqlite3');
      const db = new SQLite(${JSON.stringify(path.join(dataDir, 'preau.db'))});
      console.log(JSON.stringify(db.prepare("select login from people where profile = 'relative' order by login limit 1").get().login));
    `,
      ],
      { cwd: root, encoding: 'utf8' },
    ).stdout,
  );
  const run = preau(['user', 'reset', login]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /Nouveau code d’activation pour .+ : [A-Z2-9]{5}-[A-Z2-9]{5}/);
  assert.equal(preau(['user', 'reset', 'personne.inconnue']).code, 1);
});
