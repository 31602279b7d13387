import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeLogin } from './service.js';
import { safeNext } from './routes/forms.js';

test('normalizeLogin trims and lowers', () => {
  assert.equal(normalizeLogin('  Lea.ELEVE '), 'lea.eleve');
});

test('safeNext keeps same-site paths only', () => {
  for (const ok of ['/', '/directory', '/directory?q=a&b=c#x', '/a//b']) assert.equal(safeNext(ok), ok);
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'evil', '', '/\nLocation: x', '/\tx', null, 42, ['/x']]) {
    assert.equal(safeNext(bad), null, String(bad));
  }
});
