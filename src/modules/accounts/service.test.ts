import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Throttle, normalizeLogin } from './service.js';
import { safeNext } from './routes/forms.js';

describe('Throttle', () => {
  test('blocks a login after its failures, and a success clears it', () => {
    const throttle = new Throttle({ perLogin: 3, perIp: 100 });
    for (let i = 0; i < 2; i++) throttle.failed('lea.eleve', '1.1.1.1');
    assert.equal(throttle.blocked('lea.eleve', '1.1.1.1'), false);
    throttle.succeeded('lea.eleve');
    for (let i = 0; i < 3; i++) throttle.failed('lea.eleve', '1.1.1.1');
    assert.equal(throttle.blocked('lea.eleve', '1.1.1.1'), true);
    assert.equal(throttle.blocked('lea.eleve', '2.2.2.2'), true);
    assert.equal(throttle.blocked('noe.ecolier', '1.1.1.1'), false);
  });

  test('blocks an address that tries many logins, whatever the login', () => {
    const throttle = new Throttle({ perLogin: 100, perIp: 5 });
    for (let i = 0; i < 5; i++) throttle.failed(`login${i}`, '3.3.3.3');
    assert.equal(throttle.blocked('jamais.vu', '3.3.3.3'), true);
    assert.equal(throttle.blocked('jamais.vu', '4.4.4.4'), false);
    // A success on one account does not reopen the address.
    throttle.succeeded('login1');
    assert.equal(throttle.blocked('login1', '3.3.3.3'), true);
  });
});

test('normalizeLogin trims and lowers', () => {
  assert.equal(normalizeLogin('  Lea.ELEVE '), 'lea.eleve');
});

test('safeNext keeps same-site paths only', () => {
  for (const ok of ['/', '/directory', '/directory?q=a&b=c#x', '/a//b']) assert.equal(safeNext(ok), ok);
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'evil', '', '/\nLocation: x', '/\tx', null, 42, ['/x']]) {
    assert.equal(safeNext(bad), null, String(bad));
  }
});
