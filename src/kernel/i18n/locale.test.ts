import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  count,
  countForms,
  createTranslator,
  currentLocale,
  formatDate,
  formatDateTime,
  formatNumber,
  formatSize,
  isolate,
  withLocale,
  type Translation,
} from './index.js';

const fr = {
  'x.hello': (name: string) => `Bonjour ${name}`,
  'x.items': (n: number) => count(n, 'élément', 'éléments'),
  'x.only': 'Seulement en français',
} as const;
const en: Translation<typeof fr> = { 'x.hello': (name) => `Hello ${name}`, 'x.items': (n) => count(n, 'item', 'items'), 'x.only': 'English too' };
const t = createTranslator(fr, { en });

describe('the request locale', () => {
  test('French outside a request, and the locale given inside one', async () => {
    assert.equal(currentLocale(), 'fr');
    assert.equal(t('x.hello', 'Zoé'), 'Bonjour Zoé');
    const inside = await withLocale('en', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return t('x.hello', 'Zoé');
    });
    assert.equal(inside, 'Hello Zoé', 'the locale survives an await');
    assert.equal(t('x.hello', 'Zoé'), 'Bonjour Zoé', 'and ends with its scope');
  });

  test('a language the catalogue lacks answers in French, computed in French', () => {
    withLocale('ar', () => {
      assert.equal(t('x.only'), 'Seulement en français');
      assert.equal(t('x.items', 0), '0\u00a0élément', 'French plural rules for a French message, 0 singular');
      assert.equal(t('x.items', 1500), '1\u202f500\u00a0éléments', 'French digits grouping');
    });
  });

  test('plurals follow the language: 0 is plural in English, singular in French', () => {
    assert.equal(t('x.items', 0), '0\u00a0élément');
    assert.equal(
      withLocale('en', () => t('x.items', 0)),
      '0\u00a0items',
    );
    assert.equal(
      withLocale('en', () => t('x.items', 1)),
      '1\u00a0item',
    );
  });

  test('Arabic has six plural forms; a form the language lacks falls back to other', () => {
    const forms = { one: 'واجب واحد', two: 'واجبان', few: '# واجبات', many: '# واجبًا', other: '# واجب' };
    const ar = (n: number) => withLocale('ar', () => countForms(n, forms));
    assert.deepEqual([1, 2, 3, 10, 11, 99, 100].map(ar), ['واجب واحد', 'واجبان', '3 واجبات', '10 واجبات', '11 واجبًا', '99 واجبًا', '100 واجب']);
    assert.equal(
      withLocale('en', () => countForms(2, forms)),
      '2 واجب',
      'English has no dual: other',
    );
  });

  test('dates: the French ordinal only in French, each language its own month names, Paris time', () => {
    assert.equal(formatDate('2026-12-01'), '1er décembre 2026');
    assert.equal(
      withLocale('en', () => formatDate('2026-12-01')),
      '1 December 2026',
    );
    assert.equal(
      withLocale('tr', () => formatDate('2026-12-01')),
      '1 Aralık 2026',
    );
    assert.equal(
      withLocale('pt', () => formatDate('2026-12-01')),
      '1 de dezembro de 2026',
    );
    assert.equal(
      withLocale('es', () => formatDate('2026-12-01')),
      '1 de diciembre de 2026',
    );
    assert.equal(
      withLocale('ar', () => formatDate('2026-12-01')),
      '1 ديسمبر 2026',
      'Arabic with Western digits',
    );
    assert.match(
      withLocale('tr', () => formatDateTime('2026-12-01T07:05:00Z')),
      /^1 Aralık 2026 08:05$/,
    );
  });

  test('numbers: each language its own separators, Arabic with Western digits', () => {
    const n = 12345.5;
    assert.equal(formatNumber(n, 1), '12\u202f345,5');
    assert.equal(
      withLocale('en', () => formatNumber(n, 1)),
      '12,345.5',
    );
    assert.equal(
      withLocale('tr', () => formatNumber(n, 1)),
      '12.345,5',
    );
    assert.equal(
      withLocale('ar', () => formatNumber(n, 1)),
      '12,345.5',
    );
  });
});

test('school-written text is isolated inside a right-to-left sentence only', () => {
  assert.equal(isolate('Mathématiques'), 'Mathématiques');
  assert.equal(
    withLocale('ar', () => isolate('Mathématiques')),
    '\u2068Mathématiques\u2069',
  );
});

test('file sizes in each language’s units and separators, French by default', () => {
  assert.equal(formatSize(12_800), '12,5\u00a0Ko');
  assert.equal(
    withLocale('en', () => [formatSize(1), formatSize(45), formatSize(12_800), formatSize(20 * 1024 * 1024)].join(' | ')),
    '1\u00a0byte | 45\u00a0bytes | 12.5\u00a0KB | 20\u00a0MB',
  );
  assert.equal(
    withLocale('ar', () => formatSize(3_355_443)),
    '3.2\u00a0ميغابايت',
  );
  assert.equal(
    withLocale('tr', () => [formatSize(1), formatSize(12_800)].join(' | ')),
    '1\u00a0bayt | 12,5\u00a0KB',
  );
});
