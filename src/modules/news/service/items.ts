import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId, type Db } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { htmlToText, richText } from '../../../kernel/rich-text.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { keyOf, parseKey } from '../audience.js';
import { t } from '../i18n/fr.js';
import type { ItemFacts } from '../policy.js';
import * as repo from '../repository.js';
import { removeBlobs, type Deps } from './deps.js';
import { isImage, storeImage } from './image.js';
import { describeTargets } from './targets.js';

export const MAX_FILES = 10;
/** Up to this many people, the author sees who has read the item, not only how many. */
export const SMALL_AUDIENCE = 30;
export const NOTIFY_JOB = 'news.notify';

/** What the form and the JSON body both come down to. */
export interface NewsInput {
  title: string;
  body: string;
  /** `kind:targetId` keys. */
  audience: string[];
  /** ISO instants; null: now / no end; `invalid`: typed but not a date. */
  publishFrom: string | null;
  publishTo: string | null;
  pinned: boolean;
  imageAlt: string | null;
}

/** The facts of `news.item.*` rules for one item and one reader. */
export async function itemFacts(db: Db, actor: Actor, item: repo.NewsRow | undefined, now: Date): Promise<ItemFacts | undefined> {
  if (!item) return undefined;
  const at = now.toISOString();
  const live = item.status === 'published' && item.publishFrom <= at && (item.publishTo === null || item.publishTo > at);
  return {
    authorId: item.authorId,
    structureId: item.structureId,
    withdrawn: item.status === 'withdrawn',
    live,
    inAudience: live && (await repo.isInAudience(db, item.id, actor.personId, schoolYearOf(now))),
  };
}

/** Refuses pupils and parents before anything is read (the form page, and before an upload's first byte). */
export function assertMayWrite(actor: Actor): void {
  authorize(actor, 'news.item.write', {});
}

const validInstant = (value: string | null) => value === null || (value !== 'invalid' && !Number.isNaN(Date.parse(value)));

/** Checks the input field by field; answers the clean values and the structure the audience belongs to. */
async function validate(deps: Deps, actor: Actor, input: NewsInput, image: StoredFile | undefined) {
  const now = deps.clock.now();
  const problems = new Problems();
  const title = input.title.trim();
  const bodyHtml = richText(input.body);
  problems.check(title.length > 0 && title.length <= 200, 'title', t('news.error.title'));
  problems.check(htmlToText(bodyHtml).length > 0, 'body', t('news.error.body'));
  const parsed = input.audience.map(parseKey);
  const targets = parsed.filter((x) => x !== null);
  const described = await describeTargets(deps.db, actor, targets, now);
  const reachable = described.filter((x) => can(actor, 'news.audience.reach', x.facts));
  const structures = new Set(reachable.map((x) => x.facts.structureId));
  if (input.audience.length === 0) problems.add('audience', t('news.error.audience'));
  else if (parsed.includes(null) || reachable.length !== targets.length) problems.add('audience', t('news.error.audience_unreachable'));
  else if (structures.size > 1) problems.add('audience', t('news.error.audience_mixed'));
  problems.check(validInstant(input.publishFrom), 'publishFrom', t('news.error.date'));
  problems.check(validInstant(input.publishTo), 'publishTo', t('news.error.date'));
  const from = validInstant(input.publishFrom) && input.publishFrom ? new Date(input.publishFrom) : now;
  const to = validInstant(input.publishTo) && input.publishTo ? new Date(input.publishTo) : null;
  problems.check(!to || to.getTime() > from.getTime(), 'publishTo', t('news.error.window'));
  problems.check(!image || isImage(image), 'image', t('news.error.image'));
  problems.throwIfAny('news.invalid');
  const unique = [...new Map(reachable.map((x) => [x.key, x])).values()];
  return { title, bodyHtml, targets: unique, structureId: [...structures][0]!, from, to };
}

/**
 * Publishes an item. The rule on the author runs first; only then does `receive` read the form
 * (and its files) into the blob store, so a pupil's upload stores nothing. A refused field
 * discards every file received and writes nothing.
 */
