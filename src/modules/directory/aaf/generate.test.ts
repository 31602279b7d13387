import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureSets, writeFeed } from './generate.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/aaf/', import.meta.url));

// `PREAU_WRITE_FIXTURES=1 npm test -- src/modules/directory/aaf/generate.test.ts` writes them again.
test('the committed AAF fixtures are what the generator writes', () => {
  for (const [set, files] of Object.entries(fixtureSets())) {
    const dir = path.join(FIXTURES, set);
    if (process.env.PREAU_WRITE_FIXTURES) {
      fs.rmSync(dir, { recursive: true, force: true });
      writeFeed(dir, files);
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), files.map((f) => f.name).sort(), set);
    for (const f of files) assert.ok(Buffer.from(f.bytes).equals(fs.readFileSync(path.join(dir, f.name))), `${set}/${f.name}`);
  }
});

test('the Complet set has several numbered files, an ISO-8859-15 one, repeated and empty values, non-Latin names', () => {
  const { complet } = fixtureSets();
  assert.ok(complet.filter((f) => f.name.includes('_PersRelEleve_')).length > 1, 'relatives come in several numbered files');
  const latin9 = complet.find((f) => f.name.includes('_PersRelEleve_'))!;
  assert.match(Buffer.from(latin9.bytes).toString('latin1'), /encoding="ISO-8859-15"/);
  const pupils = complet
    .filter((f) => f.name.includes('_Eleve_'))
    .map((f) => Buffer.from(f.bytes).toString('utf8'))
    .join('');
  assert.match(pupils, /<value\/>/);
  assert.match(pupils, /<attr name="ENTEleveGroupes"><value>[^<]+<\/value><value>/);
  assert.match(pupils, /[\u0400-\u04ff\u4e00-\u9fff\u0370-\u03ff]/);
});
