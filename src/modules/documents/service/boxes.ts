import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId, type Db } from '../../../kernel/db/index.js';
import { AppError, InvalidInput, Problems } from '../../../kernel/http/errors.js';
import type { StoredFile } from '../../../kernel/storage/http.js';
import { groupStanding, schoolYearOf, type GroupStanding } from '../../directory/index.js';
import { handInAssignmentsOf } from '../../homework/index.js';
import { handInWindow } from '../policy.js';
import * as repo from '../repository/boxes.js';
import type { Box, RosterLine } from '../repository/boxes.js';
import type { Window } from '../repository/nodes.js';
import { t } from '../i18n/fr.js';
import type { Deps } from './nodes.js';

export type { Box, RosterLine };

export interface OpenBoxInput {
  groupId: string;
  title?: string;
  instructions?: string;
  /** ISO timestamp, or `YYYY-MM-DDTHH:MM` read as Paris time (what a datetime-local input sends). */
  dueAt?: string;
  acceptLate?: boolean;
  assignmentId?: string | null;
}

/** `2026-12-01T18:00` in Europe/Paris → ISO UTC; full ISO strings pass through. */
export function parisToIso(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  if (Number.isNaN(guess) || new Date(guess).getUTCMonth() !== mo! - 1) return null;
  // Paris is UTC+1 or +2: find the offset that maps back to the wall-clock time asked for.
  for (const offset of [1, 2]) {
    const candidate = new Date(guess - offset * 3600_000);
    const wall = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hour12: false }).format(candidate);
    if (wall === `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`) return candidate.toISOString();
  }
  return new Date(guess - 3600_000).toISOString();
}

const standingOf = (deps: Deps, actor: Actor, groupId: string) => groupStanding(deps.db, actor.personId, groupId, deps.clock.now());

export async function openBox(deps: Deps, actor: Actor, input: OpenBoxInput): Promise<Box> {
  authorize(actor, 'documents.box.open', await standingOf(deps, actor, input.groupId));
  const problems = new Problems();
  const title = (input.title ?? '').trim();
  const instructions = (input.instructions ?? '').trim();
  const dueAt = input.dueAt ? parisToIso(input.dueAt.trim()) : null;
  problems.check(title.length > 0 && title.length <= 200, 'title', t('boxes.error.title'));
  problems.check(instructions.length <= 5000, 'instructions', t('boxes.error.instructions'));
  problems.check(dueAt !== null, 'dueAt', t('boxes.error.due'));
  const assignmentId = input.assignmentId?.trim() || null;
  if (assignmentId) {
    // Only the teacher's own work "to hand in", given to the same class or group.
    const [assignment] = await handInAssignmentsOf(deps.db, actor.personId, [assignmentId]);
    problems.check(!!assignment && assignment.groupId === input.groupId, 'assignmentId', t('boxes.error.assignment'));
  }
  problems.throwIfAny('boxes.invalid');
  const box: Box = {
    id: newId(),
    groupId: input.groupId,
    teacherId: actor.personId,
    assignmentId,
    title,
    instructions,
    dueAt: dueAt!,
    acceptLate: input.acceptLate ? 1 : 0,
    createdAt: deps.clock.now().toISOString(),
  };
  await repo.insertBox(deps.db, box);
  return box;
}

/** A box to open with a piece of work the cahier de textes is saving: what `prepareAssignmentBox` needs. */
export interface AssignmentBoxInput {
  groupId: string;
  title: string;
  instructions: string;
  /** ISO timestamp, or `YYYY-MM-DDTHH:MM` read as Paris time. */
  dueAt: string;
}

/**
 * The first half of opening a box tied to work being saved by another module: decides access
 * (`documents.box.open`) and validates now, before that module's transaction; the returned function
 * writes the box inside it (`trx`), once the work's id is known, so both are saved or neither.
 * Problems are thrown as `InvalidInput` on the fields `title` and `dueAt`.
 */
