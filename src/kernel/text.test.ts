import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldAccents, normalizeKey, slugForLogin, stripControls, stripControlsDeep } from './text.js';

test('foldAccents strips diacritics and expands ligatures', () => {
  assert.equal(foldAccents('Cœur Noël François Œuvray'), 'Coeur Noel Francois OEuvray');
  assert.equal(foldAccents('Élève à l’école'), 'Eleve a l’ecole');
  assert.equal(foldAccents('Æsir straße'), 'AEsir strasse');
  assert.equal(foldAccents('ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸàâäçéèêëîïôöùûüÿ'), 'AAACEEEEIIOOUUUYaaaceeeeiioouuuy');
  // Decomposed input (NFD) is handled as well.
  assert.equal(foldAccents('e\u0301le\u0300ve'), 'eleve');
});

test('normalizeKey makes header comparisons tolerant', () => {
  assert.equal(normalizeKey('  Nom d’usage   Elève '), "nom d'usage eleve");
  assert.equal(normalizeKey('NOM D`USAGE ÉLÈVE'), "nom d'usage eleve");
  assert.equal(normalizeKey('Prénom\tElève'), 'prenom eleve');
  assert.equal(normalizeKey('Nom d‘usage'), "nom d'usage");
  assert.equal(normalizeKey(''), '');
});

test('slugForLogin keeps only ascii letters and digits', () => {
  assert.equal(slugForLogin('Le Bœuf-Dupré'), 'leboeufdupre');
  assert.equal(slugForLogin("N'Diaye"), 'ndiaye');
  assert.equal(slugForLogin('D’Almeida'), 'dalmeida');
  assert.equal(slugForLogin('Marie-Noëlle'), 'marienoelle');
  assert.equal(slugForLogin('Jean 2'), 'jean2');
  assert.equal(slugForLogin('李'), '');
});

test('control characters nobody types are stripped; tab and new lines stay', () => {
  assert.equal(stripControls('a\u0000b\u0007c\u000Bd\te\nf\r\ng\u001B'), 'abcd\te\nf\r\ng');
  const body = { q: 'x\u0000', list: ['\u0007y'], deep: { z: 'ok\u007F' }, n: 3 };
  assert.deepEqual(stripControlsDeep(body), { q: 'x', list: ['y'], deep: { z: 'ok' }, n: 3 });
});
