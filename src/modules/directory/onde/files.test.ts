import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OndeFolderError, readOndeFolder } from './files.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/onde/', import.meta.url));

test('finds the three exports by name, accents and case aside', async () => {
  const folder = await readOndeFolder(path.join(FIXTURES, 'latin1'));
  assert.deepEqual(folder.names, { pupils: 'eleves.csv', teachers: 'enseignants.csv', parents: 'responsables.csv' });
  assert.deepEqual(Buffer.from(folder.pupils), fs.readFileSync(path.join(FIXTURES, 'latin1', 'eleves.csv')));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-onde-'));
  try {
    fs.writeFileSync(path.join(dir, 'Export_ÉLÈVES_2026.CSV'), 'x');
    fs.writeFileSync(path.join(dir, 'Parents des élèves.csv'), 'y');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'z');
    await assert.rejects(readOndeFolder(dir), (e: unknown) => {
      assert.ok(e instanceof OndeFolderError, 'e instanceof OndeFolderError');
      assert.match(e.message, /enseignants/);
      assert.match(e.message, /Export_ÉLÈVES_2026\.CSV, Parents des élèves\.csv/);
      return true;
    });
    fs.writeFileSync(path.join(dir, 'enseignants.csv'), 'w');
    const found = await readOndeFolder(dir);
    assert.deepEqual(found.names, { pupils: 'Export_ÉLÈVES_2026.CSV', teachers: 'enseignants.csv', parents: 'Parents des élèves.csv' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
