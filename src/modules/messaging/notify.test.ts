import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import type { Actor } from '../../kernel/authz/index.js';
import { createMailer, type Mailer } from '../../kernel/mail/index.js';
import { startSmtp } from '../../kernel/mail/testing.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { loadActor, schoolYearOf } from '../directory/index.js';
import { flushMailQueue } from './notify.js';
import { isQuiet, nextSendable } from './quiet.js';
import { sendMessage } from './service.js';
import { setPreferences } from './admin.js';

let t: TestApp;
let w: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
let teacher: Actor;
const URL_ = 'https://ent.example.org';
// Wednesday 25 November 2026; Paris is UTC+1 in winter.
const paris = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour - 1, minute));
const clock = new TestClock(paris(25, 10));
const deps = () => ({ db: t.app.db, clock });

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
  // The world's classes belong to the school year of the test's clock, whatever today is.
  await t.app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(clock.now()) })
    .execute();
  smtp = await startSmtp();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Préau <ne-pas-repondre@ecole.example>' })!;
  const db = t.app.db;
  for (const [p, email] of [
    [w.ce1aParent, 'marc@example.org'],
    [w.ce1bParent, 'ines@example.org'],
    [w.ce1a, 'lea@example.org'],
  ] as const) {
    await db.updateTable('people').set({ email }).where('id', '=', p.id).execute();
  }
  await setPreferences(deps(), (await loadActor(db, w.ce1aParent.id, null))!, 'immediate');
  await setPreferences(deps(), (await loadActor(db, w.ce1a.id, null))!, 'immediate');
  await setPreferences(deps(), (await loadActor(db, w.ce1bParent.id, null))!, 'digest');
  teacher = (await loadActor(db, w.ce1Teacher.id, null))!;
});
after(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await t.app.db.deleteFrom('mailQueue').execute();
});

const sendAt = (now: Date, to: string[], subject: string, body = 'Le goûter aura lieu vendredi.') => {
  clock.set(now);
  return sendMessage(deps(), teacher, { to, subject, body });
};
const sender = (m: Mailer | null) => ({ db: t.app.db, kind: t.app.dbKind, mailer: m, publicUrl: URL_ });
const flush = (now: Date) => flushMailQueue(sender(mailer), now);
const mailTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

test('outside quiet hours an immediate notice goes at once, with the subject for an adult', async () => {
  await sendAt(paris(25, 10), [`person:${w.ce1aParent.id}`], 'Sortie au musée');
  const result = await flush(paris(25, 10));
  assert.equal(result.emails, 1);
  const [mail] = mailTo('marc@example.org');
  assert.ok(mail, 'Marc got an email');
  assert.match(mail.raw, /mus=C3=A9e|musée/);
  assert.match(mail.raw, /https:\/\/ent\.example\.org\/messaging/);
  assert.equal((await flush(paris(25, 10, 1))).emails, 0, 'sent once');
});

test('a pupil gets a notice only, never the content', async () => {
  await sendAt(paris(25, 10), [`person:${w.ce1a.id}`], 'Secret de classe', 'Contenu réservé à la messagerie.');
  await flush(paris(25, 10));
  const [mail] = mailTo('lea@example.org');
  assert.ok(mail, 'Léa got a notice');
  assert.doesNotMatch(mail.raw, /Secret/);
  assert.doesNotMatch(mail.raw, /Contenu|r=C3=A9serv/);
});

test('during quiet hours the notice waits for the end of them (Paris time)', async () => {
  await sendAt(paris(25, 22), [`person:${w.ce1aParent.id}`], 'Tard le soir');
  assert.equal((await flush(paris(25, 22, 5))).emails, 0);
  assert.equal((await flush(paris(26, 6, 55))).emails, 0);
  assert.equal((await flush(paris(26, 7))).emails, 1);
  assert.equal(mailTo('marc@example.org').length, 1);
});

test('weekends are quiet: a Saturday message is announced on Monday morning', async () => {
  await sendAt(paris(28, 10), [`person:${w.ce1aParent.id}`], 'Samedi');
  assert.equal((await flush(paris(29, 12))).emails, 0);
  assert.equal((await flush(paris(30, 7))).emails, 1);
});

test('the daily digest gathers the day’s messages into one email at 17:00', async () => {
  await sendAt(paris(25, 9), [`person:${w.ce1bParent.id}`], 'Premier');
  await sendAt(paris(25, 11), [`person:${w.ce1bParent.id}`], 'Second');
  assert.equal((await flush(paris(25, 16, 55))).emails, 0);
  assert.equal((await flush(paris(25, 17))).emails, 1);
  const mails = mailTo('ines@example.org');
  assert.equal(mails.length, 1);
  assert.match(mails[0]!.raw, /Premier/);
  assert.match(mails[0]!.raw, /Second/);
});

test('a message read before its notice goes is not announced; no mailer, nothing happens', async () => {
  const { id } = await sendAt(paris(25, 22), [`person:${w.ce1aParent.id}`], 'Déjà lu');
  await t.app.db
    .updateTable('messageRecipients')
    .set({ readAt: paris(25, 22, 30).toISOString() })
    .where('messageId', '=', id)
    .execute();
  const result = await flush(paris(26, 8));
  assert.deepEqual(result, { emails: 0, failed: 0, skipped: 1 });
  assert.deepEqual(await flushMailQueue(sender(null), paris(26, 8)), { emails: 0, failed: 0, skipped: 0 });
});

test('a relay failure keeps the notice for the next flush', async () => {
  await sendAt(paris(25, 10), [`person:${w.ce1aParent.id}`], 'Relais en panne');
  const broken = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'x@example.org' })!;
  try {
    assert.equal((await flushMailQueue(sender(broken), paris(25, 10))).failed, 1);
  } finally {
    broken.close();
  }
  const [kept] = await t.app.db.selectFrom('mailQueue').select(['attempts', 'lastError', 'sentAt', 'claimedBy']).execute();
  assert.deepEqual(
    { ...kept, lastError: !!kept?.lastError },
    { attempts: 1, lastError: true, sentAt: null, claimedBy: null },
    'the failure is counted, the claim given back',
  );
  assert.equal((await flush(paris(25, 10, 5))).emails, 1);
});

test('quiet hours follow Paris time across the daylight-saving change', () => {
  const hours = { quietStart: '20:00', quietEnd: '07:00', quietWeekends: 1 };
  // Summer (UTC+2): 19:30 UTC is 21:30 in Paris.
  assert.equal(isQuiet(hours, new Date('2026-06-10T19:30:00Z')), true);
  assert.equal(isQuiet(hours, new Date('2026-06-10T17:30:00Z')), false);
  assert.equal(nextSendable(hours, new Date('2026-06-10T19:30:00Z')).toISOString(), '2026-06-11T05:00:00.000Z');
  assert.equal(isQuiet({ ...hours, quietWeekends: 0 }, new Date('2026-06-13T10:00:00Z')), false);
});
