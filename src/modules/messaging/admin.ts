// A school's messaging administration: communication rules, quiet hours, the read-only switch,
// held mass sends; and each person's email-notice preference.
import { authorize, type Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { AppError, InvalidInput, Problems } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit.js';
import { displayName, findStructure } from '../directory/index.js';
import { t } from './i18n/fr.js';
import { queueNotices } from './notify.js';
import type { SchoolFacts } from './policy.js';
import { HHMM } from '../../kernel/quiet-hours.js';
import * as repo from './repository.js';
import * as engine from './repository/rules.js';
import { AUDIENCES, SCOPES, type Rule, type Settings } from './rules.js';
import { chosen, type MessagingDeps } from './service.js';
import type { EmailMode } from './tables.js';

type SchoolAction = 'messaging.rules.manage' | 'messaging.quietHours.manage' | 'messaging.readOnly.switch' | 'messaging.held.review';

/** Asserts the school's rule for `action`; a school that does not exist is "not found". */
async function managedSchool(db: Db, actor: Actor, structureId: string | null, action: SchoolAction): Promise<{ id: string; name: string }> {
  const structure = structureId ? await findStructure(db, structureId) : undefined;
  const facts: SchoolFacts | null = structure ? { structureId: structure.id } : null;
  authorize(actor, action, facts);
  return structure!;
}

export async function settingsOf(deps: MessagingDeps, actor: Actor, structureId: string): Promise<Settings & { rules: Rule[] }> {
  await managedSchool(deps.db, actor, structureId, 'messaging.rules.manage');
  const now = deps.clock.now();
  const settings = (await engine.ensureSettings(deps.db, structureId, now))!;
  return { ...settings, rules: await engine.rulesOf(deps.db, structureId, now) };
}

/** The managers' page of their active school: settings, rules and held sends. */
export async function adminOverview(deps: MessagingDeps, actor: Actor) {
  const structure = await managedSchool(deps.db, actor, actor.activeStructureId, 'messaging.rules.manage');
  const [settings, held] = await Promise.all([settingsOf(deps, actor, structure.id), listHeld(deps, actor, structure.id)]);
  return { structureId: structure.id, structureName: structure.name, settings, held };
}

/** The active school's id, for forms of the managers' page (the page's own rule applies). */
export async function activeManagedSchool(deps: MessagingDeps, actor: Actor, action: SchoolAction): Promise<string> {
  return (await managedSchool(deps.db, actor, actor.activeStructureId, action)).id;
}

export async function setRules(deps: MessagingDeps, actor: Actor, structureId: string, rules: Rule[], ip: string | null): Promise<void> {
  await managedSchool(deps.db, actor, structureId, 'messaging.rules.manage');
  const seen = new Set<string>();
  for (const rule of rules) {
    const key = `${rule.fromAudience}>${rule.toAudience}`;
    if (!AUDIENCES.includes(rule.fromAudience) || !AUDIENCES.includes(rule.toAudience) || !SCOPES.includes(rule.scope) || seen.has(key)) {
      throw new InvalidInput([{ field: 'rules', message: t('messaging.error.bad_rule') }]);
    }
    seen.add(key);
  }
  await engine.replaceRules(deps.db, structureId, rules, deps.clock.now());
  await audit(deps.db, {
    action: 'messaging.rules',
    actorId: actor.personId,
    structureId,
    ip,
    details: { rules: rules.map((r) => `${r.fromAudience}>${r.toAudience}:${r.scope}`) },
  });
}

export async function setQuietHours(
  deps: MessagingDeps,
  actor: Actor,
  structureId: string,
  input: { quietStart: string; quietEnd: string; quietWeekends: boolean },
): Promise<void> {
  await managedSchool(deps.db, actor, structureId, 'messaging.quietHours.manage');
  const problems = new Problems();
  problems.check(HHMM.test(input.quietStart), 'quietStart', t('messaging.error.bad_time'));
  problems.check(HHMM.test(input.quietEnd), 'quietEnd', t('messaging.error.bad_time'));
  problems.throwIfAny();
  await engine.updateSettings(
    deps.db,
    structureId,
    { quietStart: input.quietStart, quietEnd: input.quietEnd, quietWeekends: input.quietWeekends ? 1 : 0 },
    deps.clock.now(),
  );
}

/** The one-action switch for an attack: no message can be sent in the school until it is switched back. */
export async function setReadOnly(deps: MessagingDeps, actor: Actor, structureId: string, readOnly: boolean, ip: string | null): Promise<void> {
  await managedSchool(deps.db, actor, structureId, 'messaging.readOnly.switch');
  await engine.updateSettings(deps.db, structureId, { readOnly: readOnly ? 1 : 0 }, deps.clock.now());
  await audit(deps.db, { action: readOnly ? 'messaging.read_only.on' : 'messaging.read_only.off', actorId: actor.personId, structureId, ip });
}

/** Whether sending is switched off in the person's active school (shown to everyone who writes there). */
export async function readOnlyOf(db: Db, structureId: string | null): Promise<boolean> {
  return structureId ? engine.readOnlyOf(db, structureId) : false;
}

export async function listHeld(deps: MessagingDeps, actor: Actor, structureId: string) {
  await managedSchool(deps.db, actor, structureId, 'messaging.held.review');
  const rows = await repo.heldMessages(deps.db, structureId);
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
export async function decideHeld(deps: MessagingDeps, actor: Actor, id: string, release: boolean, ip: string | null): Promise<void> {
  const { db } = deps;
  const message = await repo.findMessage(db, id);
  authorize(actor, 'messaging.held.review', message ? { structureId: message.structureId } : null);
  if (message!.state !== 'held') throw new AppError(409, 'messaging.not_held', t('messaging.error.not_held'));
  const now = deps.clock.now();
  await repo.decideHeld(db, id, release, now.toISOString());
  await audit(db, {
    action: release ? 'messaging.held.released' : 'messaging.held.rejected',
    actorId: actor.personId,
    subjectId: id,
    structureId: message!.structureId,
    ip,
  });
  if (!release) return;
  const settings = (await engine.ensureSettings(db, message!.structureId, now))!;
  const due = await queueNotices(db, id, await repo.recipientIdsOf(db, id), settings, now);
  if (due > 0) await deps.noticesDue?.(id);
}

export const EMAIL_MODES: readonly EmailMode[] = ['off', 'immediate', 'digest'];

export async function preferencesOf(deps: MessagingDeps, actor: Actor): Promise<{ emailMode: EmailMode; hasEmail: boolean }> {
  return repo.emailPreference(deps.db, actor.personId);
}

export async function setPreferences(deps: MessagingDeps, actor: Actor, emailMode: EmailMode): Promise<void> {
  if (!EMAIL_MODES.includes(emailMode)) throw new InvalidInput([{ field: 'emailMode', message: t('error.validation') }]);
  await repo.setEmailPreference(deps.db, actor.personId, emailMode, deps.clock.now().toISOString());
}