export async function prepareAssignmentBox(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, input: AssignmentBoxInput) {
  authorize(actor, 'documents.box.open', await groupStanding(deps.db, actor.personId, input.groupId, deps.clock.now()));
  const problems = new Problems();
  const title = input.title.trim().slice(0, 200);
  const dueAt = parisToIso(input.dueAt.trim());
  problems.check(title.length > 0, 'title', t('boxes.error.title'));
  problems.check(dueAt !== null, 'dueAt', t('boxes.error.due'));
  if (dueAt) problems.check(dueAt > deps.clock.now().toISOString(), 'dueAt', t('boxes.error.due_past'));
  problems.throwIfAny('boxes.invalid');
  return async (trx: Db, assignmentId: string): Promise<Box> => {
    // Saved again with its box already open: the work keeps that one.
    const existing = await repo.boxOfAssignment(trx, assignmentId);
    if (existing) return existing;
    const box: Box = {
      id: newId(),
      groupId: input.groupId,
      teacherId: actor.personId,
      assignmentId,
      title,
      instructions: input.instructions.trim().slice(0, 5000),
      dueAt: dueAt!,
      acceptLate: 1,
      createdAt: deps.clock.now().toISOString(),
    };
    await repo.insertBox(trx, box);
    return box;
  };
}

/** Groups the actor may open a box for: those they teach this year. */
export async function teachingGroups(deps: Deps, actor: Actor) {
  if (actor.profile !== 'teacher') return [];
  return repo.taughtGroups(deps.db, actor.personId, schoolYearOf(deps.clock.now()));
}

/** Boxes of this year's groups of the actor or of their children. */
export const listBoxes = (deps: Deps, actor: Actor, window: Window = { limit: 500, offset: 0 }) =>
  repo.listBoxes(deps.db, actor.personId, schoolYearOf(deps.clock.now()), window);

/** The box of an assignment, if the actor may see one. */
export async function boxForAssignment(deps: Deps, actor: Actor, assignmentId: string) {
  return (await listBoxes(deps, actor)).find((b) => b.assignmentId === assignmentId) ?? null;
}

interface BoxAccess {
  box: Box & { groupName: string };
  standing: GroupStanding;
}

async function boxFacts(deps: Deps, actor: Actor, id: string): Promise<BoxAccess | null> {
  const box = await repo.findBox(deps.db, id);
  if (!box) return null;
  const standing = await standingOf(deps, actor, box.groupId);
  return standing && { box, standing };
}

type BoxAction = 'documents.box.read' | 'documents.box.manage' | 'documents.handIn.submit';

export async function boxFor(deps: Deps, actor: Actor, id: string, action: BoxAction = 'documents.box.read'): Promise<BoxAccess> {
  const found = await boxFacts(deps, actor, id);
  authorize(actor, action, found?.standing);
  return found!;
}

export type BoxRole = 'teacher' | 'student' | 'relative';

/** What each one sees of a box: the teacher every pupil, a pupil themselves, a parent their children's status. */
export async function boxDetail(deps: Deps, actor: Actor, id: string) {
  const { box, standing } = await boxFor(deps, actor, id);
  const { db } = deps;
  let role: BoxRole;
  let lines: RosterLine[];
  if (can(actor, 'documents.box.manage', standing)) {
    role = 'teacher';
    lines = await repo.roster(db, box);
  } else if (standing.relations.includes('student')) {
    role = 'student';
    lines = await repo.roster(db, box, [actor.personId]);
  } else {
    role = 'relative';
    lines = (await repo.roster(db, box, await repo.childrenInGroup(db, actor.personId, box.groupId))).map((l) => ({ ...l, files: [], returns: [] }));
  }
  const line = lines[0];
  const open = role === 'student' && can(actor, 'documents.handIn.submit', standing) && handInWindow(box, !!line?.submittedAt, deps.clock.now()) !== 'closed';
  return { box, role, lines, open };
}

/**
 * Checks that the pupil may hand in now, before a byte of the upload is read: a pupil of the
 * group, this year, and the box still open to them.
 */
