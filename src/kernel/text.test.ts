import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldAccents, normalizeKey, slugForLogin } from './text.js';

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
