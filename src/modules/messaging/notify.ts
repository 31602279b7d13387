// Email notices of new messages: queued per recipient, sent outside the school's quiet hours,
// one email per person per flush (a digest when several are due).
import type { Db, DbKind } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import type { Mailer } from '../../kernel/mail/index.js';
import { displayName } from '../directory/index.js';
import { noticeMail, type NoticeItem } from './notice-mail.js';
import { nextDigest, firstSendableAt, type QuietHours } from '../../kernel/quiet-hours.js';
import * as notices from './repository/notices.js';
import { unsubscribeKeys, unsubscribePath, unsubscribeToken } from './unsubscribe.js';

const MAX_ATTEMPTS = 5;

/** When a person's notice is due: now (or at the end of quiet hours) for "immediate", at the next daily digest otherwise. */
const dueFor = (mode: 'immediate' | 'digest', hours: QuietHours, now: Date) => (mode === 'immediate' ? firstSendableAt(hours, now) : nextDigest(hours, now));

const queued = (personId: string, of: { messageId: string } | { notificationId: string }, due: Date, now: Date) => ({
  id: newId(),
  personId,
  messageId: 'messageId' in of ? of.messageId : null,
  notificationId: 'notificationId' in of ? of.notificationId : null,
  dueAt: due.toISOString(),
  sentAt: null,
  attempts: 0,
  lastError: null,
  createdAt: now.toISOString(),
  claimedBy: null,
  claimedUntil: null,
});

/**
 * Queues a notice for each recipient who has an email address and asked for notices, due by
 * their mode (`dueFor`). Returns how many are due at once.
 */
export async function queueNotices(db: Db, messageId: string, recipientIds: string[], hours: QuietHours, now: Date): Promise<number> {
  let dueNow = 0;
  const rows = (await notices.noticeTakers(db, recipientIds)).map((p) => {
    const due = dueFor(p.emailMode, hours, now);
    if (due.getTime() <= now.getTime()) dueNow++;
    return queued(p.id, { messageId }, due, now);
  });
  await notices.insertNotices(db, rows);
  return dueNow;
}

/**
 * Queues e-mail notices of other services' notifications (news, cahier de liaison, blog…) with
 * the same preference, quiet hours and digest as messages: one e-mail per person per flush
 * carries both. Pupils are left out: their e-mail never carries what they are told in Préau.
 * Never before the notification is shown (`visibleAt`).
 */
export async function queueNotificationNotices(
  db: Db,
  notifications: { id: string; recipientId: string; visibleAt: string }[],
  hours: QuietHours,
  now: Date,
): Promise<void> {
  const takers = new Map(
    (
      await notices.noticeTakers(
        db,
        notifications.map((n) => n.recipientId),
      )
    )
      .filter((p) => p.profile !== 'student')
      .map((p) => [p.id, p.emailMode]),
  );
  const rows = notifications.flatMap((n) => {
    const mode = takers.get(n.recipientId);
    if (!mode) return [];
    const shown = new Date(n.visibleAt);
    return [queued(n.recipientId, { notificationId: n.id }, dueFor(mode, hours, shown > now ? shown : now), now)];
  });
  await notices.insertNotices(db, rows);
}

export interface FlushResult {
  emails: number;
  failed: number;
  /** Notices dropped because the message had been read, trashed or withdrawn meanwhile. */
  skipped: number;
}

/** What a flush sends with: the database (and its engine, for the claim), the mailer, the address of the ENT. */
export interface NoticeSender {
  db: Db;
  kind: DbKind;
  mailer: Mailer | null;
  publicUrl: string;
}

/** How long a flush holds the notices it claimed; renewed before each email, so only a stopped flush loses them. */
export const CLAIM_MS = 10 * 60_000;
/** Notices claimed by one flush; the next flush takes the rest. */
const BATCH = 2000;

/**
 * Sends every notice due at `now`, grouped per person. The notices are claimed first, in one
 * statement, so that flushes running at the same time on several instances send each notice once;
 * a claim left by a stopped flush expires and the notice goes with a later flush. Does nothing
 * without a mailer.
 */
export async function flushMailQueue(sender: NoticeSender, now: Date): Promise<FlushResult> {
  const { db, mailer } = sender;
  const result: FlushResult = { emails: 0, failed: 0, skipped: 0 };
  if (!mailer) return result;
  const at = now.toISOString();
  const token = newId();
  // The claim moves with the time the flush has taken, whatever clock `now` comes from.
  const started = performance.now();
  const until = () => new Date(now.getTime() + (performance.now() - started) + CLAIM_MS).toISOString();
  const claimed = await notices.claimDueNotices(db, sender.kind, { token, at, until: until(), maxAttempts: MAX_ATTEMPTS, limit: BATCH });
  if (claimed.length === 0) return result;
  const rows = await notices.claimedNotices(db, token);
  // A message read, trashed or withdrawn meanwhile, a notification read or gone: nothing to tell.
  const stale = rows.filter(
    (r) => !r.email || (r.messageId !== null ? r.folder !== 'inbox' || r.readAt !== null : r.noticeTitle === null || r.noticeReadAt !== null),
  );
  result.skipped = stale.length;
  await notices.markNoticesSent(
    db,
    stale.map((r) => r.id),
    token,
    at,
  );
  const byPerson = new Map<string, typeof rows>();
  for (const row of rows) if (!stale.includes(row)) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
  const keys = await unsubscribeKeys(db);
  for (const claimedItems of byPerson.values()) {
    const held = await notices.renewClaim(
      db,
      claimedItems.map((r) => r.id),
      token,
      until(),
    );
    const items = claimedItems.filter((r) => held.has(r.id));
    if (items.length === 0) continue;
    const first = items[0]!;
    const mail = noticeMail({
      items: items.map((r): NoticeItem =>
        r.messageId !== null
          ? {
              kind: 'message',
              from: displayName({ firstName: r.firstName ?? '', lastName: r.lastName ?? '', usageName: r.usageName }),
              subject: r.subject ?? '',
              bodyHtml: r.bodyHtml ?? '',
            }
          : { kind: 'notification', title: r.noticeTitle ?? '', body: r.noticeBody, url: `${sender.publicUrl}${r.noticeLink ?? '/'}` },
      ),
      pupil: first.profile === 'student',
      publicUrl: sender.publicUrl,
      unsubscribeUrl: `${sender.publicUrl}${unsubscribePath(unsubscribeToken(keys, first.personId))}`,
    });
    const ids = items.map((r) => r.id);
    try {
      await mailer.send({ to: first.email!, ...mail });
      await notices.markNoticesSent(db, ids, token, at);
      result.emails++;
    } catch (error) {
      result.failed++;
      await notices.markNoticesFailed(db, ids, token, String(error instanceof Error ? error.message : error));
    }
  }
  return result;
}
