import type { Actor } from '../../kernel/authz/index.js';
import { NotFound } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { AppError, BadRequest, Problems } from '../../kernel/http/errors.js';
import { audit } from '../../kernel/audit.js';
import { displayName } from '../directory/index.js';
import { htmlToText, safeHtml, searchTextOf, textToHtml } from './body.js';
import { t } from './i18n/fr.js';
import { queueNotices } from './notify.js';
import { PATTERN_DAYS, breaksPattern, hourlyLimit, massThreshold } from './policy.js';
import * as repo from './repository.js';
import { allowedAmong, ensureSettings, rulesOf } from './rules.js';
import { expandTarget, groupTargets, labelOf, parseToken, type Target } from './targets.js';

export const MAX_SUBJECT = 200;
export const MAX_BODY = 100_000;
export const MAX_TARGETS = 200;
export const MAX_FILES = 5;
const CHUNK = 500;

export interface NewFile {
  key: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface ComposeInput {
  to: string[];
  cc?: string[];
  subject: string;
  /** Plain text, as typed in a form. */
  body?: string;
  /** Formatted body from an API client; reduced to a safe subset. */
  bodyHtml?: string;
  parentId?: string | null;
  /** A message whose attachments go along (forward). */
  forwardId?: string | null;
  draftId?: string | null;
  files?: NewFile[];
}

export interface Clock {
  now: Date;
  year: string;
  /** Called after a send when some email notices are due at once. */
  noticesDue?: () => void;
}

interface Chosen {
  token: string;
  label: string;
}

function activeStructure(actor: Actor): string {
  if (!actor.activeStructureId) throw new BadRequest('messaging.no_structure', t('messaging.error.no_structure'));
  return actor.activeStructureId;
}

function bodyOf(input: ComposeInput): string {
  return input.bodyHtml !== undefined ? safeHtml(input.bodyHtml) : textToHtml(input.body ?? '');
}

function checkContent(input: ComposeInput, forSend: boolean): { html: string; targets: { to: Target[]; cc: Target[] } } {
  const problems = new Problems();
  const raw = input.bodyHtml ?? input.body ?? '';
  problems.check(input.subject.length <= MAX_SUBJECT, 'subject', t('messaging.error.subject_long'));
  problems.check(raw.length <= MAX_BODY, 'body', t('messaging.error.body_long'));
  const to = input.to.map(parseToken);
  const cc = (input.cc ?? []).map(parseToken);
  problems.check(![...to, ...cc].includes(null), 'to', t('messaging.error.bad_recipient'));
  problems.check(to.length + cc.length <= MAX_TARGETS, 'to', t('messaging.error.too_many_targets'));
  const html = raw.length <= MAX_BODY ? bodyOf(input) : '';
  if (forSend) {
    problems.check(to.length > 0, 'to', t('messaging.error.no_recipients'));
    problems.check(raw.length > MAX_BODY || htmlToText(html).length > 0, 'body', t('messaging.error.body_empty'));
  }
  problems.throwIfAny();
  const dedupe = (list: Target[]) => [...new Map(list.map((x) => [x.token, x])).values()];
  const toTargets = dedupe(to as Target[]);
  const toTokens = new Set(toTargets.map((x) => x.token));
  return { html, targets: { to: toTargets, cc: dedupe(cc as Target[]).filter((x) => !toTokens.has(x.token)) } };
}

async function labelsFor(db: Db, targets: Target[], known: Map<string, string>): Promise<Chosen[]> {
  const out: Chosen[] = [];
  const people = targets.flatMap((x) => (x.kind === 'person' ? [x.personId] : []));
  const names = new Map<string, string>();
  for (let i = 0; i < people.length; i += CHUNK) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'firstName', 'lastName', 'usageName'])
      .where('id', 'in', people.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) names.set(r.id, displayName(r));
  }
  for (const x of targets) {
    const label = x.kind === 'person' ? names.get(x.personId) : (known.get(x.token) ?? (await labelOf(db, x)));
    if (label) out.push({ token: x.token, label });
  }
  return out;
}

