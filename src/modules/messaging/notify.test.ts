import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import type { Actor } from '../../kernel/authz/index.js';
import { createMailer, type Mailer } from '../../kernel/mail/index.js';
import { parseMime, startSmtp, type MimePart } from '../../kernel/mail/testing.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { loadActor, schoolYearOf } from '../directory/index.js';
import { flushMailQueue } from './notify.js';
import { isQuietAt, firstSendableAt } from '../../kernel/quiet-hours.js';
import { sendMessage } from './service.js';
import { preferencesOf, setPreferences } from './admin.js';

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

/** The decoded text and HTML parts of a notice, which must be exactly these two alternatives. */
function partsOf(mail: MimePart): { text: string; html: string } {
  assert.equal(mail.type, 'multipart/alternative');
  assert.deepEqual(
    mail.parts.map((p) => p.type),
    ['text/plain', 'text/html'],
  );
  return { text: mail.parts[0]!.body, html: mail.parts[1]!.body };
}
const emailModeOf = async (personId: string) => (await preferencesOf(deps(), (await loadActor(t.app.db, personId, null))!)).emailMode;
const unsubscribeAudits = (personId: string) =>
  t.app.db.selectFrom('auditLog').select('action').where('action', '=', 'messaging.notices.unsubscribed').where('subjectId', '=', personId).execute();
const oneClick = (path: string) =>
  t.app.inject({ method: 'POST', url: path, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

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
  const { text, html } = partsOf(parseMime(mail.raw));
  for (const part of [text, html]) assert.doesNotMatch(part, /Secret|Contenu|réservé/, 'neither part, once decoded, holds the content');
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
  assert.equal(isQuietAt(hours, new Date('2026-06-10T19:30:00Z')), true);
  assert.equal(isQuietAt(hours, new Date('2026-06-10T17:30:00Z')), false);
  assert.equal(firstSendableAt(hours, new Date('2026-06-10T19:30:00Z')).toISOString(), '2026-06-11T05:00:00.000Z');
  assert.equal(isQuietAt({ ...hours, quietWeekends: 0 }, new Date('2026-06-13T10:00:00Z')), false);
});

