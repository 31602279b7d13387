import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { activationCode } from '../../kernel/auth/tokens.js';
import { buildTestApp, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { issueActivationCode } from '../directory/service.js';
import { auditRows, sessionCookieOf, Visitor } from './test-helpers.js';

/**
 * Sign-in throttling as people meet it (docs/decisions/0004-login-throttling.md): the attacker is
 * slowed, the owner is not. Each test uses its own addresses; the clock is moved by hand.
 */
const PASSWORD = 'quatre chats gris dansent';

let t: TestApp;
let clock: TestClock;
let schoolId: string;

before(async () => {
  clock = new TestClock(new Date());
  t = await buildTestApp(buildApp, {}, { clock });
  schoolId = (await buildSchool(t.app.db, { name: 'École des Tilleuls' })).id;
});
after(() => t.close());

const teacher = () => buildPerson(t.app.db, { profile: 'teacher', structureId: schoolId, password: PASSWORD });

/** Posts the sign-in form with the visitor's current CSRF token (a session changes it). */
async function signIn(visitor: Visitor, login: string, password: string) {
  await visitor.me();
  return visitor.post('/login', { login, password });
}

/** A page without what differs between two visitors: the typed login and the CSRF token. */
const comparable = (body: string, login: string) => body.replace(login, 'LOGIN').replace(/name="_csrf" value="[^"]*"/, 'CSRF');

describe('signing in', () => {
  test('wrong passwords from another browser do not lock the owner out of the browser they use', async () => {
    const owner = await teacher();
    const home = new Visitor(t.app, '192.0.2.10');
    const first = await signIn(home, owner.login, PASSWORD);
    assert.equal(first.statusCode, 303);
    const device = first.cookies.find((c) => c.name === 'preau_device') as { httpOnly?: boolean; maxAge?: number; value: string } | undefined;
    assert.ok(device, 'a device cookie is set at sign-in');
    assert.equal(device.httpOnly, true);
    assert.ok((device.maxAge ?? 0) >= 90 * 24 * 3600, `long-lived: ${device.maxAge}`);
    assert.doesNotMatch(device.value, new RegExp(owner.login), 'the cookie does not carry the login');

    // Someone else, behind the same address, tries ten passwords.
    const guesser = new Visitor(t.app, '192.0.2.10');
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await signIn(guesser, owner.login, `mauvais essai ${i}`)).statusCode);
    assert.deepEqual(answers, [400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);

    const again = await signIn(home, owner.login, PASSWORD);
    assert.equal(again.statusCode, 303, 'the owner’s browser still gets in');
    assert.ok(sessionCookieOf(again), 'a session');
    const success = (await auditRows(t.app, 'login.success')).filter((r) => r.subjectId === owner.id);
    assert.equal(success.at(-1)?.details?.knownDevice, true);

    const refused = await signIn(guesser, owner.login, PASSWORD);
    assert.equal(refused.statusCode, 429, 'the guessing browser is still slowed, even with the right password');
    assert.equal(sessionCookieOf(refused), undefined);
    assert.match(String(refused.headers['retry-after']), /^[1-9]\d*$/);
    assert.match(refused.body, /Trop de tentatives/);
    const throttled = (await auditRows(t.app, 'login.throttled')).filter((r) => r.subjectId === owner.id);
    assert.ok(throttled.length >= 6, `every refusal is audited: ${throttled.length}`);
    assert.equal(throttled.at(-1)?.ip, '192.0.2.10');
    assert.equal(throttled.at(-1)?.details?.rule, 'login_address');
  });

  test('an unknown browser waits longer after each failure, told by Retry-After, and may try again after it', async () => {
    const owner = await teacher();
    const visitor = new Visitor(t.app, '192.0.2.20');
    for (let i = 0; i < 5; i++) assert.equal((await signIn(visitor, owner.login, `essai ${i}`)).statusCode, 400);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await signIn(visitor, owner.login, PASSWORD);
      assert.equal(refused.statusCode, 429);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      clock.advance(wait * 1000);
      assert.equal((await signIn(visitor, owner.login, `encore ${round}`)).statusCode, 400, 'after the wait, the password is checked again');
    }
    assert.deepEqual(waits, [2, 4, 8]);
    clock.advance(16_000);
    assert.equal((await signIn(visitor, owner.login, PASSWORD)).statusCode, 303, 'the right password after the wait');
  });

  test('an unknown login is slowed the same way, so a 429 tells nothing about existence', async () => {
    const owner = await teacher();
    const a = new Visitor(t.app, '192.0.2.30');
    const b = new Visitor(t.app, '192.0.2.31');
    for (let i = 0; i < 5; i++) {
      await signIn(a, owner.login, `essai ${i}`);
      await signIn(b, 'personne.nulle', `essai ${i}`);
    }
    const known = await signIn(a, owner.login, 'essai');
    const unknown = await signIn(b, 'personne.nulle', 'essai');
    assert.equal(known.statusCode, 429);
    assert.equal(unknown.statusCode, 429);
    assert.equal(unknown.headers['retry-after'], known.headers['retry-after']);
    assert.equal(comparable(unknown.body, 'personne.nulle'), comparable(known.body, owner.login));
  });

  test('a school behind one address is not locked out by 300 of its pupils’ typos', async () => {
    const pupil = await buildPerson(t.app.db, { profile: 'student', structureId: schoolId, password: PASSWORD });
    const school = '198.51.100.7';
    for (let batch = 0; batch < 30; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const v = new Visitor(t.app, school);
          await v.get('/login');
          // Sixty pupils, five typos each.
          return (await v.post('/login', { login: `eleve.${(batch * 10 + i) % 60}`, password: `faute ${batch}` })).statusCode;
        }),
      );
      assert.deepEqual([...new Set(answers)], [400], `batch ${batch}`);
    }
    const fresh = new Visitor(t.app, school);
    const res = await signIn(fresh, pupil.login, PASSWORD);
    assert.equal(res.statusCode, 303, 'another pupil, on a browser never used before, signs in');
  });

  test('a new password revokes the browsers known before', async () => {
    const owner = await teacher();
    const home = new Visitor(t.app, '192.0.2.40');
    assert.equal((await signIn(home, owner.login, PASSWORD)).statusCode, 303);
    const guesser = new Visitor(t.app, '192.0.2.40');
    for (let i = 0; i < 6; i++) await signIn(guesser, owner.login, `essai ${i}`);

    // The school resets the access; the owner chooses a new password elsewhere.
    const code = await issueActivationCode(t.app.db, owner.id);
    const phone = new Visitor(t.app, '203.0.113.9');
    await phone.get('/activate');
    assert.equal((await phone.post('/activate', { login: owner.login, code })).statusCode, 303);
    await phone.get('/activate/password');
    const newPassword = 'sept lutins verts chantent';
    assert.equal((await phone.post('/activate/password', { password: newPassword, confirm: newPassword })).statusCode, 303);

    const res = await signIn(home, owner.login, newPassword);
    assert.equal(res.statusCode, 429, 'the old device cookie no longer passes the throttle');
  });
});

