import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareFrench, count, de, formatDate, formatSize, sortByDisplay, the } from './index.js';

describe('French helpers', () => {
  test('plurals follow French rules: 0 and 1 singular', () => {
    assert.equal(count(0, 'rendu', 'rendus'), '0\u00a0rendu');
    assert.equal(count(1, 'non lu', 'non lus'), '1\u00a0non lu');
    assert.equal(count(28, 'rendu', 'rendus'), '28\u00a0rendus');
    assert.equal(count(1500, 'élève', 'élèves'), '1\u202f500\u00a0élèves');
  });

  test('elision before vowels and mute h', () => {
    assert.equal(de('Aymeric'), 'd’Aymeric');
    assert.equal(de('Abdoulaye'), 'd’Abdoulaye');
    assert.equal(de('Hugo'), 'd’Hugo');
    assert.equal(de('Zoé'), 'de Zoé');
    assert.equal(de('Élise'), 'd’Élise');
    assert.equal(the('école', 'f'), 'l’école');
    assert.equal(the('classe', 'f'), 'la classe');
    assert.equal(the('héros', 'm'), 'le héros');
  });

  test('sizes: one rule, in octets below 1 Ko', () => {
    assert.equal(formatSize(1), '1\u00a0octet');
    assert.equal(formatSize(45), '45\u00a0octets');
    assert.equal(formatSize(12_800), '12,5\u00a0Ko');
    assert.equal(formatSize(3_355_443), '3,2\u00a0Mo');
    assert.equal(formatSize(1_181_116_006), '1,1\u00a0Go');
  });

  test('sorting by what is displayed, with French collation', () => {
    const names = ['Noël BRUNET', 'Arthur BÉRANGER', 'Ali YILMAZ', 'Ece ÖZTÜRK', 'éric ADAM'];
    assert.deepEqual(
      sortByDisplay(names, (n) => n.split(' ')[1]!),
      ['éric ADAM', 'Arthur BÉRANGER', 'Noël BRUNET', 'Ece ÖZTÜRK', 'Ali YILMAZ'],
    );
    assert.ok(compareFrench('CE2', 'CE10') < 0, 'numbers compare as numbers');
  });

  test('the first of the month is an ordinal', () => {
    assert.equal(formatDate('2026-12-01'), '1er décembre 2026');
    assert.equal(formatDate('2026-12-02'), '2 décembre 2026');
    assert.equal(formatDate('2026-12-11'), '11 décembre 2026');
  });
});