export async function publish(
  deps: Deps,
  actor: Actor,
  receive: () => Promise<{ input: NewsInput; image?: StoredFile; attachments: StoredFile[] }>,
): Promise<{ id: string; scheduled: boolean; publishFrom: string }> {
  assertMayWrite(actor);
  const { input, image, attachments } = await receive();
  const files = [...(image ? [image] : []), ...attachments];
  let imageKey: string | null = null;
  try {
    const clean = await validate(deps, actor, input, image);
    imageKey = image ? await storeImage(deps, image) : null;
    const now = deps.clock.now();
    const at = now.toISOString();
    const id = newId();
    const publishFrom = clean.from.toISOString();
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertItem(
        trx,
        {
          id,
          structureId: clean.structureId,
          authorId: actor.personId,
          title: clean.title,
          bodyHtml: clean.bodyHtml,
          publishFrom,
          publishTo: clean.to?.toISOString() ?? null,
          pinned: input.pinned ? 1 : 0,
          imageKey,
          imageAlt: imageKey ? input.imageAlt?.trim().slice(0, 300) || null : null,
          status: 'published',
          withdrawnAt: null,
          withdrawnBy: null,
          createdAt: at,
          updatedAt: at,
        },
        clean.targets.map((x) => ({ newsId: id, kind: x.kind, targetId: x.targetId, audienceKey: x.key })),
        attachments.map((f) => ({ id: newId(), newsId: id, blobKey: f.key, fileName: f.fileName, contentType: f.contentType, size: f.size, createdAt: at })),
      );
      // The audience is told when the window opens; the job reads who is in it then.
      await enqueue(trx, NOTIFY_JOB, { newsId: id }, { key: `${NOTIFY_JOB}:${id}`, runAt: clean.from > now ? clean.from : undefined });
    });
    return { id, scheduled: clean.from > now, publishFrom };
  } catch (error) {
    await discardFiles(deps.blobs, files);
    if (imageKey) await removeBlobs(deps, [imageKey]);
    throw error;
  }
}

/** One item for a reader; opening it marks it read (for its audience). */
export async function readItem(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  const item = await repo.findItem(deps.db, id);
  const facts = await itemFacts(deps.db, actor, item, now);
  authorize(actor, 'news.item.read', facts);
  if (facts.inAudience) await repo.markRead(deps.db, id, actor.personId, now.toISOString());
  const [targets, attachments, author] = await Promise.all([
    repo.targetsOf(deps.db, id),
    repo.attachmentsOf(deps.db, id),
    deps.db.selectFrom('people').select(['firstName', 'lastName', 'usageName']).where('id', '=', item!.authorId).executeTakeFirstOrThrow(),
  ]);
  const structure = (await repo.findStructures(deps.db, [item!.structureId]))[0];
  const mayReceipts = can(actor, 'news.receipts.read', facts);
  const described = mayReceipts ? await describeTargets(deps.db, actor, targets, now) : [];
  return {
    id: item!.id,
    title: item!.title,
    bodyHtml: item!.bodyHtml,
    author: displayName(author),
    structureName: structure?.name ?? '',
    publishFrom: item!.publishFrom,
    publishTo: item!.publishTo,
    pinned: item!.pinned === 1,
    status: item!.status,
    live: facts.live,
    hasImage: item!.imageKey !== null,
    imageAlt: item!.imageAlt,
    attachments,
    /** For those who may see receipts: whom it is for. */
    audience: described.map((x) => ({ key: x.key, label: x.label })),
    mayWithdraw: can(actor, 'news.item.withdraw', facts),
    mayEdit: can(actor, 'news.item.edit', facts),
    receipts: mayReceipts ? await receiptsOf(deps, item!, targets) : null,
  };
}

export type NewsItemView = Awaited<ReturnType<typeof readItem>>;

async function receiptsOf(deps: Deps, item: repo.NewsRow, targets: Awaited<ReturnType<typeof repo.targetsOf>>) {
  const counts = await repo.receiptCounts(deps.db, item.id, targets, item.authorId);
  if (counts.audience > SMALL_AUDIENCE) return { ...counts, people: null };
  const people = sortByDisplay(
    (await repo.audienceReads(deps.db, item.id, targets, item.authorId)).map((p) => ({ id: p.id, displayName: displayName(p), readAt: p.readAt })),
    (p) => p.displayName,
  );
  return { ...counts, people };
}