export async function prepareHandIn(deps: Deps, actor: Actor, boxId: string): Promise<Box> {
  const { box } = await boxFor(deps, actor, boxId, 'documents.handIn.submit');
  const existing = await repo.existingHandIn(deps.db, box.id, actor.personId);
  if (handInWindow(box, !!existing, deps.clock.now()) === 'closed') throw new AppError(409, 'boxes.closed', t('boxes.error.closed'));
  return box;
}

/**
 * Records the pupil's files (replacing an earlier hand-in while the box is open). Returns the
 * blob keys no longer used, for the caller to delete once the transaction is done.
 */
export async function handIn(deps: Deps, actor: Actor, box: Box, files: StoredFile[]) {
  if (files.length === 0) throw new InvalidInput([{ field: 'files', message: t('boxes.error.no_files') }], 'boxes.no_files');
  const now = deps.clock.now();
  const at = now.toISOString();
  const rows = files.map((f) => ({
    id: newId(),
    fileName: f.fileName,
    blobKey: f.key,
    size: f.size,
    sha256: f.sha256,
    contentType: f.contentType,
    createdAt: at,
  }));
  return repo.writeHandIn(
    deps.db,
    newId(),
    box.id,
    actor.personId,
    (already) => {
      const window = handInWindow(box, already, now);
      if (window === 'closed') throw new AppError(409, 'boxes.closed', t('boxes.error.closed'));
      return { late: window === 'late', at };
    },
    rows,
  );
}

/** The receipt of the actor's own hand-in. */
export async function receipt(deps: Deps, actor: Actor, box: Box) {
  const [line] = await repo.roster(deps.db, box, [actor.personId]);
  return line!;
}

/** A hand-in file the actor may download: the group's teachers, or the pupil who handed it in. */
export async function handInFileFor(deps: Deps, actor: Actor, fileId: string) {
  const row = await repo.findHandInFile(deps.db, fileId);
  const standing = row && (await standingOf(deps, actor, row.groupId));
  authorize(actor, 'documents.handIn.download', standing && row ? { ...standing, studentId: row.studentId } : null);
  return row!;
}

/** A returned file: the group's teachers or the pupil it was returned to. */
export async function returnFileFor(deps: Deps, actor: Actor, returnId: string) {
  const row = await repo.findReturn(deps.db, returnId);
  const standing = row?.blobKey ? await standingOf(deps, actor, row.groupId) : null;
  authorize(actor, 'documents.handIn.download', standing && row ? { ...standing, studentId: row.studentId } : null);
  return { ...row!, blobKey: row!.blobKey! };
}

/** Checks the teacher may return this hand-in, before any file of the return is read. */
export async function prepareReturn(deps: Deps, actor: Actor, handInId: string) {
  const handIn = await repo.findHandIn(deps.db, handInId);
  const standing = handIn && (await standingOf(deps, actor, handIn.groupId));
  authorize(actor, 'documents.handIn.return', standing && handIn ? { ...standing, studentId: handIn.studentId } : null);
  return handIn!;
}

/** The teacher returns a hand-in with a comment and maybe a corrected file. */
export async function returnHandIn(deps: Deps, actor: Actor, handIn: { id: string }, comment: string, file: StoredFile | null): Promise<string> {
  const text = comment.trim();
  if ((text === '' && !file) || text.length > 5000) throw new InvalidInput([{ field: 'comment', message: t('boxes.error.comment') }], 'boxes.bad_return');
  const id = newId();
  await repo.insertReturn(deps.db, {
    id,
    handInId: handIn.id,
    teacherId: actor.personId,
    comment: text,
    fileName: file?.fileName ?? null,
    blobKey: file?.key ?? null,
    size: file?.size ?? 0,
    sha256: file?.sha256 ?? null,
    contentType: file?.contentType ?? null,
    createdAt: deps.clock.now().toISOString(),
  });
  return id;
}

/** Every hand-in's files for the zip: the group's teachers only. */
export async function zipOf(deps: Deps, actor: Actor, boxId: string) {
  const { box } = await boxFor(deps, actor, boxId, 'documents.box.manage');
  return { box, entries: await repo.zipEntries(deps.db, box.id) };
}