/** A message the actor may read: theirs (not purged) or a delivered copy; anything else is "not found". */
export async function readable(db: Db, actor: Actor, id: string) {
  const message = await repo.findMessage(db, id);
  if (!message) throw new NotFound();
  if (message.senderId === actor.personId && message.senderFolder !== 'purged') return { message, copy: null };
  const copy = await repo.recipientRow(db, id, actor.personId);
  if (!copy || (copy.folder !== 'inbox' && copy.folder !== 'trash')) throw new NotFound();
  return { message, copy };
}

async function ownDraft(db: Db, actor: Actor, id: string) {
  const draft = await repo.findMessage(db, id);
  if (!draft || draft.senderId !== actor.personId || draft.state !== 'draft')
    throw new AppError(404, 'messaging.unknown_draft', t('messaging.error.unknown_draft'));
  return draft;
}

async function attachmentRows(db: Db, actor: Actor, messageId: string, input: ComposeInput, existing: number) {
  const forwarded = input.forwardId ? await repo.attachmentsOf(db, [(await readable(db, actor, input.forwardId)).message.id]) : [];
  const forwardedFull = forwarded.length
    ? await db
        .selectFrom('messageAttachments')
        .selectAll()
        .where(
          'id',
          'in',
          forwarded.map((a) => a.id),
        )
        .execute()
    : [];
  const files = input.files ?? [];
  if (existing + files.length + forwardedFull.length > MAX_FILES) throw new BadRequest('messaging.too_many_files', t('messaging.error.too_many_files'));
  const createdAt = new Date().toISOString();
  return [
    ...files.map((f) => ({ id: newId(), messageId, blobKey: f.key, filename: f.fileName, contentType: f.contentType, size: f.size, createdAt })),
    ...forwardedFull.map((a) => ({ id: newId(), messageId, blobKey: a.blobKey, filename: a.filename, contentType: a.contentType, size: a.size, createdAt })),
  ];
}

/** Saves a new draft or updates one; recipients are only checked for form here, the rules apply at send time. */
export async function saveDraft(db: Db, actor: Actor, input: ComposeInput, clock: Clock): Promise<{ id: string }> {
  const structureId = activeStructure(actor);
  const { html, targets } = checkContent(input, false);
  const draft = input.draftId ? await ownDraft(db, actor, input.draftId) : null;
  if (input.parentId) await readable(db, actor, input.parentId);
  const [to, cc] = await Promise.all([labelsFor(db, targets.to, new Map()), labelsFor(db, targets.cc, new Map())]);
  const id = draft?.id ?? newId();
  const existing = draft ? (await repo.attachmentsOf(db, [id])).length : 0;
  const files = await attachmentRows(db, actor, id, input, existing);
  const now = clock.now.toISOString();
  const values = {
    subject: input.subject.trim(),
    bodyHtml: html,
    toJson: JSON.stringify(to),
    ccJson: JSON.stringify(cc),
    searchText: searchTextOf(input.subject, htmlToText(html)),
    updatedAt: now,
  };
  await db.transaction().execute(async (trx) => {
    if (draft) await trx.updateTable('messages').set(values).where('id', '=', id).execute();
    else {
      const parent = input.parentId ? await trx.selectFrom('messages').select('threadId').where('id', '=', input.parentId).executeTakeFirst() : null;
      await trx
        .insertInto('messages')
        .values({
          id,
          threadId: parent?.threadId ?? id,
          parentId: input.parentId ?? null,
          senderId: actor.personId,
          structureId,
          state: 'draft',
          senderFolder: 'drafts',
          recipientCount: 0,
          createdAt: now,
          sentAt: null,
          ...values,
        })
        .execute();
    }
    if (files.length) await trx.insertInto('messageAttachments').values(files).execute();
  });
  return { id };
}

export interface SendResult {
  id: string;
  state: 'sent' | 'held';
  recipientCount: number;
}

/**
 * Sends a message: checks every recipient against the school's rules (one refused → 403, nothing
 * sent), expands groups, applies the hourly limit and the mass-send check, then stores the message
 * once with one row per recipient, in one transaction.
 */
