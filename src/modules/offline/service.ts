import webpush from 'web-push';
import { authorize, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId, type Db } from '../../kernel/db/index.js';
import { InvalidInput } from '../../kernel/http/errors.js';
import { isQuietAt } from '../../kernel/quiet-hours.js';
import { messagingSettingsOf } from '../messaging/index.js';
import { t } from './i18n/fr.js';
import './policy.js';
import * as repo from './repository.js';
import type { SubscriptionBody } from './schema.js';
import { vapidKeys, vapidSubject } from './vapid.js';

export type OfflineDeps = {
  db: Db;
  clock: Clock;
  publicUrl: string;
  mailFrom: string;
};

/** Notices older than this when they could first be pushed are no longer news: they stay in the list only. */
const PUSH_WINDOW_MS = 72 * 3600_000;

/** The key browsers subscribe with (`applicationServerKey`). */
export async function publicKey({ db }: OfflineDeps): Promise<string> {
  return (await vapidKeys(db)).publicKey;
}

/**
 * A device of the signed-in person opts in. Production instances (https) only push to https services;
 * a plain-http instance (development, tests) also accepts a plain-http one.
 */
export async function subscribe(deps: OfflineDeps, actor: Actor, input: SubscriptionBody): Promise<{ id: string }> {
  authorize(actor, 'offline.push.manage', { personId: actor.personId });
  const url = new URL(input.endpoint);
  const allowed = deps.publicUrl.startsWith('https://') ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) throw new InvalidInput([{ field: 'endpoint', message: t('offline.push.error.endpoint') }]);
  const id = (await repo.findByEndpoint(deps.db, input.endpoint))?.id ?? newId();
  await repo.upsertSubscription(deps.db, {
    id,
    personId: actor.personId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    createdAt: deps.clock.now().toISOString(),
    lastSentAt: null,
  });
  return { id };
}

/** The device stops: only the person's own subscription goes (another's endpoint answers 404). */
export async function unsubscribe(deps: OfflineDeps, actor: Actor, endpoint: string): Promise<void> {
  const found = await repo.findByEndpoint(deps.db, endpoint);
  authorize(actor, 'offline.push.remove', found ? { personId: found.personId } : null);
  // authorize() threw NotFound when nothing was found.
  if (found) await repo.deleteSubscription(deps.db, found.id);
}

export async function deviceCount(deps: OfflineDeps, actor: Actor): Promise<number> {
  authorize(actor, 'offline.push.manage', { personId: actor.personId });
  return repo.countOf(deps.db, actor.personId);
}

/**
 * The push channel's job: each shown, unread notice not pushed yet goes to its recipient's devices,
 * except in their school's quiet hours (the e-mail notices' own), when it waits for a later slot.
 * A device the push service no longer knows (404, 410) is forgotten.
 */
export async function sendDuePushes(deps: OfflineDeps, now: Date): Promise<{ sent: number; gone: number }> {
  const { db } = deps;
  const due = await repo.duePushes(db, new Date(now.getTime() - PUSH_WINDOW_MS).toISOString(), now.toISOString(), 200);
  if (due.length === 0) return { sent: 0, gone: 0 };
  const recipients = [...new Set(due.map((n) => n.recipientId))];
  const schools = await repo.schoolsOf(db, recipients);
  const quiet = new Map<string, boolean>();
  for (const personId of recipients) {
    const school = schools.get(personId);
    const hours = school ? await messagingSettingsOf(db, school, now) : null;
    quiet.set(personId, hours ? isQuietAt(hours, now) : false);
  }
  const devices = await repo.subscriptionsOf(
    db,
    recipients.filter((p) => !quiet.get(p)),
  );
  const keys = await vapidKeys(db);
  const vapidDetails = { subject: vapidSubject(deps.publicUrl, deps.mailFrom), publicKey: keys.publicKey, privateKey: keys.privateKey };
  const at = now.toISOString();
  let sent = 0;
  let gone = 0;
  for (const notice of due) {
    if (quiet.get(notice.recipientId)) continue;
    const payload = JSON.stringify({ title: notice.title, body: notice.body ?? '', link: notice.link });
    let retry = false;
    for (const device of devices.filter((d) => d.personId === notice.recipientId)) {
      // web-push encrypts and signs; the request itself goes through fetch, over https or plain http alike.
      const details = webpush.generateRequestDetails({ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } }, payload, {
        vapidDetails,
        TTL: 24 * 3600,
      });
      const status = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: new Uint8Array(details.body as Buffer),
        signal: AbortSignal.timeout(10_000),
      }).then(
        (res) => res.status,
        () => 0,
      );
      if (status >= 200 && status < 300) {
        await repo.markSent(db, device.id, at);
        sent++;
      } else if (status === 404 || status === 410) {
        await repo.deleteSubscription(db, device.id);
        gone++;
      } else if (status === 0 || status === 429 || status >= 500) {
        // The push service is unreachable or busy: the notice is tried again at the next slot.
        retry = true;
      }
    }
    if (!retry) await repo.markPushed(db, notice.id, at);
  }
  return { sent, gone };
}

/** The record of pushed notices is kept as long as a notice can be pushed, then dropped. */
export async function purgeSent(deps: OfflineDeps, now: Date): Promise<void> {
  await repo.purgeSentBefore(deps.db, new Date(now.getTime() - 2 * PUSH_WINDOW_MS).toISOString());
}
