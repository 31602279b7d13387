import { authorize, can, type Actor } from '../../kernel/authz/index.js';
import type { Clock as AppClock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { AppError, BadRequest, Problems } from '../../kernel/http/errors.js';
import { withLocale } from '../../kernel/i18n/index.js';
import { audit } from '../../kernel/audit.js';
import { displayName, schoolYearOf } from '../directory/index.js';
import { htmlToText, safeHtml, searchTextOf, textToHtml } from './body.js';
import { t } from './i18n/fr.js';
import { queueNotices } from './notify.js';
import type { Rule } from './rules.js';
import { PATTERN_DAYS, breaksPattern, hourlyLimit, massThreshold, type MessageFacts, type SendFacts } from './policy.js';
import * as repo from './repository.js';
import * as engine from './repository/rules.js';
import { expandTarget, groupTargets, parseToken, type Target } from './targets.js';

export const MAX_SUBJECT = 200;
export const MAX_BODY = 100_000;
export const MAX_TARGETS = 200;
export const MAX_FILES = 5;

/** What the messaging use cases need: the database, the application's clock, the notice trigger. */
export interface MessagingDeps {
  db: Db;
  clock: AppClock;
  /** Called after a send or a release when some email notices are due at once. */
  noticesDue?: (messageId: string) => Promise<void>;
}

/** The school year running at the clock's time. */
export const yearOf = (deps: MessagingDeps) => schoolYearOf(deps.clock.now());

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

export interface Chosen {
  token: string;
  label: string;
}

type Action =
  'messaging.message.read' | 'messaging.message.organize' | 'messaging.message.reply' | 'messaging.message.forward' | 'messaging.attachment.download';

/**
 * A message as the asking person may use it, after the policy's rule for `action` has said yes:
 * the message and the person's own delivered copy (null when they are its sender).
 */
export async function readable(db: Db, actor: Actor, id: string, action: Action = 'messaging.message.read') {
  const message = await repo.findMessage(db, id);
  const copy = message ? await repo.recipientRow(db, id, actor.personId) : undefined;
  const facts: MessageFacts | null = message ? { ...message, copyFolder: copy?.folder ?? null } : null;
  authorize(actor, action, facts);
  const own = message!.senderId === actor.personId && message!.senderFolder !== 'purged';
  return { message: message!, copy: own ? null : copy! };
}

/** One's own draft, or "not found". */
export async function ownDraft(db: Db, actor: Actor, id: string, action: 'messaging.draft.edit' | 'messaging.attachment.upload' = 'messaging.draft.edit') {
  const draft = await repo.findMessage(db, id);
  authorize(actor, action, draft ? { ...draft, copyFolder: null } : null);
  return draft!;
}

/** The school a person writes from; asserted before anything of a new message is read or stored. */
export function composingSchool(actor: Actor): string {
  const facts = { structureId: actor.activeStructureId };
  authorize(actor, 'messaging.message.compose', facts);
  return facts.structureId!;
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

/**
 * Labels of targets for display. Only what the writer may reach is named: people among `reachable`,
 * groups and school profiles among `offered` (token → label); any other target keeps its token
 * with a neutral label, so that an id typed or saved reveals nobody's name.
 */
async function labelsFor(db: Db, targets: Target[], offered: Map<string, string>, reachable: Set<string>): Promise<Chosen[]> {
  const people = targets.flatMap((x) => (x.kind === 'person' && reachable.has(x.personId) ? [x.personId] : []));
  const names = new Map((await repo.peopleNames(db, people)).map((r) => [r.id, displayName(r)]));
  const unavailable = t('messaging.recipient.unavailable');
  return targets.map((x) => ({ token: x.token, label: (x.kind === 'person' ? names.get(x.personId) : offered.get(x.token)) ?? unavailable }));
}

/**
 * The groups one may address as a message stores them: labelled in French, the school's language,
 * whatever language the writer reads the interface in, so that readers see "CE1 – parents" as the
 * school names it. Forms label them again in the reader's language.
 */
const storedOffer = async (db: Db, actor: Actor, structureId: string, rules: Rule[], year: string) =>
  new Map((await withLocale('fr', () => groupTargets(db, actor, structureId, rules, year))).map((g) => [g.token, g.label]));

/** The recipients' labels kept with a message, in French like the groups' (see `storedOffer`). */
const storedLabels = (db: Db, targets: { to: Target[]; cc: Target[] }, offered: Map<string, string>, allowed: Set<string>) =>
  withLocale('fr', () => Promise.all([labelsFor(db, targets.to, offered, allowed), labelsFor(db, targets.cc, offered, allowed)]));

/** Whom the writer may reach among these targets this year: people allowed by the rules, and the groups offered to them. */
async function reachability(db: Db, actor: Actor, structureId: string, targets: Target[], now: Date) {
  const year = schoolYearOf(now);
  const rules = await engine.rulesOf(db, structureId, now);
  const personIds = targets.flatMap((x) => (x.kind === 'person' ? [x.personId] : []));
  const allowed = personIds.length > 0 ? await engine.allowedAmong(db, actor, structureId, personIds, year, rules) : new Set<string>();
  const offered = targets.some((x) => x.kind !== 'person') ? await storedOffer(db, actor, structureId, rules, year) : new Map<string, string>();
  return { allowed, offered };
}

async function attachmentRows(deps: MessagingDeps, actor: Actor, messageId: string, input: ComposeInput, existing: number) {
  const forwarded = input.forwardId
    ? await repo.attachmentFiles(deps.db, [(await readable(deps.db, actor, input.forwardId, 'messaging.message.forward')).message.id])
    : [];
  const files = input.files ?? [];
  if (existing + files.length + forwarded.length > MAX_FILES) throw new BadRequest('messaging.too_many_files', t('messaging.error.too_many_files'));
  const createdAt = deps.clock.now().toISOString();
  return [
    ...files.map((f) => ({ id: newId(), messageId, blobKey: f.key, filename: f.fileName, contentType: f.contentType, size: f.size, createdAt })),
    ...forwarded.map((a) => ({ id: newId(), messageId, blobKey: a.blobKey, filename: a.filename, contentType: a.contentType, size: a.size, createdAt })),
  ];
}

/** Saves a new draft or updates one; recipients are only checked for form here, the rules apply at send time. */
export async function saveDraft(deps: MessagingDeps, actor: Actor, input: ComposeInput): Promise<{ id: string }> {
  const { db } = deps;
  const structureId = composingSchool(actor);
  const { html, targets } = checkContent(input, false);
  const draft = input.draftId ? await ownDraft(db, actor, input.draftId) : null;
  if (input.parentId) await readable(db, actor, input.parentId, 'messaging.message.reply');
  const { allowed, offered } = await reachability(db, actor, structureId, [...targets.to, ...targets.cc], deps.clock.now());
  const [to, cc] = await storedLabels(db, targets, offered, allowed);
  const id = draft?.id ?? newId();
  const existing = draft ? (await repo.attachmentsOf(db, [id])).length : 0;
  const files = await attachmentRows(deps, actor, id, input, existing);
  const now = deps.clock.now().toISOString();
  const values = {
    subject: input.subject.trim(),
    bodyHtml: html,
    toJson: JSON.stringify(to),
    ccJson: JSON.stringify(cc),
    searchText: searchTextOf(input.subject, htmlToText(html)),
    updatedAt: now,
  };
  const create = {
    id,
    parentId: input.parentId ?? null,
    senderId: actor.personId,
    structureId,
    state: 'draft' as const,
    senderFolder: 'drafts' as const,
    recipientCount: 0,
    createdAt: now,
    sentAt: null,
    ...values,
  };
  await repo.storeDraft(db, { id, exists: !!draft, values, create }, files);
  return { id };
}

export interface SendResult {
  id: string;
  state: 'sent' | 'held';
  recipientCount: number;
}

/** Why a send was refused, in words the writer can act on (the policy's rule decided it). */
function sendRefusal(facts: SendFacts): AppError {
  if (facts.readOnly) return new AppError(403, 'messaging.read_only', t('messaging.error.read_only'));
  if (facts.closedYear.length > 0) return new AppError(403, 'messaging.closed_year', t('messaging.error.closed_year'), { refused: facts.closedYear });
  return new AppError(403, 'messaging.not_allowed', t('messaging.error.not_allowed'), { refused: facts.unreachable });
}

/**
 * Sends a message: the communication-rules engine answers for every recipient, the policy's send
 * rule decides (one refused → 403, nothing sent); then groups are expanded, the hourly limit and
 * the mass-send check apply, and the message is stored once with one row per recipient.
 */
export async function sendMessage(deps: MessagingDeps, actor: Actor, input: ComposeInput): Promise<SendResult> {
  const { db } = deps;
  const clock = deps.clock.now();
  const year = schoolYearOf(clock);
  const structureId = composingSchool(actor);
  const { html, targets } = checkContent(input, true);
  const settings = (await engine.ensureSettings(db, structureId, clock))!;
  const draft = input.draftId ? await ownDraft(db, actor, input.draftId) : null;
  const parentId = input.parentId ?? draft?.parentId ?? null;
  const parent = parentId ? (await readable(db, actor, parentId, 'messaging.message.reply')).message : null;

  const rules = await engine.rulesOf(db, structureId, clock);
  const all = [...targets.to, ...targets.cc];
  const personIds = all.flatMap((x) => (x.kind === 'person' ? [x.personId] : []));
  const allowed = await engine.allowedAmong(db, actor, structureId, personIds, year, rules);
  const groupIds = all.flatMap((x) => (x.kind === 'group' ? [x.groupId] : []));
  const pastGroups = new Set((await engine.groupsByIds(db, groupIds)).filter((g) => g.schoolYear !== year).map((g) => g.id));
  const hasGroups = all.some((x) => x.kind !== 'person');
  const offered = hasGroups ? await storedOffer(db, actor, structureId, rules, year) : new Map<string, string>();
  const closedYear = all.filter((x) => x.kind === 'group' && pastGroups.has(x.groupId)).map((x) => x.token);
  const facts: SendFacts = {
    structureId,
    readOnly: settings.readOnly === 1,
    closedYear,
    unreachable: all
      .filter((x) => !closedYear.includes(x.token) && (x.kind === 'person' ? !allowed.has(x.personId) : !offered.has(x.token)))
      .map((x) => x.token),
  };
  if (!can(actor, 'messaging.message.send', facts)) throw sendRefusal(facts);

  const expand = async (list: Target[]) => {
    const ids = new Set<string>();
    for (const x of list) {
      if (x.kind === 'person') ids.add(x.personId);
      else for (const id of await expandTarget(db, actor, structureId, rules, year, x)) ids.add(id);
    }
    return ids;
  };
  const toIds = await expand(targets.to);
  const ccIds = [...(await expand(targets.cc))].filter((id) => !toIds.has(id));
  const total = toIds.size + ccIds.length;
  if (total === 0)
    throw new BadRequest('messaging.no_recipients', t('messaging.error.no_recipients'), [{ field: 'to', message: t('messaging.error.no_recipients') }]);

  const recent = await repo.recentRecipients(db, actor.personId, new Date(clock.getTime() - 3600_000).toISOString());
  const fresh = [...toIds, ...ccIds].filter((id) => !recent.has(id)).length;
  const limit = hourlyLimit(actor, structureId);
  if (recent.size + fresh > limit)
    throw new AppError(429, 'messaging.rate_limited', t('messaging.error.rate_limited', limit), { limit, recent: recent.size, asked: fresh });
  const largest = await repo.largestSend(db, actor.personId, new Date(clock.getTime() - PATTERN_DAYS * 86400_000).toISOString());
  const held = breaksPattern(total, massThreshold(actor, structureId), largest);

  const [to, cc] = await storedLabels(db, targets, offered, allowed);
  const id = draft?.id ?? newId();
  const existing = draft ? (await repo.attachmentsOf(db, [id])).length : 0;
  const files = await attachmentRows(deps, actor, id, input, existing);
  const now = clock.toISOString();
  const row = {
    id,
    senderId: actor.personId,
    structureId,
    createdAt: now,
    threadId: parent?.threadId ?? draft?.threadId ?? id,
    parentId: parent?.id ?? null,
    state: held ? ('held' as const) : ('sent' as const),
    senderFolder: 'sent' as const,
    subject: input.subject.trim(),
    bodyHtml: html,
    toJson: JSON.stringify(to),
    ccJson: JSON.stringify(cc),
    recipientCount: total,
    searchText: searchTextOf(actor.displayName, input.subject, htmlToText(html)),
    updatedAt: now,
    sentAt: now,
  };
  const folder = held ? ('held' as const) : ('inbox' as const);
  const rows = [...[...toIds].map((personId) => ({ personId, kind: 'to' as const })), ...ccIds.map((personId) => ({ personId, kind: 'cc' as const }))].map(
    (r) => ({ messageId: id, ...r, folder, readAt: null, sentAt: now }),
  );
  await repo.storeSend(db, { id, fromDraft: !!draft, row }, rows, files);
  if (held) {
    await audit(db, { action: 'messaging.held', actorId: actor.personId, subjectId: id, structureId, details: { recipients: total, largestBefore: largest } });
  } else {
    const due = await queueNotices(
      db,
      id,
      rows.map((r) => r.personId),
      settings,
      clock,
    );
    if (due > 0) await deps.noticesDue?.(id);
  }
  return { id, state: held ? 'held' : 'sent', recipientCount: total };
}

export async function deleteDraft(deps: MessagingDeps, actor: Actor, id: string): Promise<void> {
  const draft = await ownDraft(deps.db, actor, id);
  await repo.deleteDraft(deps.db, draft.id);
}

/** Marks one's copy read or unread. */
export async function setRead(deps: MessagingDeps, actor: Actor, id: string, read: boolean): Promise<void> {
  const { copy } = await readable(deps.db, actor, id, 'messaging.message.organize');
  if (!copy) return;
  await repo.setCopyRead(deps.db, id, actor.personId, read ? (copy.readAt ?? deps.clock.now().toISOString()) : null);
}

/** Moves one's own copy to the trash (or back); everybody else keeps theirs. A draft is deleted. */
export async function moveToTrash(deps: MessagingDeps, actor: Actor, id: string, trash: boolean): Promise<void> {
  const { message, copy } = await readable(deps.db, actor, id, 'messaging.message.organize');
  if (copy) return repo.setCopyFolder(deps.db, id, actor.personId, trash ? 'trash' : 'inbox');
  if (message.state === 'draft') {
    if (trash) await repo.deleteDraft(deps.db, id);
    return;
  }
  await repo.setSenderFolder(deps.db, id, trash ? 'trash' : 'sent');
}

/** Empties one's trash: the copies are gone for this person only. */
export async function emptyTrash(deps: MessagingDeps, actor: Actor): Promise<void> {
  await repo.purgeTrash(deps.db, actor.personId);
}

/** Recipients as stored in a message: tokens and labels. */
export function chosen(json: string): Chosen[] {
  try {
    return JSON.parse(json) as Chosen[];
  } catch {
    return [];
  }
}

/**
 * Adds uploaded files to one's draft. The rule runs on the draft first; `receive` (which reads the
 * request's stream into the blob store) is called only once the draft is known to be one's own.
 */
export async function saveDraftFiles(deps: MessagingDeps, actor: Actor, draftId: string, receive: (room: number) => Promise<NewFile[]>) {
  const draft = await ownDraft(deps.db, actor, draftId, 'messaging.attachment.upload');
  const existing = (await repo.attachmentsOf(deps.db, [draft.id])).length;
  const files = await receive(MAX_FILES - existing);
  await repo.insertAttachments(deps.db, await attachmentRows(deps, actor, draft.id, { to: [], subject: '', files }, existing));
  return (await repo.attachmentsOf(deps.db, [draft.id])).map(({ messageId: _, ...f }) => f);
}

/** An attachment for someone who may read its message; anyone else gets "not found". */
export async function attachmentToSend(deps: MessagingDeps, actor: Actor, id: string) {
  const file = await repo.findAttachment(deps.db, id);
  if (file) await readable(deps.db, actor, file.messageId, 'messaging.attachment.download');
  else authorize(actor, 'messaging.attachment.download', null);
  return { key: file!.blobKey, size: file!.size, contentType: file!.contentType, filename: file!.filename };
}

/** Labels of recipient tokens typed or kept in a form; only reachable people and offered groups are named. */
export async function describeTokens(db: Db, tokens: string[], offered: Map<string, string>, reachable: Set<string>): Promise<Chosen[]> {
  const targets = tokens.map(parseToken).filter((x): x is Target => x !== null);
  return labelsFor(db, [...new Map(targets.map((x) => [x.token, x])).values()], offered, reachable);
}

/** The person's unread count (their own inbox). */
export async function unreadCount(deps: MessagingDeps, actor: Actor): Promise<number> {
  return repo.unreadCount(deps.db, actor.personId);
}

/** One page of one of the person's own folders; the query starts from who is asking. */
export async function folderPage(deps: MessagingDeps, actor: Actor, folder: repo.Folder, q: string, limit: number, offset: number) {
  return repo.listFolder(deps.db, actor.personId, folder, q, limit, offset);
}
