// Email notices of new messages: queued per recipient, sent outside the school's quiet hours,
// one email per person per flush (a digest when several are due).
import type { Db, DbKind } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import type { Mailer } from '../../kernel/mail/index.js';
import { displayName } from '../directory/index.js';
import { noticeMail } from './notice-mail.js';
import { nextDigest, firstSendableAt, type QuietHours } from '../../kernel/quiet-hours.js';
import * as notices from './repository/notices.js';
import { unsubscribeKeys, unsubscribePath, unsubscribeToken } from './unsubscribe.js';

const MAX_ATTEMPTS = 5;

/**
 * Queues a notice for each recipient who has an email address and asked for notices: due now
 * (or at the end of quiet hours) for "immediate", at the next daily digest otherwise.
 * Returns how many are due at once.
 */
export async function queueNotices(db: Db, messageId: string, recipientIds: string[], hours: QuietHours, now: Date): Promise<number> {
  let dueNow = 0;
  const createdAt = now.toISOString();
  const rows = (await notices.noticeTakers(db, recipientIds)).map((p) => {
    const due = p.emailMode === 'immediate' ? firstSendableAt(hours, now) : nextDigest(hours, now);
    if (due.getTime() <= now.getTime()) dueNow++;
    return {
      id: newId(),
      personId: p.id,
      messageId,
      dueAt: due.toISOString(),
      sentAt: null,
      attempts: 0,
      lastError: null,
      createdAt,
      claimedBy: null,
      claimedUntil: null,
    };
  });
  await notices.insertNotices(db, rows);
  return dueNow;
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
  const stale = rows.filter((r) => r.folder !== 'inbox' || r.readAt !== null || !r.email);
  result.skipped = stale.length;
  await notices.markNoticesSent(
    db,
    stale.map((r) => r.id),
    token,
    at,
  );
  const byPerson = new Map<string, typeof rows>();
  for (const row of rows) if (!stale.includes(row)) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
  const link = `${sender.publicUrl}/messaging`;
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
      items: items.map((r) => ({ from: displayName(r), subject: r.subject, bodyHtml: r.bodyHtml })),
      pupil: first.profile === 'student',
      readUrl: link,
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
