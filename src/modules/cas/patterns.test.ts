import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isServiceUrl, patternMatches, patternProblem } from './patterns.js';

test('an exact prefix accepts what lies under it, on a boundary only', () => {
  const p = 'https://outil.example/ent';
  for (const ok of ['https://outil.example/ent', 'https://outil.example/ent/cours', 'https://outil.example/ent?x=1', 'HTTPS://Outil.Example/ent#a']) {
    assert.equal(patternMatches(p, ok), true, ok);
  }
  for (const no of [
    'https://outil.example/entrepot',
    'https://outil.example.evil.test/ent',
    'http://outil.example/ent',
    'https://outil.example:8443/ent',
    'https://x@outil.example/ent',
    'https://evil.test/?https://outil.example/ent',
  ]) {
    assert.equal(patternMatches(p, no), false, no);
  }
  assert.equal(patternMatches('https://outil.example', 'https://outil.example/a'), true, 'a bare origin covers its paths');
  assert.equal(patternMatches('https://outil.example', 'https://outil.example.evil.test/'), false, 'but not a longer host');
});

test('a pattern with * is anchored at both ends; in the host it stands for whole leftmost labels', () => {
  const p = 'https://*.outil.example/cas/*';
  assert.equal(patternMatches(p, 'https://lycee-1.outil.example/cas/retour?x=1'), true, 'one label');
  assert.equal(patternMatches(p, 'https://a.b.outil.example/cas/'), true, 'several labels');
  assert.equal(patternMatches(p, 'https://outil.example/cas/'), false, 'the label is required');
  assert.equal(patternMatches(p, 'https://evil.test/.outil.example/cas/'), false, 'no slash in a host label');
  assert.equal(patternMatches(p, 'https://x.outil.example/autre/cas/'), false, 'anchored at the start of the path');
  assert.equal(patternMatches('https://outil.example/*/retour', 'https://outil.example/a/retour/plus'), false, 'anchored at the end');
});

test('patterns that would accept too much are refused', () => {
  assert.equal(patternProblem('https://outil.example/ent/*'), null);
  assert.equal(patternProblem('http://127.0.0.1:4000/'), null);
  assert.equal(patternProblem('https://*.college.example/'), null);
  assert.equal(patternProblem('ftp://outil.example/'), 'scheme');
  assert.equal(patternProblem('outil.example'), 'scheme');
  assert.equal(patternProblem('https://*'), 'wildcardHost');
  assert.equal(patternProblem('https://*.fr/'), 'wildcardHost');
  assert.equal(patternProblem('https://a*.example.fr/'), 'wildcardHost');
  assert.equal(patternProblem('https://user@outil.example/'), 'host');
  assert.equal(patternProblem('https:///chemin'), 'host');
  assert.equal(patternProblem('https://outil.example/a b'), 'spaces');
});

test('a service URL is absolute http(s) with no credentials in it', () => {
  assert.equal(isServiceUrl('https://outil.example/ent?x=1'), true);
  assert.equal(isServiceUrl('javascript:alert(1)'), false);
  assert.equal(isServiceUrl('/relative'), false);
  assert.equal(isServiceUrl('https://u:p@outil.example/'), false);
  assert.equal(isServiceUrl('https://outil.example/\nx'), false);
});
