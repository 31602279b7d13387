import { audit } from '../../../kernel/audit.js';
import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Conflict, Problems } from '../../../kernel/http/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { displayName } from '../../directory/index.js';
import { notify } from '../../notifications/index.js';
import { t } from '../i18n/fr.js';
import { handledStructureIds } from '../policy.js';
import * as repo from '../repository/requests.js';
import type { RequestKind, RequestStatus } from '../tables.js';
import type { Deps } from './deps.js';

/** Longest request a person types, and longest answer a handler types (characters). */
export const MAX_REQUEST_BODY = 2000;
export const MAX_REASON = 2000;
/** Open requests (received or in progress) one person may have at once: a new one waits for an answer. */
export const MAX_OPEN_REQUESTS = 3;
export const NOTIFY_JOB = 'privacy.request.notify';
export const FILED_JOB = 'privacy.request.filed';

export const REQUEST_KINDS: RequestKind[] = ['rectification', 'erasure'];
/** The statuses a handler sets; `received` is the filing's own. */
export const HANDLER_STATUSES = ['in_progress', 'done', 'refused'] as const;
export type HandlerStatus = (typeof HANDLER_STATUSES)[number];
/** Where a request may go from each status: answered ones are final (the person files a new one). */
const NEXT: Record<RequestStatus, RequestStatus[]> = { received: ['in_progress', 'done', 'refused'], in_progress: ['done', 'refused'], done: [], refused: [] };

export const isOpen = (status: RequestStatus) => repo.OPEN_STATUSES.includes(status);

export interface RequestInput {
  kind?: string;
  body?: string;
}

export interface StatusInput {
  status?: string;
  reason?: string;
}

export type HandledView = repo.HandledRow & { structureNames: string[]; next: RequestStatus[] };

const scopeOf = (actor: Actor): repo.HandlerScope => ({ handlerId: actor.personId, structureIds: actor.isSuperAdmin ? null : handledStructureIds(actor) });

/** The person's own requests, newest first, and whether they may file another now. */
export async function myRequests(deps: Deps, actor: Actor): Promise<{ items: repo.RequestRow[]; canFile: boolean }> {
  authorize(actor, 'privacy.data.open', {});
  const items = await repo.requestsOf(deps.db, actor.personId);
  const open = await repo.countOpenOf(deps.db, actor.personId);
  return { items, canFile: can(actor, 'privacy.request.file', { personId: actor.personId }) && open < MAX_OPEN_REQUESTS };
}

/**
 * The signed-in person files a request about their own data: a kind and what to change or erase.
 * Refused (409) while they already have MAX_OPEN_REQUESTS open. Audited without the text; those
 * who handle it are told by a job.
 */
export async function fileRequest(deps: Deps, actor: Actor, input: RequestInput, ip: string | null = null): Promise<repo.RequestRow> {
  authorize(actor, 'privacy.request.file', { personId: actor.personId });
  const body = (input.body ?? '').trim();
  const kind = input.kind as RequestKind;
  new Problems()
    .check(REQUEST_KINDS.includes(kind), 'kind', t('privacy.request.error.kind'))
    .check(body.length > 0, 'body', t('privacy.request.error.body'))
    .check(body.length <= MAX_REQUEST_BODY, 'body', t('privacy.request.error.long', MAX_REQUEST_BODY))
    .throwIfAny();
  if ((await repo.countOpenOf(deps.db, actor.personId)) >= MAX_OPEN_REQUESTS)
    throw new Conflict('privacy.request.too_many', t('privacy.request.error.tooMany', MAX_OPEN_REQUESTS));
  const now = deps.clock.now().toISOString();
  const row: repo.RequestRow = {
    id: newId(),
    personId: actor.personId,
    kind,
    body,
    status: 'received',
    reason: null,
    handledBy: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRequest(trx, row);
    await audit(trx, { action: 'privacy.request.file', actorId: actor.personId, subjectId: actor.personId, ip, details: { requestId: row.id, kind } });
    await enqueue(trx, FILED_JOB, { requestId: row.id }, { key: `${FILED_JOB}:${row.id}` });
  });
  return row;
}

