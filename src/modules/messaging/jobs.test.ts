import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import type { Actor } from '../../kernel/authz/index.js';
import { TestClock } from '../../kernel/clock.js';
import { parseMime, startSmtp } from '../../kernel/mail/testing.js';
import { sql } from 'kysely';
import type { DbHandle } from '../../kernel/db/index.js';
import { enqueue, JobRunner } from '../../kernel/jobs/index.js';
import { createMailer, type Mailer } from '../../kernel/mail/index.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { secondHandle } from '../../kernel/testing/second-handle.js';
import { loadActor, schoolYearOf } from '../directory/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { preferencesOf, setPreferences } from './admin.js';
import { FLUSH_JOB, registerMessagingJobs } from './jobs.js';
import { CLAIM_MS, flushMailQueue } from './notify.js';
import { claimDueNotices } from './repository/notices.js';
import { sendMessage } from './service.js';

let t: TestApp;
let w: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let director: Actor;
const URL_ = 'https://ent.example.org';
// Wednesday 25 November 2026, 10:00 in Paris: outside quiet hours.
const clock = new TestClock('2026-11-25T09:00:00.000Z');
const deps = () => ({ db: t.app.db, clock });
const ADULTS = [
  ['ce1aParent', 'marc@example.org'],
  ['ce1bParent', 'ines@example.org'],
  ['cm2Parent', 'paul@example.org'],
] as const;

before(async () => {
  smtp = await startSmtp();
  t = await buildTestApp(buildApp, { smtpUrl: smtp.url, mailFrom: 'Préau <ne-pas-repondre@ecole.example>', publicUrl: URL_ }, { clock });
  w = await buildWorld(t.app.db);
  await t.app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(clock.now()) })
    .execute();
  for (const [who, email] of ADULTS) {
    await t.app.db.updateTable('people').set({ email }).where('id', '=', w[who].id).execute();
    await setPreferences(deps(), (await loadActor(t.app.db, w[who].id, null))!, 'immediate');
  }
  director = (await loadActor(t.app.db, w.director.id, null))!;
});
after(async () => {
  await t.close();
  await smtp.close();
});
beforeEach(async () => {
  // Run what earlier tests left due, then start from an empty queue and inbox.
  await t.app.jobs.runDue();
  smtp.received.length = 0;
  await t.app.db.deleteFrom('mailQueue').execute();
});

/** Per recipient, how many received emails mention each notice's subject. */
function deliveries(subjects: string[]): string[] {
  const wrong: string[] = [];
  for (const [, email] of ADULTS)
    for (const subject of subjects) {
      const n = smtp.received.filter((m) => m.to.includes(email) && m.raw.includes(subject)).length;
      if (n !== 1) wrong.push(`${email} got ${subject} ${n} times`);
    }
  return wrong;
}

async function sendMany(n: number): Promise<string[]> {
  const subjects: string[] = [];
  for (let i = 0; i < n; i++) {
    const subject = `Avis-${String(i).padStart(2, '0')}-${Math.random().toString(36).slice(2, 8)}`;
    await sendMessage(deps(), director, { to: ADULTS.map(([who]) => `person:${w[who].id}`), subject, body: 'Réunion jeudi.' });
    subjects.push(subject);
  }
  return subjects;
}

/** Another instance on the same database: its own handle (on PostgreSQL) and its own job runner. */
async function otherInstance(): Promise<{ handle: DbHandle | null; jobs: JobRunner; mailer: Mailer }> {
  let handle: DbHandle | null = null;
  if (t.app.dbKind === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.app.db);
    handle = secondHandle({ db: t.app.db, kind: 'postgres', schema: rows[0]!.schema, dataDir: t.config.dataDir, close: async () => {} });
  }
  const db = handle?.db ?? t.app.db;
  const jobs = new JobRunner({ db, kind: t.app.dbKind, clock, concurrency: 4 });
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Préau <ne-pas-repondre@ecole.example>' })!;
  registerMessagingJobs(jobs, { db, kind: t.app.dbKind, mailer, publicUrl: URL_ });
  return { handle, jobs, mailer };
}

test('the scheduled flush sends a due notice through the job runner, once', async () => {
  const [subject] = await sendMany(1);
  clock.advance(60_000);
  const slot = `${FLUSH_JOB}@${new Date(Math.floor(clock.now().getTime() / 60_000) * 60_000).toISOString()}`;
  await t.app.jobs.runDue();
  assert.deepEqual(deliveries([subject!]), []);
  const job = await t.app.db.selectFrom('jobs').select(['status']).where('key', '=', slot).executeTakeFirst();
  assert.equal(job?.status, 'done', 'the minute’s slot ran');
  clock.advance(60_000);
  await t.app.jobs.runDue();
  assert.equal(smtp.received.length, ADULTS.length, 'nothing sent twice at the next minute');
});