/** Read receipts alone (the JSON route). */
export async function receipts(deps: Deps, actor: Actor, id: string) {
  const item = await repo.findItem(deps.db, id);
  authorize(actor, 'news.receipts.read', await itemFacts(deps.db, actor, item, deps.clock.now()));
  return receiptsOf(deps, item!, await repo.targetsOf(deps.db, id));
}

/** Live items for the reader (pinned first, then newest), with their read state. */
export async function listItems(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, page: { limit: number; offset: number }) {
  const now = deps.clock.now();
  const rows = await repo.visibleItems(deps.db, actor.personId, schoolYearOf(now), now.toISOString(), page);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    excerpt: excerpt(htmlToText(r.bodyHtml)),
    author: displayName(r),
    structureName: r.structureName,
    publishFrom: r.publishFrom,
    publishTo: r.publishTo,
    pinned: r.pinned === 1,
    hasImage: r.imageKey !== null,
    read: r.readAt !== null || r.authorId === actor.personId,
  }));
}

export type NewsSummary = Awaited<ReturnType<typeof listItems>>[number];

const excerpt = (text: string) => (text.length > 220 ? `${text.slice(0, 219).trimEnd()}…` : text);

/** The author's own items, withdrawn and scheduled included (only for those who write). */
export async function authored(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!can(actor, 'news.item.write', {})) return [];
  return (await repo.authoredItems(deps.db, actor.personId, 50)).map((r) => ({ ...r, pinned: r.pinned === 1 }));
}

/** Withdraws an item: kept and marked, never deleted. */
export async function withdrawItem(deps: Deps, actor: Actor, id: string): Promise<void> {
  const now = deps.clock.now();
  const item = await repo.findItem(deps.db, id);
  authorize(actor, 'news.item.withdraw', await itemFacts(deps.db, actor, item, now));
  await repo.withdraw(deps.db, id, actor.personId, now.toISOString());
}

/** Adds files to an item the actor may still change: the rule first, then the stream. */
export async function addAttachments(deps: Deps, actor: Actor, id: string, receive: () => Promise<StoredFile[]>) {
  const item = await repo.findItem(deps.db, id);
  authorize(actor, 'news.item.edit', await itemFacts(deps.db, actor, item, deps.clock.now()));
  const files = await receive();
  const at = deps.clock.now().toISOString();
  const rows = files.map((f) => ({ id: newId(), newsId: id, blobKey: f.key, fileName: f.fileName, contentType: f.contentType, size: f.size, createdAt: at }));
  try {
    await repo.insertAttachments(deps.db, rows);
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, size: r.size }));
}

/** Sets (or replaces) the item's image: the rule first, then the stream, then the resize. */
export async function replaceImage(deps: Deps, actor: Actor, id: string, receive: () => Promise<{ file: StoredFile; alt: string | null }>) {
  const item = await repo.findItem(deps.db, id);
  authorize(actor, 'news.item.edit', await itemFacts(deps.db, actor, item, deps.clock.now()));
  const { file, alt } = await receive();
  if (!isImage(file)) {
    await discardFiles(deps.blobs, [file]);
    new Problems().add('image', t('news.error.image')).throwIfAny('news.invalid');
  }
  const key = await storeImage(deps, file);
  const before = await repo.setImage(deps.db, id, key, alt?.trim().slice(0, 300) || null, deps.clock.now().toISOString());
  if (before) await removeBlobs(deps, [before]);
  return { id };
}

/** The image or one attachment of an item the reader may read. */
export async function downloadable(deps: Deps, actor: Actor, id: string, attachmentId: string | null) {
  const item = await repo.findItem(deps.db, id);
  authorize(actor, 'news.attachment.download', await itemFacts(deps.db, actor, item, deps.clock.now()));
  if (attachmentId === null) return item!.imageKey ? { key: item!.imageKey, fileName: 'image.jpg', contentType: 'image/jpeg', size: null } : null;
  const file = await repo.findAttachment(deps.db, id, attachmentId);
  return file ? { key: file.blobKey, fileName: file.fileName, contentType: file.contentType, size: file.size } : null;
}

export { keyOf };
