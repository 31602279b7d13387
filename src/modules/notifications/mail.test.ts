// E-mail notices of notifications: the liaison note through its real path, then the rules of
// `notify({ email })` — who gets one, when (quiet hours, digest), what is not sent, and one e-mail
// per person carrying messages and notifications together.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { createMailer, type Mailer } from '../../kernel/mail/index.js';
import { parseMime, startSmtp } from '../../kernel/mail/testing.js';
import { DEFAULT_QUIET_HOURS } from '../../kernel/quiet-hours.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { loadActor } from '../directory/index.js';
import type { World } from '../directory/testing.js';
import { liaisonWorld, noteBody, sendNote } from '../liaison/testing.js';
import { flushMailQueue } from '../messaging/index.js';
import { setPreferences } from '../messaging/admin.js';
import { sendMessage } from '../messaging/service.js';
import { notify } from './index.js';

const URL_ = 'https://ent.example.org';
// Monday 17 March 2025, 10:30 in Paris: outside quiet hours.
const clock = new TestClock('2025-03-17T09:30:00Z');
let t: TestApp;
let w: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let mailer: Mailer;
const deps = () => ({ db: t.app.db, clock });
const flush = () => flushMailQueue({ db: t.app.db, kind: t.app.dbKind, mailer, publicUrl: URL_ }, clock.now());
const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
const textOf = (raw: string) => {
  const mime = parseMime(raw);
  return (mime.parts.find((p) => p.type === 'text/plain') ?? mime).body;
};

// ce1aParent asks for each notice, ce1bParent for the daily digest, cm2Parent for none; the pupil ce1a asks too.
const PEOPLE = [
  ['ce1aParent', 'marc@example.org', 'immediate'],
  ['ce1bParent', 'ines@example.org', 'digest'],
  ['cm2Parent', 'paul@example.org', 'off'],
  ['ce1a', 'lea@example.org', 'immediate'],
] as const;

before(async () => {
  smtp = await startSmtp();
  t = await buildTestApp(buildApp, { publicUrl: URL_ }, { clock });
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Préau <ne-pas-repondre@ecole.example>' })!;
  w = await liaisonWorld(t.app);
  for (const [who, email, mode] of PEOPLE) {
    await t.app.db.updateTable('people').set({ email }).where('id', '=', w[who].id).execute();
    await setPreferences(deps(), (await loadActor(t.app.db, w[who].id, null))!, mode);
  }
});
after(async () => {
  mailer.close();
  await t.close();
  await smtp.close();
});
beforeEach(async () => {
  clock.set('2025-03-17T09:30:00Z');
  await t.app.db.deleteFrom('mailQueue').execute();
  smtp.received.length = 0;
});

