import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId, type Db } from '../../../kernel/db/index.js';
import { InvalidInput, Problems } from '../../../kernel/http/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { displayName } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import { NOTIFY_JOB } from '../jobs.js';
import * as repo from '../repository/requests.js';
import type { AttestationKind, DocumentKind, FamilyKind, RequestStatus, RequestsFilesTable } from '../tables.js';
import { directedSchools, nextSchoolYear, structureIdsOf, type Deps } from './deps.js';

export const FAMILY_KINDS: FamilyKind[] = ['enrolment', 'exemption', 'attestation'];
export const ATTESTATION_KINDS: AttestationKind[] = ['attendance', 'payment', 'registration'];
/** What an enrolment must come with. */
export const REQUIRED_DOCUMENTS: DocumentKind[] = ['address', 'family', 'vaccinations'];
export const DOCUMENT_KINDS: DocumentKind[] = ['address', 'family', 'vaccinations', 'other'];
export const STATUSES: RequestStatus[] = ['submitted', 'inReview', 'waiting', 'accepted', 'refused', 'closed'];
export const MAX_DETAILS = 2000;
export const MAX_REASON = 1000;
export const MAX_MESSAGE = 2000;
export const MAX_FILES = 8;
const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'];

/** A family's form as typed. */
export interface FamilyRequestInput {
  childId: string;
  kind: string;
  details: string;
  reason: string;
  attestationKind: string;
}

/** Thrown with the files of a refused form, which the caller discards. */
export class RefusedForm extends InvalidInput {}

/** Uploaded documents of a request, each from its field `doc.<kind>`; anything else is refused. */
function documentRows(
  files: StoredFile[],
  requestId: string,
  by: string,
  at: string,
  answer: boolean,
  problems: Problems,
  kindOf: (f: StoredFile) => string = (f) => f.field.replace(/^doc\./, ''),
): RequestsFilesTable[] {
  return files.map((f) => {
    const kind = (answer ? 'other' : kindOf(f)) as DocumentKind;
    if (!answer && !DOCUMENT_KINDS.includes(kind)) problems.add('files', t('requests.error.fileField'));
    if (!ACCEPTED_TYPES.includes(f.contentType)) problems.add(answer ? 'answer' : f.field, t('requests.error.fileType', f.fileName));
    return {
      id: newId(),
      requestId,
      kind,
      answer: answer ? 1 : 0,
      blobKey: f.key,
      fileName: f.fileName,
      size: f.size,
      contentType: f.contentType,
      sha256: f.sha256,
      uploadedBy: by,
      uploadedAt: at,
    };
  });
}

