import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { notify } from '../notifications/index.js';
import { browserKeys, decryptPush, startPushService, verifyVapid, type BrowserKeys } from './testing.js';

/**
 * Web Push end to end: a device opts in through the API, a notice is made, the job pushes it to a
 * real push service on loopback that checks the VAPID signature and decrypts the payload with the
 * device's own keys; quiet hours hold it back; a 410 from the service forgets the device.
 */
let t: TestApp;
let w: World;
let push: Awaited<ReturnType<typeof startPushService>>;
const clock = new TestClock('2027-03-16T09:00:00Z'); // a Tuesday, 10:00 in Paris
let pupil: Session;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  push = await startPushService();
  pupil = await loginAs(t.app, w.ce1a.id);
});
after(async () => {
  await push?.close();
  await t?.close();
});

const subscription = (keys: BrowserKeys, path: string) => ({
  endpoint: `${push.origin}${path}`,
  expirationTime: null,
  keys: { p256dh: keys.p256dh, auth: keys.authB64 },
});
const subscriptions = (personId: string) => t.app.db.selectFrom('pushSubscriptions').selectAll().where('personId', '=', personId).execute();
const notice = (title: string, recipientId = w.ce1a.id) =>
  notify(t.app.db, { recipients: [recipientId], kind: 'test.push', title, body: 'Exercices 3 et 4', link: '/homework/agenda' }, clock.now());

test('subscribing requires a session, and a bad subscription is refused naming the field, nothing stored', async () => {
  const keys = browserKeys();
  const anonymous = await request(t.app, null, 'POST', '/api/offline/push/subscriptions', subscription(keys, '/anon'));
  assert.equal(anonymous.statusCode, 401);
  const bad = await request(t.app, pupil, 'POST', '/api/offline/push/subscriptions', {
    endpoint: 'pas une adresse',
    keys: { p256dh: 'x', auth: keys.authB64 },
  });
  assert.equal(bad.statusCode, 400);
  const fields = (bad.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field);
  assert.ok(fields.includes('endpoint') && fields.includes('keys.p256dh'), `fields named: ${fields.join(', ')}`);
  const ftp = await request(t.app, pupil, 'POST', '/api/offline/push/subscriptions', { ...subscription(keys, '/x'), endpoint: 'ftp://127.0.0.1/x' });
  assert.equal(ftp.statusCode, 400);
  assert.match(ftp.body, /endpoint/);
  assert.equal((await subscriptions(w.ce1a.id)).length, 0, 'nothing stored');
});

test('a notice reaches the device encrypted for it and signed with the instance’s VAPID key', async () => {
  const keys = browserKeys();
  const key = await request(t.app, pupil, 'GET', '/api/offline/push/key');
  assert.equal(key.statusCode, 200);
  const { publicKey } = key.json() as { publicKey: string };
  const created = await request(t.app, pupil, 'POST', '/api/offline/push/subscriptions', subscription(keys, '/push/lea'));
  assert.equal(created.statusCode, 201, created.body);
  await notice('Nouveau devoir en mathématiques');
  await t.app.jobs.runDue();
  assert.equal(push.received.length, 1, 'one push sent');
  const [sent] = push.received;
  assert.ok(sent, 'the push service got the push');
  assert.equal(sent.path, '/push/lea');
  assert.equal(sent.headers['content-encoding'], 'aes128gcm');
  assert.ok(Number(sent.headers.ttl) > 0, `a TTL is set: ${sent.headers.ttl}`);
  const { claims, publicKey: signer } = verifyVapid(sent.headers.authorization);
  assert.equal(signer, publicKey, 'signed with the key browsers subscribe with');
  assert.equal(claims.aud, push.origin, 'the audience is the push service');
  assert.ok(claims.exp > Date.now() / 1000, 'the token has not expired');
  assert.match(claims.sub, /^mailto:/);
  assert.deepEqual(JSON.parse(decryptPush(sent.body, keys)), { title: 'Nouveau devoir en mathématiques', body: 'Exercices 3 et 4', link: '/homework/agenda' });

  await t.app.jobs.runDue();
  clock.advance(6 * 60_000);
  await t.app.jobs.runDue();
  assert.equal(push.received.length, 1, 'a notice is pushed once');
  const again = await request(t.app, null, 'GET', '/api/offline/push/key');
  assert.equal(again.statusCode, 401);
});

test('in the school’s quiet hours a notice waits, and goes at the first slot after them', async () => {
  const before = push.received.length;
  clock.set('2027-03-16T21:30:00Z'); // 22:30 in Paris
  await notice('Message de la maîtresse');
  await t.app.jobs.runDue();
  assert.equal(push.received.length, before, 'nothing pushed at night');
  clock.set('2027-03-17T06:10:00Z'); // 07:10 in Paris
  await t.app.jobs.runDue();
  assert.equal(push.received.length, before + 1, 'pushed in the morning');
});

test('a device the push service no longer knows (410 Gone) is forgotten', async () => {
  push.answer(410);
  try {
    clock.advance(10 * 60_000);
    await notice('Sortie au musée');
    await t.app.jobs.runDue();
    assert.equal((await subscriptions(w.ce1a.id)).length, 0, 'the subscription is removed');
  } finally {
    push.answer(201);
  }
});

test('a person removes their own device only: another’s endpoint is a 404 and stays', async () => {
  const keys = browserKeys();
  pupil = await loginAs(t.app, w.ce1a.id);
  const other = await loginAs(t.app, w.ce1b.id);
  const endpoint = `${push.origin}/push/noe`;
  assert.equal((await request(t.app, other, 'POST', '/api/offline/push/subscriptions', subscription(keys, '/push/noe'))).statusCode, 201);
  const wrong = await request(t.app, pupil, 'DELETE', '/api/offline/push/subscriptions', { endpoint });
  assert.equal(wrong.statusCode, 404);
  assert.doesNotMatch(wrong.body, /noe/);
  assert.equal((await subscriptions(w.ce1b.id)).length, 1, 'still subscribed');
  const own = await request(t.app, other, 'DELETE', '/api/offline/push/subscriptions', { endpoint });
  assert.equal(own.statusCode, 204);
  assert.equal((await subscriptions(w.ce1b.id)).length, 0, 'unsubscribed');
});