test('a notice is text and HTML from the same data, the message’s own words escaped in the HTML', async () => {
  await sendAt(paris(25, 10), [`person:${w.ce1aParent.id}`], 'Sortie <script>alert(1)</script> & musée', 'Goûter <img src=x onerror=alert(1)> vendredi.');
  assert.equal((await flush(paris(25, 10))).emails, 1);
  const mail = parseMime(mailTo('marc@example.org')[0]!.raw);
  const { text, html } = partsOf(mail);
  assert.match(text, /Objet : Sortie <script>alert\(1\)<\/script> & musée/);
  assert.match(text, /Pour le lire, connectez-vous : https:\/\/ent\.example\.org\/messaging\n/);
  assert.match(html, /Objet : Sortie &#60;script&#62;alert\(1\)&#60;\/script&#62; &#38; musée/);
  assert.doesNotMatch(html, /<script|<img/i, 'nothing of the message becomes markup');
  assert.match(html, /Goûter &#60;img src=x onerror=alert\(1\)&#62; vendredi\./, 'the body’s words, escaped');
  assert.doesNotMatch(html, /\ssrc\s*=\s*["']|<link|<style|url\(/i, 'no external resource, no stylesheet');
  assert.match(html, /<a href="https:\/\/ent\.example\.org\/messaging">/);
  const inlineStyles = html.split(' style=').length - 1;
  assert.ok(inlineStyles >= 1 && inlineStyles <= 2, `a couple of inline styles at most, not ${inlineStyles}`);
  assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
  assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  const url = /^<(https:\/\/ent\.example\.org\/messaging\/unsubscribe\/[A-Za-z0-9_-]+)>$/.exec(mail.headers.get('list-unsubscribe') ?? '')?.[1];
  assert.ok(url, `a one-click URL under the public URL: ${mail.headers.get('list-unsubscribe')}`);
  assert.ok(!url.includes(w.ce1aParent.id), 'the token does not show the person’s id');
  assert.ok(text.includes(url) && html.includes(`href="${url}"`), 'both parts carry the same unsubscribe link');
});

test('a digest’s HTML lists each message like the text, escaped', async () => {
  await sendAt(paris(25, 9), [`person:${w.ce1bParent.id}`], 'Premier <b>gras</b>');
  await sendAt(paris(25, 11), [`person:${w.ce1bParent.id}`], 'Second');
  assert.equal((await flush(paris(25, 17))).emails, 1);
  const { text, html } = partsOf(parseMime(mailTo('ines@example.org')[0]!.raw));
  assert.match(text, /^- .+ : Premier <b>gras<\/b>$/m);
  assert.match(html, /<li>[^<]+ : Premier &#60;b&#62;gras&#60;\/b&#62;<\/li>/);
  assert.match(html, /<li>[^<]+ : Second<\/li>/);
});

test('POSTing the List-Unsubscribe URL turns the person’s notices off, audited; a tampered token changes nothing', async () => {
  await setPreferences(deps(), (await loadActor(t.app.db, w.ce1bParent.id, null))!, 'immediate');
  try {
    await sendAt(paris(25, 10), [`person:${w.ce1bParent.id}`], 'Avant désabonnement');
    assert.equal((await flush(paris(25, 10))).emails, 1);
    const header = parseMime(mailTo('ines@example.org')[0]!.raw).headers.get('list-unsubscribe') ?? '';
    const path = new URL(header.replace(/^<|>$/g, '')).pathname;
    const token = path.split('/').pop()!;
    const tampered = [
      `${path.slice(0, -1)}${path.endsWith('A') ? 'B' : 'A'}`,
      `${path.slice(0, -4)}`,
      `${path.slice(0, -40)}${path.at(-40) === 'A' ? 'B' : 'A'}${path.slice(-39)}`,
      `/messaging/unsubscribe/${Buffer.from(w.ce1bParent.id).toString('base64url')}`,
      '/messaging/unsubscribe/x',
    ];
    for (const wrong of tampered) {
      assert.equal((await oneClick(wrong)).statusCode, 404, wrong);
      assert.equal((await t.app.inject({ method: 'GET', url: wrong })).statusCode, 404, wrong);
    }
    assert.equal(await emailModeOf(w.ce1bParent.id), 'immediate', 'a wrong token changes nothing');
    assert.equal((await unsubscribeAudits(w.ce1bParent.id)).length, 0);

    const page = await t.app.inject({ method: 'GET', url: path });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ne plus recevoir de courriels/);
    assert.ok(page.body.includes(`<form method="post" action="/messaging/unsubscribe/${token}">`), 'a button posting to the same URL');
    assert.match(page.body, /href="\/messaging\/preferences"/);
    assert.equal(await emailModeOf(w.ce1bParent.id), 'immediate', 'opening the link changes nothing');

    // A digest waiting for later is dropped along with the preference.
    await sendAt(paris(25, 22), [`person:${w.ce1bParent.id}`], 'En attente');
    const res = await oneClick(path);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await emailModeOf(w.ce1bParent.id), 'off');
    assert.equal((await unsubscribeAudits(w.ce1bParent.id)).length, 1, 'audited');
    assert.equal((await flush(paris(26, 8))).emails, 0, 'the waiting notice does not go');
    await sendAt(paris(26, 10), [`person:${w.ce1bParent.id}`], 'Après désabonnement');
    assert.equal((await flush(paris(26, 10))).emails, 0, 'no notice any more');
    assert.equal(mailTo('ines@example.org').length, 1);
    assert.equal(await emailModeOf(w.ce1aParent.id), 'immediate', 'only the token’s person is unsubscribed');
  } finally {
    await setPreferences(deps(), (await loadActor(t.app.db, w.ce1bParent.id, null))!, 'digest');
  }
});
