import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { catalogueProblems } from './check.js';
import { TRANSLATED_LOCALES, translatedCatalogues } from './index.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every catalogue file of the kernel and the modules, so every translator is built before the checks. */
async function loadEveryCatalogue(): Promise<number> {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|\/)i18n\/[^/]+\.ts$/.test(f) && !f.endsWith('.test.ts'));
  // The suite may run compiled (scripts/test.mjs): import each catalogue as this file itself is
  // loaded, so the translators registered are those the modules under test use.
  const ext = path.extname(fileURLToPath(import.meta.url));
  for (const file of files) await import(pathToFileURL(path.join(src, file.replace(/\.ts$/, ext))).href);
  return files.length;
}

describe('translated catalogues', () => {
  test('the check names a missing key, an extra key and a wrong kind', () => {
    const fr = { 'x.a': 'A', 'x.b': (n: number) => `${n}`, 'x.c': 'C' };
    assert.deepEqual(catalogueProblems(fr, { 'x.a': 'A', 'x.b': 'B', 'x.d': 'D' }), ['x.b: string where French has a function', 'missing x.c', 'extra x.d']);
    assert.deepEqual(catalogueProblems(fr, { 'x.a': 'A', 'x.b': () => 'B', 'x.c': 'C' }), []);
  });

  test('every translation of every catalogue has exactly the French keys, of the same kind', async () => {
    assert.ok((await loadEveryCatalogue()) > 20, 'the catalogue files were found');
    const problems: string[] = [];
    for (const { fr, translations } of translatedCatalogues) {
      const name =
        Object.keys(fr).find((k) => !k.startsWith('app.') && !k.startsWith('layout.') && !k.startsWith('error.') && !k.startsWith('form.')) ?? 'kernel';
      for (const [locale, translation] of Object.entries(translations)) {
        for (const p of catalogueProblems(fr, translation ?? {})) problems.push(`${name.split('.')[0]} (${locale}): ${p}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('the frame, the home page and the language form are translated into every language', async () => {
    await loadEveryCatalogue();
    for (const key of ['layout.skip', 'home.hello', 'reading.language.title']) {
      const entry = translatedCatalogues.find((c) => key in c.fr);
      assert.ok(entry, `a translated catalogue holds ${key}`);
      assert.deepEqual(Object.keys(entry.translations).sort(), [...TRANSLATED_LOCALES].sort(), `${key}: every language`);
    }
  });
});