export async function sendMessage(db: Db, actor: Actor, input: ComposeInput, clock: Clock): Promise<SendResult> {
  const structureId = activeStructure(actor);
  const { html, targets } = checkContent(input, true);
  const settings = (await ensureSettings(db, structureId))!;
  if (settings.readOnly) throw new AppError(403, 'messaging.read_only', t('messaging.error.read_only'));
  const draft = input.draftId ? await ownDraft(db, actor, input.draftId) : null;
  const parentId = input.parentId ?? draft?.parentId ?? null;
  const parent = parentId ? (await readable(db, actor, parentId)).message : null;

  const rules = await rulesOf(db, structureId);
  const all = [...targets.to, ...targets.cc];
  const personIds = all.flatMap((x) => (x.kind === 'person' ? [x.personId] : []));
  const allowed = await allowedAmong(db, actor, structureId, personIds, clock.year, rules);
  const hasGroups = all.some((x) => x.kind !== 'person');
  const offered = new Map(hasGroups ? (await groupTargets(db, actor, structureId, rules, clock.year)).map((g) => [g.token, g.label]) : []);
  const refused = all.filter((x) => (x.kind === 'person' ? !allowed.has(x.personId) : !offered.has(x.token))).map((x) => x.token);
  if (refused.length > 0) throw new AppError(403, 'messaging.not_allowed', t('messaging.error.not_allowed'), { refused });

  const expand = async (list: Target[]) => {
    const ids = new Set<string>();
    for (const x of list) {
      if (x.kind === 'person') ids.add(x.personId);
      else for (const id of await expandTarget(db, actor, structureId, rules, clock.year, x)) ids.add(id);
    }
    return ids;
  };
  const toIds = await expand(targets.to);
  const ccIds = [...(await expand(targets.cc))].filter((id) => !toIds.has(id));
  const total = toIds.size + ccIds.length;
  if (total === 0)
    throw new BadRequest('messaging.no_recipients', t('messaging.error.no_recipients'), [{ field: 'to', message: t('messaging.error.no_recipients') }]);

  const hourAgo = new Date(clock.now.getTime() - 3600_000).toISOString();
  const recent = await repo.recentRecipients(db, actor.personId, hourAgo);
  const fresh = [...toIds, ...ccIds].filter((id) => !recent.has(id)).length;
  const limit = hourlyLimit(actor, structureId);
  if (recent.size + fresh > limit)
    throw new AppError(429, 'messaging.rate_limited', t('messaging.error.rate_limited', limit), { limit, recent: recent.size, asked: fresh });
  const largest = await repo.largestSend(db, actor.personId, new Date(clock.now.getTime() - PATTERN_DAYS * 86400_000).toISOString());
  const held = breaksPattern(total, massThreshold(actor, structureId), largest);

  const [to, cc] = await Promise.all([labelsFor(db, targets.to, offered), labelsFor(db, targets.cc, offered)]);
  const id = draft?.id ?? newId();
  const existing = draft ? (await repo.attachmentsOf(db, [id])).length : 0;
  const files = await attachmentRows(db, actor, id, input, existing);
  const now = clock.now.toISOString();
  const sender = actor.displayName;
  const values = {
    threadId: parent?.threadId ?? draft?.threadId ?? id,
    parentId: parent?.id ?? null,
    state: held ? ('held' as const) : ('sent' as const),
    senderFolder: 'sent' as const,
    subject: input.subject.trim(),
    bodyHtml: html,
    toJson: JSON.stringify(to),
    ccJson: JSON.stringify(cc),
    recipientCount: total,
    searchText: searchTextOf(sender, input.subject, htmlToText(html)),
    updatedAt: now,
    sentAt: now,
  };
  const folder = held ? ('held' as const) : ('inbox' as const);
  const rows = [...[...toIds].map((personId) => ({ personId, kind: 'to' as const })), ...ccIds.map((personId) => ({ personId, kind: 'cc' as const }))].map(
    (r) => ({
      messageId: id,
      ...r,
      folder,
      readAt: null,
      sentAt: now,
    }),
  );
  await db.transaction().execute(async (trx) => {
    if (draft)
      await trx
        .updateTable('messages')
        .set({ ...values, structureId })
        .where('id', '=', id)
        .execute();
    else
      await trx
        .insertInto('messages')
        .values({ id, senderId: actor.personId, structureId, createdAt: now, ...values })
        .execute();
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('messageRecipients')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    if (files.length) await trx.insertInto('messageAttachments').values(files).execute();
  });
  if (held) {
    await audit(db, { action: 'messaging.held', actorId: actor.personId, subjectId: id, structureId, details: { recipients: total, largestBefore: largest } });
  } else {
    const due = await queueNotices(
      db,
      id,
      rows.map((r) => r.personId),
      settings,
      clock.now,
    );
    if (due > 0) clock.noticesDue?.();
  }
  return { id, state: held ? 'held' : 'sent', recipientCount: total };
}