/** Files a family's request. Only parents reach the stream; anything refused after it deletes every stored file. */
export async function fileFamilyRequest(deps: Deps, actor: Actor, read: () => Promise<{ input: FamilyRequestInput; files: StoredFile[] }>) {
  authorize(actor, 'requests.family.open', {});
  const { input, files } = await read();
  try {
    const problems = new Problems();
    const child = await repo.childFacts(deps.db, actor.personId, input.childId);
    const childOk = !!child && can(actor, 'requests.request.file', child);
    problems.check(childOk, 'childId', t('requests.error.child'));
    const kind = input.kind as FamilyKind;
    problems.check(FAMILY_KINDS.includes(kind), 'kind', t('requests.error.kind'));
    problems.check(input.details.length <= MAX_DETAILS, 'details', t('requests.error.tooLong', MAX_DETAILS));
    problems.check(input.reason.length <= MAX_REASON, 'reason', t('requests.error.tooLong', MAX_REASON));
    if (kind === 'exemption') problems.check(input.reason.trim().length > 0, 'reason', t('requests.error.reason'));
    const attestationKind = input.attestationKind as AttestationKind;
    if (kind === 'attestation') problems.check(ATTESTATION_KINDS.includes(attestationKind), 'attestationKind', t('requests.error.attestationKind'));
    const id = newId();
    const now = deps.clock.now().toISOString();
    const rows = documentRows(files, id, actor.personId, now, false, problems);
    if (kind === 'enrolment')
      for (const doc of REQUIRED_DOCUMENTS)
        problems.check(
          rows.some((r) => r.kind === doc),
          `doc.${doc}`,
          t('requests.error.document', t(`requests.document.${doc}`)),
        );
    problems.throwIfAny('requests.invalid');
    if (!child || !childOk || !child.municipalityId) throw new Error('unreachable: the child was checked');
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertRequest(trx, {
        id,
        origin: 'family',
        kind,
        municipalityId: child.municipalityId!,
        structureId: child.structureId,
        studentId: child.id,
        requesterId: actor.personId,
        schoolYear: kind === 'enrolment' ? nextSchoolYear(deps.clock.now()) : null,
        title: '',
        details: input.details.trim(),
        reason: kind === 'exemption' ? input.reason.trim() : '',
        attestationKind: kind === 'attestation' ? attestationKind : null,
        status: 'submitted',
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertStatus(trx, { id: newId(), requestId: id, status: 'submitted', changedBy: actor.personId, changedAt: now });
      await repo.insertFiles(trx, rows);
      await notifyLater(trx, { requestId: id, event: 'filed', authorId: actor.personId, ref: id });
    });
    return { id };
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
}

/** The request, once the policy let the actor read it. */
export async function readable(db: Db, actor: Actor, id: string) {
  const facts = await repo.requestFacts(db, actor.personId, id);
  authorize(actor, 'requests.request.read', facts);
  return facts;
}

const name = (first: string | null, last: string | null, usage: string | null) =>
  first ? displayName({ firstName: first, lastName: last ?? '', usageName: usage }) : null;

export interface ListQuery {
  kind?: string;
  status?: string;
  origin?: string;
  limit: number;
  offset: number;
}

/** The actor's requests: a family's own, an agent's queue (its municipalities), a director's school's. */
export async function listRequests(deps: Deps, actor: Actor, q: ListQuery) {
  const scope: repo.ListScope | null = can(actor, 'requests.agent.open', {})
    ? { municipalities: structureIdsOf(actor) }
    : can(actor, 'requests.family.open', {})
      ? { family: actor.personId }
      : can(actor, 'requests.school.open', {})
        ? { schools: directedSchools(actor) }
        : null;
  authorize(actor, 'requests.index.open', {});
  const rows = await repo.listRequests(deps.db, scope ?? { schools: [] }, {
    kind: q.kind as never,
    status: q.status as never,
    origin: q.origin as never,
    limit: q.limit,
    offset: q.offset,
  });
  return rows.map((r) => ({
    id: r.id,
    origin: r.origin,
    kind: r.kind,
    status: r.status,
    title: r.title,
    schoolYear: r.schoolYear,
    attestationKind: r.attestationKind,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    school: r.schoolName,
    child: name(r.childFirstName, r.childLastName, r.childUsageName),
    requester: name(r.requesterFirstName, r.requesterLastName, r.requesterUsageName) ?? '',
  }));
}

/** One request with its history, conversation and files. */
export async function requestDetail(deps: Deps, actor: Actor, id: string) {
  const r = await readable(deps.db, actor, id);
  const [names, history, messages, files] = await Promise.all([
    repo.requestNames(deps.db, id),
    repo.statusHistory(deps.db, id),
    repo.messagesOf(deps.db, id),
    repo.filesOf(deps.db, id),
  ]);
  const fileView = (f: (typeof files)[number]) => ({ id: f.id, kind: f.kind, fileName: f.fileName, size: f.size, uploadedAt: f.uploadedAt });
  return {
    id: r.id,
    origin: r.origin,
    kind: r.kind,
    status: r.status,
    title: r.title,
    details: r.details,
    reason: r.reason,
    attestationKind: r.attestationKind,
    schoolYear: r.schoolYear,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    studentId: r.studentId,
    school: names.schoolName,
    child: name(names.childFirstName, names.childLastName, names.childUsageName),
    requester: name(names.requesterFirstName, names.requesterLastName, names.requesterUsageName) ?? '',
    history: history.map((h) => ({ status: h.status, at: h.changedAt, by: displayName(h) })),
    messages: messages.map((m) => ({ id: m.id, body: m.body, at: m.createdAt, author: displayName(m), fromMunicipality: m.profile === 'municipal' })),
    documents: files.filter((f) => !f.answer).map(fileView),
    answers: files.filter((f) => f.answer).map(fileView),
    can: {
      write: can(actor, 'requests.request.write', r),
      addDocument: can(actor, 'requests.request.addDocument', r),
      handle: can(actor, 'requests.request.handle', r),
    },
  };
}

export type RequestDetail = Awaited<ReturnType<typeof requestDetail>>;

/** Tells the other side, after the change commits. */
export async function notifyLater(db: Db, payload: { requestId: string; event: 'filed' | 'status' | 'message' | 'answer'; authorId: string; ref: string }) {
  await enqueue(db, NOTIFY_JOB, payload, { key: `${NOTIFY_JOB}:${payload.ref}` });
}

/** An agent sets the status; each change is kept, dated. Setting the same status again changes nothing. */
export async function changeStatus(deps: Deps, actor: Actor, id: string, status: string) {
  const r = await repo.requestFacts(deps.db, actor.personId, id);
  authorize(actor, 'requests.request.handle', r);
  new Problems().check(STATUSES.includes(status as RequestStatus), 'status', t('requests.error.status')).throwIfAny('requests.invalid');
  if (r.status === status) return { id, status: r.status, changed: false };
  const now = deps.clock.now().toISOString();
  const changeId = newId();
  await deps.db.transaction().execute(async (trx) => {
    await repo.setStatus(trx, id, status as RequestStatus, now);
    await repo.insertStatus(trx, { id: changeId, requestId: id, status: status as RequestStatus, changedBy: actor.personId, changedAt: now });
    await notifyLater(trx, { requestId: id, event: 'status', authorId: actor.personId, ref: changeId });
  });
  return { id, status: status as RequestStatus, changed: true };
}

/** A message in the request's conversation. */
export async function writeMessage(deps: Deps, actor: Actor, id: string, body: string) {
  const r = await repo.requestFacts(deps.db, actor.personId, id);
  authorize(actor, 'requests.request.read', r);
  authorize(actor, 'requests.request.write', r);
  const text = body.trim();
  new Problems()
    .check(text.length > 0, 'body', t('requests.error.message'))
    .check(text.length <= MAX_MESSAGE, 'body', t('requests.error.tooLong', MAX_MESSAGE))
    .throwIfAny('requests.invalid');
  const now = deps.clock.now().toISOString();
  const messageId = newId();
  await deps.db.transaction().execute(async (trx) => {
    // The update first: it locks the request, so that two messages take two positions.
    await repo.touch(trx, id, now);
    await repo.insertMessage(trx, { id: messageId, requestId: id, authorId: actor.personId, body: text, createdAt: now });
    await notifyLater(trx, { requestId: id, event: 'message', authorId: actor.personId, ref: messageId });
  });
  return { id: messageId };
}

/** Files added to a request: the family's documents, or an agent's answer. Rights first, then the stream. */
export async function addFiles(
  deps: Deps,
  actor: Actor,
  id: string,
  as: 'document' | 'answer',
  read: () => Promise<{ files: StoredFile[]; documentKind?: string }>,
) {
  const r = await repo.requestFacts(deps.db, actor.personId, id);
  authorize(actor, 'requests.request.read', r);
  authorize(actor, as === 'answer' ? 'requests.request.handle' : 'requests.request.addDocument', r);
  const { files, documentKind } = await read();
  try {
    const problems = new Problems();
    problems.check(files.length > 0, as === 'answer' ? 'answer' : 'files', t('requests.error.noFile'));
    const now = deps.clock.now().toISOString();
    const rows = documentRows(files, id, actor.personId, now, as === 'answer', problems, () => documentKind ?? '');
    problems.throwIfAny('requests.invalid');
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertFiles(trx, rows);
      await repo.touch(trx, id, now);
      if (as === 'answer') await notifyLater(trx, { requestId: id, event: 'answer', authorId: actor.personId, ref: rows[0]!.id });
    });
    return { count: rows.length };
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
}

/** A file of a request, for those who read it. */
export async function fileOf(deps: Deps, actor: Actor, id: string, fileId: string) {
  const r = await readable(deps.db, actor, id);
  const file = await repo.findFile(deps.db, id, fileId);
  authorize(actor, 'requests.request.read', file ? r : null);
  return file!;
}

/** The children a parent may file for, by name. */
export async function formChildren(deps: Deps, actor: Actor) {
  authorize(actor, 'requests.family.open', {});
  const rows = await repo.familyChildren(deps.db, actor.personId);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, name: displayName(r), schoolName: r.schoolName }));
}
