// A school's messaging administration: communication rules, quiet hours, the read-only switch,
// held mass sends; and each person's email-notice preference.
import { Forbidden, NotFound, type Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { AppError, InvalidInput, Problems } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit.js';
import { displayName } from '../directory/index.js';
import { t } from './i18n/fr.js';
import { queueNotices } from './notify.js';
import { managesMessaging } from './policy.js';
import { HHMM } from './quiet.js';
import * as repo from './repository.js';
import { AUDIENCES, SCOPES, ensureSettings, replaceRules, rulesOf, type Rule, type Settings } from './rules.js';
import { chosen } from './service.js';
import type { EmailMode } from './tables.js';

function requireManager(actor: Actor, structureId: string): void {
  // A manager of another school learns nothing about this one.
  if (!actor.structures.some((s) => s.id === structureId) && !actor.isSuperAdmin) throw new NotFound();
  if (!managesMessaging(actor, structureId)) throw new Forbidden();
}

export async function settingsOf(db: Db, actor: Actor, structureId: string): Promise<Settings & { rules: Rule[] }> {
  requireManager(actor, structureId);
  const settings = await ensureSettings(db, structureId);
  if (!settings) throw new NotFound();
  return { ...settings, rules: await rulesOf(db, structureId) };
}

export async function setRules(db: Db, actor: Actor, structureId: string, rules: Rule[], ip: string | null): Promise<void> {
  requireManager(actor, structureId);
  const seen = new Set<string>();
  for (const rule of rules) {
    const key = `${rule.fromAudience}>${rule.toAudience}`;
    if (!AUDIENCES.includes(rule.fromAudience) || !AUDIENCES.includes(rule.toAudience) || !SCOPES.includes(rule.scope) || seen.has(key)) {
      throw new InvalidInput([{ field: 'rules', message: t('messaging.error.bad_rule') }]);
    }
    seen.add(key);
  }
  await replaceRules(db, structureId, rules);
  await audit(db, {
    action: 'messaging.rules',
    actorId: actor.personId,
    structureId,
    ip,
    details: { rules: rules.map((r) => `${r.fromAudience}>${r.toAudience}:${r.scope}`) },
  });
}

export async function setQuietHours(
  db: Db,
  actor: Actor,
  structureId: string,
  input: { quietStart: string; quietEnd: string; quietWeekends: boolean },
): Promise<void> {
  requireManager(actor, structureId);
  const problems = new Problems();
  problems.check(HHMM.test(input.quietStart), 'quietStart', t('messaging.error.bad_time'));
  problems.check(HHMM.test(input.quietEnd), 'quietEnd', t('messaging.error.bad_time'));
  problems.throwIfAny();
  await ensureSettings(db, structureId);
  await db
    .updateTable('messagingSettings')
    .set({ quietStart: input.quietStart, quietEnd: input.quietEnd, quietWeekends: input.quietWeekends ? 1 : 0, updatedAt: new Date().toISOString() })
    .where('structureId', '=', structureId)
    .execute();
}

/** The one-action switch for an attack: no message can be sent in the school until it is switched back. */
export async function setReadOnly(db: Db, actor: Actor, structureId: string, readOnly: boolean, ip: string | null): Promise<void> {
  requireManager(actor, structureId);
  await ensureSettings(db, structureId);
  await db
    .updateTable('messagingSettings')
    .set({ readOnly: readOnly ? 1 : 0, updatedAt: new Date().toISOString() })
    .where('structureId', '=', structureId)
    .execute();
  await audit(db, { action: readOnly ? 'messaging.read_only.on' : 'messaging.read_only.off', actorId: actor.personId, structureId, ip });
}

export async function readOnlyOf(db: Db, structureId: string | null): Promise<boolean> {
  if (!structureId) return false;
  const row = await db.selectFrom('messagingSettings').select('readOnly').where('structureId', '=', structureId).executeTakeFirst();
  return row?.readOnly === 1;
}

export async function listHeld(db: Db, actor: Actor, structureId: string) {
  requireManager(actor, structureId);
  const rows = await repo.heldMessages(db, structureId);
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    bodyHtml: r.bodyHtml,
    recipientCount: r.recipientCount,
    to: chosen(r.toJson).map((c) => c.label),
    sentAt: r.sentAt ?? '',
    sender: displayName(r),
    senderProfile: r.profile,
  }));
}

/** Releases (delivers) or rejects a held send; audited either way. */
export async function decideHeld(db: Db, actor: Actor, id: string, release: boolean, now: Date, ip: string | null): Promise<{ noticesDue: number }> {
  const message = await repo.findMessage(db, id);
  if (!message || !actor.structures.some((s) => s.id === message.structureId)) throw new NotFound();
  requireManager(actor, message.structureId);
  if (message.state !== 'held') throw new AppError(409, 'messaging.not_held', t('messaging.error.not_held'));
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({ state: release ? 'sent' : 'rejected', updatedAt: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('messageRecipients')
      .set({ folder: release ? 'inbox' : 'purged' })
      .where('messageId', '=', id)
      .where('folder', '=', 'held')
      .execute();
  });
  await audit(db, {
    action: release ? 'messaging.held.released' : 'messaging.held.rejected',
    actorId: actor.personId,
    subjectId: id,
    structureId: message.structureId,
    ip,
  });
  if (!release) return { noticesDue: 0 };
  const settings = (await ensureSettings(db, message.structureId))!;
  const recipients = await db.selectFrom('messageRecipients').select('personId').where('messageId', '=', id).execute();
  return {
    noticesDue: await queueNotices(
      db,
      id,
      recipients.map((r) => r.personId),
      settings,
      now,
    ),
  };
}

export const EMAIL_MODES: readonly EmailMode[] = ['off', 'immediate', 'digest'];

export async function preferencesOf(db: Db, actor: Actor): Promise<{ emailMode: EmailMode; hasEmail: boolean }> {
  const [pref, person] = await Promise.all([
    db.selectFrom('messagingPreferences').select('emailMode').where('personId', '=', actor.personId).executeTakeFirst(),
    db.selectFrom('people').select('email').where('id', '=', actor.personId).executeTakeFirst(),
  ]);
  return { emailMode: pref?.emailMode ?? 'off', hasEmail: !!person?.email };
}

export async function setPreferences(db: Db, actor: Actor, emailMode: EmailMode): Promise<void> {
  if (!EMAIL_MODES.includes(emailMode)) throw new InvalidInput([{ field: 'emailMode', message: t('error.validation') }]);
  const updatedAt = new Date().toISOString();
  await db
    .insertInto('messagingPreferences')
    .values({ personId: actor.personId, emailMode, updatedAt })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ emailMode, updatedAt }))
    .execute();
}