test('a send through the API asks for a flush at once; the flush and the minute slot running together send once', async () => {
  const director = await loginAs(t.app, w.director.id, w.schoolA.id);
  const subject = `Api-${Math.random().toString(36).slice(2, 8)}`;
  const res = await request(t.app, director, 'POST', '/api/messaging/messages', { to: ADULTS.map(([who]) => `person:${w[who].id}`), subject, body: 'Bonjour' });
  assert.equal(res.statusCode, 201, res.body);
  const soon = await t.app.db.selectFrom('jobs').select('key').where('kind', '=', FLUSH_JOB).where('status', '=', 'pending').execute();
  assert.ok(
    soon.some((j) => j.key === `${FLUSH_JOB}:${res.json<{ id: string }>().id}`),
    'a flush is enqueued for the message',
  );
  clock.advance(60_000);
  assert.ok((await t.app.jobs.runDue()) >= 2, 'the slot and the asked flush both ran');
  assert.deepEqual(deliveries([subject]), []);
});

test('flushes running at the same time on two instances (two runners, two handles on PostgreSQL) send each notice once', async () => {
  const subjects = await sendMany(12);
  const other = await otherInstance();
  try {
    // Several one-off flushes besides the minute slot: both runners take some and run them side by side.
    for (let i = 0; i < 8; i++) await enqueue(t.app.db, FLUSH_JOB, { test: i });
    const direct = () => flushMailQueue({ db: other.handle?.db ?? t.app.db, kind: t.app.dbKind, mailer: other.mailer, publicUrl: URL_ }, clock.now());
    await Promise.all([t.app.jobs.runDue(), other.jobs.runDue(), direct(), direct()]);
  } finally {
    await other.jobs.stop();
    other.mailer.close();
    await other.handle?.close();
  }
  assert.deepEqual(deliveries(subjects), []);
  const left = await t.app.db.selectFrom('mailQueue').select('id').where('sentAt', 'is', null).execute();
  assert.equal(left.length, 0, 'every notice is marked sent');
});

test('a claim left by a stopped flush expires, and a later flush sends the notice', async () => {
  const [subject] = await sendMany(1);
  const at = clock.now().toISOString();
  const until = new Date(clock.now().getTime() + CLAIM_MS).toISOString();
  const claimed = await claimDueNotices(t.app.db, t.app.dbKind, { token: 'stopped-instance', at, until, maxAttempts: 5, limit: 100 });
  assert.equal(claimed.length, ADULTS.length);
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'x@example.org' })!;
  try {
    const sender = { db: t.app.db, kind: t.app.dbKind, mailer, publicUrl: URL_ };
    assert.equal((await flushMailQueue(sender, clock.now())).emails, 0, 'claimed by the other flush');
    assert.equal((await flushMailQueue(sender, new Date(until))).emails, ADULTS.length, 'taken again once the claim expired');
  } finally {
    mailer.close();
  }
  assert.deepEqual(deliveries([subject!]), []);
});

test('the app’s own flush sends text and HTML with the one-click link, and posting that link to the app stops the notices', async () => {
  const marc = (await loadActor(t.app.db, w.ce1aParent.id, null))!;
  const subject = `Lien-${Math.random().toString(36).slice(2, 8)}`;
  try {
    await sendMessage(deps(), director, { to: [`person:${marc.personId}`], subject, body: 'Réunion <b>jeudi</b>.' });
    clock.advance(60_000);
    await t.app.jobs.runDue();
    const received = smtp.received.filter((m) => m.to.includes('marc@example.org'));
    assert.equal(received.length, 1);
    const mail = parseMime(received[0]!.raw);
    assert.equal(mail.type, 'multipart/alternative');
    assert.deepEqual(
      mail.parts.map((p) => p.type),
      ['text/plain', 'text/html'],
    );
    assert.match(mail.parts[0]!.body, new RegExp(`Objet : ${subject}\\n\\nRéunion <b>jeudi</b>\\.`));
    assert.match(mail.parts[1]!.body, /Réunion &#60;b&#62;jeudi&#60;\/b&#62;\./);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    const url = new URL(/^<(.+)>$/.exec(mail.headers.get('list-unsubscribe') ?? '')![1]!);
    assert.equal(url.origin, URL_, 'under the configured public URL');
    const res = await t.app.inject({
      method: 'POST',
      url: url.pathname,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await preferencesOf(deps(), marc)).emailMode, 'off');
    smtp.received.length = 0;
    await sendMessage(deps(), director, { to: [`person:${marc.personId}`], subject: `${subject}-2`, body: 'Encore.' });
    clock.advance(60_000);
    await t.app.jobs.runDue();
    assert.equal(smtp.received.length, 0, 'no notice after unsubscribing');
  } finally {
    await setPreferences(deps(), marc, 'immediate');
  }
});
