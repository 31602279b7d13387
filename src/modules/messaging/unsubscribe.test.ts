import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { personOfToken, unsubscribeToken, type UnsubscribeKeys } from './unsubscribe.js';

const keys = (): UnsubscribeKeys => ({ enc: randomBytes(32), mac: randomBytes(32) });

test('a token names its person, without their id in clear, and differs from one email to the next', () => {
  const k = keys();
  const id = randomUUID();
  const a = unsubscribeToken(k, id);
  const b = unsubscribeToken(k, id);
  assert.equal(personOfToken(k, a), id);
  assert.equal(personOfToken(k, b), id);
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9_-]+$/, 'safe in a URL path as it is');
  for (const shown of [id, id.replace(/-/g, ''), Buffer.from(id).toString('base64url').slice(0, 20)]) assert.ok(!a.includes(shown), shown);
});

test('a token altered anywhere, cut, lengthened, or made with other keys names nobody', () => {
  const k = keys();
  const token = unsubscribeToken(k, randomUUID());
  const raw = Buffer.from(token, 'base64url');
  for (let i = 0; i < raw.length; i++) {
    const altered = Buffer.from(raw);
    altered[i]! ^= 0x01;
    assert.equal(personOfToken(k, altered.toString('base64url')), null, `byte ${i} altered`);
  }
  assert.equal(personOfToken(k, token.slice(0, -1)), null);
  assert.equal(personOfToken(k, `${token}A`), null);
  assert.equal(personOfToken(k, raw.subarray(0, 40).toString('base64url')), null);
  assert.equal(personOfToken(keys(), token), null, 'another instance’s keys');
  assert.equal(personOfToken({ enc: k.enc, mac: randomBytes(32) }, token), null, 'the right cipher key is not enough');
  for (const junk of ['', 'x', `${token}=`, token.replace(/.$/, '+'), 'A'.repeat(91)]) assert.equal(personOfToken(k, junk), null, junk);
});