/** The requests the administrator may handle (filtered in SQL), open ones first. */
export async function handledRequests(
  deps: Deps,
  actor: Actor,
  q: { status?: repo.StatusFilter; limit: number; offset: number },
): Promise<{ rows: repo.HandledRow[]; hasMore: boolean }> {
  authorize(actor, 'privacy.request.list', {});
  const rows = await repo.listHandled(deps.db, scopeOf(actor), { ...q, limit: q.limit + 1 });
  return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}

/** How many requests wait for this administrator; null when they handle none. */
export async function openHandledCount(deps: Deps, actor: Actor): Promise<number | null> {
  if (!can(actor, 'privacy.request.list', {})) return null;
  return repo.countOpenHandled(deps.db, scopeOf(actor));
}

async function handledFacts(deps: Deps, id: string) {
  const row = await repo.findHandled(deps.db, id);
  return row && { row, facts: { personId: row.personId, structureIds: await repo.structureIdsOf(deps.db, row.personId) } };
}

/** One request for its handler; "not found" for anyone else. */
export async function requestForHandling(deps: Deps, actor: Actor, id: string): Promise<HandledView> {
  const found = await handledFacts(deps, id);
  authorize(actor, 'privacy.request.handle', found?.facts);
  const { row } = found!;
  return { ...row, structureNames: await repo.structureNamesOf(deps.db, row.personId), next: NEXT[row.status] };
}

/**
 * The handler moves a request on (in progress, done, refused) with a reason, required to close it;
 * audited (without the texts), and the requester is told by a notification (a job, in the same transaction).
 */
export async function changeStatus(deps: Deps, actor: Actor, id: string, input: StatusInput, ip: string | null = null): Promise<HandledView> {
  const found = await handledFacts(deps, id);
  authorize(actor, 'privacy.request.handle', found?.facts);
  const { row } = found!;
  const status = input.status as RequestStatus;
  const reason = (input.reason ?? '').trim();
  if (NEXT[row.status].length === 0) throw new Conflict('privacy.request.closed', t('privacy.request.error.closed'));
  new Problems()
    .check(NEXT[row.status].includes(status), 'status', t('privacy.request.error.status'))
    .check((status !== 'done' && status !== 'refused') || reason.length > 0, 'reason', t('privacy.request.error.reason'))
    .check(reason.length <= MAX_REASON, 'reason', t('privacy.request.error.long', MAX_REASON))
    .throwIfAny();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const moved = await repo.updateStatus(trx, id, row.status, { status, reason: reason || row.reason, handledBy: actor.personId, updatedAt: now });
    if (!moved) throw new Conflict('privacy.request.changed', t('privacy.request.error.changed'));
    await audit(trx, {
      action: 'privacy.request.status',
      actorId: actor.personId,
      subjectId: row.personId,
      ip,
      details: { requestId: id, kind: row.kind, from: row.status, to: status },
    });
    await enqueue(trx, NOTIFY_JOB, { requestId: id, status }, { key: `${NOTIFY_JOB}:${id}:${status}` });
  });
  return requestForHandling(deps, actor, id);
}

/** The job: tells the requester their request moved on. Run again, it writes nothing twice (the source). */
export async function notifyRequester(deps: Deps, requestId: string, status: RequestStatus, now: Date): Promise<void> {
  const row = await repo.findHandled(deps.db, requestId);
  if (!row || status === 'received') return;
  await notify(
    deps.db,
    {
      recipients: [row.personId],
      kind: 'privacy.request.status',
      source: `privacy.request:${row.id}:${status}`,
      title: t(`privacy.request.notice.${status}`, t(`privacy.request.kindOf.${row.kind}`)),
      body: t('privacy.request.notice.body'),
      link: '/privacy#requests',
    },
    now,
  );
}

/** The job: tells those who handle a new request that it is there (not what it says). */
export async function notifyHandlers(deps: Deps, requestId: string, now: Date): Promise<void> {
  const row = await repo.findHandled(deps.db, requestId);
  if (!row || !isOpen(row.status)) return;
  await notify(
    deps.db,
    {
      recipients: await repo.handlersToTell(deps.db, row.personId),
      kind: 'privacy.request.filed',
      source: `privacy.request.filed:${row.id}`,
      title: t('privacy.handle.notice.title', t(`privacy.request.kindOf.${row.kind}`)),
      body: t('privacy.handle.notice.body', displayName(row)),
      link: `/privacy/requests/${row.id}`,
    },
    now,
  );
}