describe('e-mail notices of notifications', () => {
  test('a cahier de liaison note: the family who asked is e-mailed with its title and link, the pupil and who said no are not', async () => {
    const teacher = await loginAs(t.app, w.ce1Teacher.id, w.schoolA.id);
    const noteId = await sendNote(t.app, teacher, noteBody(w.ce1.id, { title: 'Sortie au musée', showToPupils: true }));
    await t.app.jobs.runDue();
    await flush();
    const [mail, ...more] = mailsTo('marc@example.org');
    assert.ok(mail, 'the parent who asked for each notice gets an e-mail');
    assert.equal(more.length, 0, 'one e-mail');
    const text = textOf(mail.raw);
    assert.match(text, /Sortie au musée/, 'it names the note');
    assert.ok(text.includes(`${URL_}/liaison/notes/${noteId}`), 'it links to the note');
    assert.match(parseMime(mail.raw).headers.get('list-unsubscribe') ?? '', /^<https:\/\/ent\.example\.org\//, 'with a one-click unsubscribe');
    assert.equal(mailsTo('lea@example.org').length, 0, 'no e-mail to a pupil, who sees it in Préau');
    assert.equal(mailsTo('paul@example.org').length, 0, 'none to a family of another class who asked for none');
    assert.equal(mailsTo('ines@example.org').length, 0, 'the digest parent waits for the day’s digest');
  });

  test('the digest goes at 17:00 with what is still unread; a notification read in Préau meanwhile is not e-mailed', async () => {
    const recipients = [w.ce1bParent.id];
    await notify(
      t.app.db,
      { recipients, kind: 'test', source: 'test:a', title: 'Réunion de rentrée', link: '/news/a', email: DEFAULT_QUIET_HOURS },
      clock.now(),
    );
    await notify(t.app.db, { recipients, kind: 'test', source: 'test:b', title: 'Photo de classe', link: '/news/b', email: DEFAULT_QUIET_HOURS }, clock.now());
    await notify(t.app.db, { recipients, kind: 'test', source: 'test:c', title: 'Kermesse', link: '/news/c', email: DEFAULT_QUIET_HOURS }, clock.now());
    const parent = await loginAs(t.app, w.ce1bParent.id, w.schoolA.id);
    const list = await request(t.app, parent, 'GET', '/api/notifications');
    const photo = list.json<{ items: { id: string; title: string }[] }>().items.find((n) => n.title === 'Photo de classe');
    assert.ok(photo, 'the notification is listed');
    assert.equal((await request(t.app, parent, 'POST', `/api/notifications/${photo.id}/read`)).statusCode, 204);
    await flush();
    assert.equal(smtp.received.length, 0, 'nothing before the digest hour');
    clock.set('2025-03-17T16:00:00Z');
    await flush();
    const [digest, ...more] = mailsTo('ines@example.org');
    assert.ok(digest, 'the digest is sent at 17:00 Paris time');
    assert.equal(more.length, 0, 'in one e-mail');
    const text = textOf(digest.raw);
    assert.match(text, /2\snouveautés sur Préau/, 'it counts what is left unread');
    assert.ok(text.includes(`Réunion de rentrée : ${URL_}/news/a`) && text.includes('Kermesse'), 'it lists each with its link');
    assert.ok(!text.includes('Photo de classe'), 'the one read in Préau is left out');
  });

  test('a notice in the evening waits for the end of quiet hours; sent again with the same source, it is e-mailed once', async () => {
    clock.set('2025-03-17T20:30:00Z'); // 21:30 in Paris
    for (let i = 0; i < 2; i++)
      await notify(
        t.app.db,
        { recipients: [w.ce1aParent.id], kind: 'test', source: 'test:evening', title: 'Cantine fermée demain', link: '/canteen', email: DEFAULT_QUIET_HOURS },
        clock.now(),
      );
    await flush();
    assert.equal(smtp.received.length, 0, 'nothing during quiet hours');
    clock.set('2025-03-18T06:00:00Z'); // 07:00 in Paris
    await flush();
    assert.equal(mailsTo('marc@example.org').length, 1, 'one e-mail in the morning');
    assert.match(parseMime(mailsTo('marc@example.org')[0]!.raw).headers.get('subject') ?? '', /Cantine/, 'its subject is the notice’s title');
  });

  test('a message and a notification due together go in one e-mail', async () => {
    const director = (await loadActor(t.app.db, w.director.id, null))!;
    await sendMessage(deps(), director, { to: [`person:${w.ce1aParent.id}`], subject: 'Rendez-vous', body: 'Pouvez-vous passer jeudi ?' });
    await notify(
      t.app.db,
      { recipients: [w.ce1aParent.id], kind: 'test', source: 'test:together', title: 'Nouveau sondage', link: '/polls/x', email: DEFAULT_QUIET_HOURS },
      clock.now(),
    );
    await flush();
    const mails = mailsTo('marc@example.org');
    assert.equal(mails.length, 1, 'one e-mail for both');
    const text = textOf(mails[0]!.raw);
    assert.match(text, /2\snouveautés/, 'counted together');
    assert.match(text, /^- Message d(e |’).+ : Rendez-vous$/m, 'the message is named as one, with its subject');
    assert.ok(text.includes(`Nouveau sondage : ${URL_}/polls/x`), 'the notification with its link');
  });

  test('without the email option nothing is queued', async () => {
    await notify(t.app.db, { recipients: [w.ce1aParent.id], kind: 'test', source: 'test:in-app', title: 'Seulement dans Préau', link: '/' }, clock.now());
    const queued = await t.app.db.selectFrom('mailQueue').select('id').where('personId', '=', w.ce1aParent.id).execute();
    assert.equal(queued.length, 0, 'an in-app notice only');
  });
});