describe('activation codes', () => {
  test('wrong codes from one address do not lock the owner out from theirs', async () => {
    const person = await buildPerson(t.app.db, { profile: 'relative', structureId: schoolId, pending: true });
    const guesser = new Visitor(t.app, '192.0.2.50');
    await guesser.get('/activate');
    for (let i = 0; i < 10; i++) await guesser.post('/activate', { login: person.login, code: activationCode() });
    const refused = await guesser.post('/activate', { login: person.login, code: person.activationCode! });
    assert.equal(refused.statusCode, 429);
    assert.match(String(refused.headers['retry-after']), /^[1-9]\d*$/);
    assert.equal(
      refused.cookies.find((c) => c.name === 'preau_activation'),
      undefined,
    );
    const throttled = await auditRows(t.app, 'activation.throttled');
    assert.equal(throttled.at(-1)?.ip, '192.0.2.50');
    assert.equal(throttled.at(-1)?.details?.rule, 'login_address');

    const owner = new Visitor(t.app, '203.0.113.20');
    await owner.get('/activate');
    const res = await owner.post('/activate', { login: person.login, code: person.activationCode! });
    assert.equal(res.statusCode, 303, 'the parent at home activates with the letter’s code');
  });
});

describe('the JSON API', () => {
  test('the browser that signed in before gets in; another gets 429 with Retry-After', async () => {
    const owner = await teacher();
    const home = new Visitor(t.app, '192.0.2.60');
    await home.me();
    assert.equal((await home.postJson('/api/accounts/login', { login: owner.login, password: PASSWORD })).statusCode, 200);
    const guesser = new Visitor(t.app, '192.0.2.60');
    await guesser.me();
    for (let i = 0; i < 10; i++) await guesser.postJson('/api/accounts/login', { login: owner.login, password: `essai ${i}` });
    const refused = await guesser.postJson('/api/accounts/login', { login: owner.login, password: PASSWORD });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'auth.throttled');
    assert.equal(String(refused.json().error.details.retryAfterSeconds), refused.headers['retry-after']);
    await home.me();
    assert.equal((await home.postJson('/api/accounts/login', { login: owner.login, password: PASSWORD })).statusCode, 200);
  });
});