export async function deleteDraft(db: Db, actor: Actor, id: string): Promise<void> {
  const draft = await ownDraft(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('messageAttachments').where('messageId', '=', draft.id).execute();
    await trx.deleteFrom('messages').where('id', '=', draft.id).execute();
  });
}

/** Marks one's copy read or unread. */
export async function setRead(db: Db, actor: Actor, id: string, read: boolean, now: Date): Promise<void> {
  const { copy } = await readable(db, actor, id);
  if (!copy) return;
  await db
    .updateTable('messageRecipients')
    .set({ readAt: read ? (copy.readAt ?? now.toISOString()) : null })
    .where('messageId', '=', id)
    .where('personId', '=', actor.personId)
    .execute();
}

/** Moves one's own copy to the trash (or back); everybody else keeps theirs. A draft is deleted. */
export async function moveToTrash(db: Db, actor: Actor, id: string, trash: boolean): Promise<void> {
  const { message, copy } = await readable(db, actor, id);
  if (copy) {
    await db
      .updateTable('messageRecipients')
      .set({ folder: trash ? 'trash' : 'inbox' })
      .where('messageId', '=', id)
      .where('personId', '=', actor.personId)
      .execute();
    return;
  }
  if (message.state === 'draft') {
    if (trash) await deleteDraft(db, actor, id);
    return;
  }
  await db
    .updateTable('messages')
    .set({ senderFolder: trash ? 'trash' : 'sent' })
    .where('id', '=', id)
    .execute();
}

/** Empties one's trash: the copies are gone for this person only. */
export async function emptyTrash(db: Db, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('messageRecipients').set({ folder: 'purged' }).where('personId', '=', actor.personId).where('folder', '=', 'trash').execute();
    await trx.updateTable('messages').set({ senderFolder: 'purged' }).where('senderId', '=', actor.personId).where('senderFolder', '=', 'trash').execute();
  });
}

/** Recipients as stored in a message: tokens and labels. */
export function chosen(json: string): Chosen[] {
  try {
    return JSON.parse(json) as Chosen[];
  } catch {
    return [];
  }
}

/** Adds uploaded files to one's draft; the files are read only once the draft is known to be one's own. */
export async function saveDraftFiles(db: Db, actor: Actor, draftId: string, receive: (room: number) => Promise<(NewFile & { key: string })[]>): Promise<void> {
  const draft = await ownDraft(db, actor, draftId);
  const existing = (await repo.attachmentsOf(db, [draft.id])).length;
  const files = await receive(MAX_FILES - existing);
  const rows = await attachmentRows(db, actor, draft.id, { to: [], subject: '', files }, existing);
  if (rows.length) await db.insertInto('messageAttachments').values(rows).execute();
}

/** Labels of recipient tokens typed or kept in a form; unknown ones are dropped. */
export async function describeTokens(db: Db, tokens: string[], known: Map<string, string>): Promise<Chosen[]> {
  const targets = tokens.map(parseToken).filter((x): x is Target => x !== null);
  return labelsFor(db, [...new Map(targets.map((x) => [x.token, x])).values()], known);
}
