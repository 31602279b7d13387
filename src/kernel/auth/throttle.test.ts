import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { TestClock } from '../clock.js';
import { knownDevice, rememberDevice } from './devices.js';
import { MemoryThrottleStore, type ThrottleStore } from './limiter.js';
import { RedisThrottleStore } from './redis-throttle-store.js';
import { addressKey, Throttle } from './throttle.js';

const unknown = (login: string, ip: string) => ({ login, ip, device: null });

// The same rules over both stores: in this process, and in Redis shared by several instances.
const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const run = `preau-test:${process.pid}:${Math.random().toString(36).slice(2)}:`;
let stores = 0;
after(async () => {
  const keys = await redis.keys(`${run}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const kinds: [string, () => ThrottleStore][] = [
  ['in memory', () => new MemoryThrottleStore()],
  ['in Redis', () => new RedisThrottleStore(redis, `${run}${++stores}:`)],
];

for (const [kind, store] of kinds) {
  describe(`Throttle, counts ${kind}`, () => {
    test('slows one login at one address with doubling delays, then lets it try again', async () => {
      const clock = new TestClock('2027-03-15T10:00:00Z');
      const throttle = new Throttle(store(), { freePerLoginAddress: 3, firstDelayMs: 2000, maxDelayMs: 10_000 });
      const attempt = unknown('lea.eleve', '1.1.1.1');
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(await throttle.check(attempt, clock.now()), { ok: true });
        await throttle.failed(attempt, clock.now());
      }
      assert.deepEqual(await throttle.check(attempt, clock.now()), { ok: false, rule: 'login_address', retryAfterSeconds: 2 });
      // The same login elsewhere, and another login here, are not slowed.
      assert.deepEqual(await throttle.check(unknown('lea.eleve', '2.2.2.2'), clock.now()), { ok: true });
      assert.deepEqual(await throttle.check(unknown('noe.ecolier', '1.1.1.1'), clock.now()), { ok: true });
      clock.advance(2000);
      assert.deepEqual(await throttle.check(attempt, clock.now()), { ok: true });
      await throttle.failed(attempt, clock.now());
      assert.deepEqual(await throttle.check(attempt, clock.now()), { ok: false, rule: 'login_address', retryAfterSeconds: 4 });
      for (let i = 0; i < 5; i++) {
        clock.advance(60_000);
        await throttle.failed(attempt, clock.now());
      }
      const capped = await throttle.check(attempt, clock.now());
      assert.deepEqual(capped, { ok: false, rule: 'login_address', retryAfterSeconds: 10 }, 'the delay stops growing at maxDelayMs');
      await throttle.succeeded(attempt);
      assert.deepEqual(await throttle.check(attempt, clock.now()), { ok: true }, 'a success forgets the pair');
    });

    test('forgets failures a day after the last one', async () => {
      const clock = new TestClock('2027-03-15T10:00:00Z');
      const throttle = new Throttle(store(), { freePerLoginAddress: 1 });
      await throttle.failed(unknown('lea.eleve', '1.1.1.1'), clock.now());
      assert.equal((await throttle.check(unknown('lea.eleve', '1.1.1.1'), clock.now())).ok, false);
      clock.advance(24 * 60 * 60_000);
      assert.equal((await throttle.check(unknown('lea.eleve', '1.1.1.1'), clock.now())).ok, true);
    });

    test('a known browser is slowed by its own failures only', async () => {
      const clock = new TestClock('2027-03-15T10:00:00Z');
      const throttle = new Throttle(store(), { freePerLoginAddress: 2, freePerLogin: 4, freePerDevice: 2 });
      for (let i = 0; i < 6; i++) await throttle.failed(unknown('lea.eleve', `10.0.0.${i % 3}`), clock.now());
      assert.equal((await throttle.check(unknown('lea.eleve', '10.0.0.9'), clock.now())).ok, false, 'spread over addresses, the login is slowed');
      const owner = { login: 'lea.eleve', ip: '10.0.0.1', device: 'p1~1' };
      assert.deepEqual(await throttle.check(owner, clock.now()), { ok: true });
      await throttle.failed(owner, clock.now());
      await throttle.failed(owner, clock.now());
      assert.deepEqual(await throttle.check(owner, clock.now()), { ok: false, rule: 'device', retryAfterSeconds: 2 });
    });

    test('an address is slowed by many distinct logins, not by one pupil’s many typos', async () => {
      const clock = new TestClock('2027-03-15T10:00:00Z');
      const throttle = new Throttle(store(), { distinctLoginsPerAddress: 3, freePerLoginAddress: 100, addressWindowMs: 60_000 });
      for (let i = 0; i < 50; i++) await throttle.failed(unknown('lea.eleve', '3.3.3.3'), clock.now());
      assert.deepEqual(await throttle.check(unknown('noe.ecolier', '3.3.3.3'), clock.now()), { ok: true });
      await throttle.failed(unknown('noe.ecolier', '3.3.3.3'), clock.now());
      clock.advance(10_000);
      await throttle.failed(unknown('zoe.petit', '3.3.3.3'), clock.now());
      assert.deepEqual(await throttle.check(unknown('jamais.vu', '3.3.3.3'), clock.now()), { ok: false, rule: 'address', retryAfterSeconds: 50 });
      assert.deepEqual(await throttle.check(unknown('jamais.vu', '4.4.4.4'), clock.now()), { ok: true });
      assert.deepEqual(await throttle.check(unknown('noe.ecolier', '3.3.3.3'), clock.now()), { ok: true }, 'a login already tried here may retry');
      assert.deepEqual(await throttle.check({ login: 'jamais.vu', ip: '3.3.3.3', device: 'p2~1' }, clock.now()), { ok: true });
      clock.advance(50_000);
      assert.deepEqual(await throttle.check(unknown('jamais.vu', '3.3.3.3'), clock.now()), { ok: true });
    });

    test('IPv6 addresses count by their /64', () => {
      assert.equal(addressKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
      assert.equal(addressKey('2001:0db8:0001:0002:ffff:0:0:9'), '2001:db8:1:2::/64');
      assert.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64');
      assert.equal(addressKey('::ffff:192.0.2.7'), '192.0.2.7');
      assert.equal(addressKey('192.0.2.7'), '192.0.2.7');
    });
  });
}

describe('device cookies', () => {
  const now = new Date('2027-03-15T10:00:00Z');
  const lea = { id: 'lea', passwordHash: '$argon2id$lea-1' };
  const papa = { id: 'papa', passwordHash: '$argon2id$papa-1' };

  test('name the person for their current password, for 180 days', () => {
    const cookie = rememberDevice(null, lea, now);
    assert.equal(knownDevice(cookie, lea, now), `lea~${now.getTime()}`);
    assert.equal(knownDevice(cookie, papa, now), null);
    assert.equal(knownDevice(cookie, { ...lea, passwordHash: '$argon2id$lea-2' }, now), null, 'a new password revokes it');
    assert.equal(knownDevice(cookie, { ...lea, passwordHash: null }, now), null, 'an access reset revokes it');
    assert.equal(knownDevice(cookie, lea, new Date(now.getTime() + 181 * 24 * 60 * 60_000)), null);
    assert.equal(knownDevice(cookie.replace(/~[^~]+$/, '~forged'), lea, now), null);
  });

  test('keep several people of one browser, the latest first', () => {
    const both = rememberDevice(rememberDevice(null, lea, now), papa, now);
    assert.ok(knownDevice(both, lea, now), 'lea');
    assert.ok(knownDevice(both, papa, now), 'papa');
    let many = both;
    for (let i = 0; i < 6; i++) many = rememberDevice(many, { id: `p${i}`, passwordHash: 'h' }, now);
    assert.equal(many.split('.').length, 5);
    assert.equal(knownDevice(many, lea, now), null, 'the oldest entries go first');
  });
});
