import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { AppError, Conflict, Problems } from '../../../kernel/http/errors.js';
import { newId } from '../../../kernel/db/index.js';
import { can } from '../../../kernel/authz/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { isDate, parisNow, yearOfDate } from '../dates.js';
import { t } from '../i18n/fr.js';
import { isReason } from '../reasons.js';
import * as records from '../repository/records.js';
import type { HalfDay } from '../tables.js';
import type { Deps } from './deps.js';
import { pupilFacts } from './facts.js';

/** The first and last dates of the school year `2026-2027`. */
export function yearRange(year: string) {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

export interface ReasonInput {
  from: string;
  to: string;
  reason: string;
  comment?: string | null;
}

/** Dates of this school year (`future`: after today too), in order, and a reason from the list ("other" needs a comment). */
function checkReason(input: ReasonInput, now: Date, future: boolean): Problems {
  const problems = new Problems();
  const today = parisNow(now).date;
  const year = schoolYearOf(now);
  const ok = (d: string) => isDate(d) && yearOfDate(d) === year && (future || d <= today);
  const message = future ? t('attendance.error.futureAllowed') : t('attendance.error.date');
  problems.check(ok(input.from), 'from', message);
  problems.check(ok(input.to), 'to', message);
  if (ok(input.from) && ok(input.to)) problems.check(input.to >= input.from, 'to', t('attendance.error.range'));
  problems.check(isReason(input.reason), 'reason', t('attendance.error.reason'));
  if (input.reason === 'other') problems.check(!!input.comment?.trim(), 'comment', t('attendance.error.comment'));
  return problems;
}

/** A pupil's year: absences and lateness with their justification state, totals, the justifications sent. */
export async function pupilRecord(deps: Deps, actor: Actor, studentId: string) {
  const now = deps.clock.now();
  const { facts, pupil } = await pupilFacts(deps.db, actor, studentId, now);
  authorize(actor, 'attendance.pupil.read', facts);
  const range = yearRange(schoolYearOf(now));
  const [marks, totals, justifications] = await Promise.all([
    records.pupilMarks(deps.db, studentId, range.from, range.to),
    records.figures(deps.db, [studentId], range.from, range.to),
    records.justificationsOf(deps.db, studentId, range.from),
  ]);
  const total = totals[0];
  return {
    pupil: { id: studentId, name: displayName(pupil!) },
    canJustify: can(actor, 'attendance.justification.submit', facts),
    canReview: can(actor, 'attendance.justification.review', facts),
    canAnnounce: can(actor, 'attendance.announced.record', facts),
    totals: {
      halfDays: Number(total?.halfDays ?? 0),
      justified: Number(total?.justifiedHalfDays ?? 0),
      lates: Number(total?.lates ?? 0),
      lateMinutes: Number(total?.lateMinutes ?? 0),
    },
    marks: marks.map((m) => ({
      id: m.id,
      date: m.date,
      halfDay: m.halfDay,
      lesson: m.startTime ? `${m.startTime}–${m.endTime}` : null,
      status: m.status,
      lateMinutes: m.lateMinutes,
      state:
        m.status === 'late'
          ? ('late' as const)
          : m.announcedId
            ? ('announced' as const)
            : m.justified
              ? ('accepted' as const)
              : m.pending
                ? ('pending' as const)
                : m.refused
                  ? ('refused' as const)
                  : ('unjustified' as const),
    })),
    justifications: justifications.map((j) => ({
      id: j.id,
      from: j.fromDate,
      to: j.toDate,
      reason: j.reason,
      comment: j.comment,
      status: j.status,
      reviewComment: j.reviewComment,
      document: j.fileName ? { fileName: j.fileName, size: j.size ?? 0 } : null,
      createdAt: j.createdAt,
    })),
  };
}

/** The parent's child, or a 404 naming the field (a parent learns nothing of other pupils). */
async function childFacts(deps: Deps, actor: Actor, studentId: string, now: Date) {
  const { facts } = await pupilFacts(deps.db, actor, studentId, now);
  if (!facts || !can(actor, 'attendance.justification.submit', facts))
    throw new AppError(404, 'attendance.not_your_child', t('attendance.error.notYourChild'), [
      { field: 'studentId', message: t('attendance.error.notYourChild') },
    ]);
  return facts;
}

/**
 * A parent justifies their child's absences over a range of dates. The rule runs first; only
 * then does `receive` read the form (and its document) into the blob store.
 */
export async function submitJustification(deps: Deps, actor: Actor, studentId: string, receive: () => Promise<{ input: ReasonInput; files: StoredFile[] }>) {
  const now = deps.clock.now();
  const facts = await childFacts(deps, actor, studentId, now);
  const { input, files } = await receive();
  try {
    checkReason(input, now, false).throwIfAny('attendance.invalid_justification');
    const file = files[0];
    const id = newId();
    await deps.db.transaction().execute(async (trx) => {
      await records.insertJustification(trx, {
        id,
        structureId: facts.structureId,
        studentId,
        submittedBy: actor.personId,
        fromDate: input.from,
        toDate: input.to,
        reason: input.reason,
        comment: input.comment?.trim() || null,
        blobKey: file?.key ?? null,
        fileName: file?.fileName ?? null,
        contentType: file?.contentType ?? null,
        size: file?.size ?? null,
        status: 'pending',
        reviewedBy: null,
        reviewedAt: null,
        reviewComment: null,
        createdAt: now.toISOString(),
      });
      await enqueue(trx, 'attendance.justified', { justificationId: id }, { key: `attendance.justified:${id}` });
    });
    return { id, status: 'pending' as const };
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
}

/** A justification's facts: its pupil as seen by the actor, in the year the justification belongs to. */
async function justificationFacts(deps: Deps, actor: Actor, id: string, now: Date) {
  const found = await records.findJustification(deps.db, id);
  if (!found) return { found, facts: undefined };
  const { facts } = await pupilFacts(deps.db, actor, found.studentId, now, yearOfDate(found.fromDate));
  // The pupil may have left: the justification still belongs to the school it was sent to.
  return { found, facts: facts && { ...facts, structureId: found.structureId } };
}

/** The justification's document, for whoever reads the pupil's record. */
export async function justificationDocument(deps: Deps, actor: Actor, id: string) {
  const { found, facts } = await justificationFacts(deps, actor, id, deps.clock.now());
  authorize(actor, 'attendance.justification.download', found?.blobKey ? facts : undefined);
  return found!;
}

/** The school validates or refuses (a refusal says why); the family is told through a job. */
export async function reviewJustification(deps: Deps, actor: Actor, id: string, input: { decision: 'accept' | 'refuse'; comment?: string | null }) {
  const now = deps.clock.now();
  const { found, facts } = await justificationFacts(deps, actor, id, now);
  authorize(actor, 'attendance.justification.review', facts);
  const comment = input.comment?.trim() || null;
  const problems = new Problems();
  if (input.decision === 'refuse') problems.check(!!comment, 'comment', t('attendance.error.refusalComment'));
  problems.throwIfAny('attendance.invalid_review');
  const status = input.decision === 'accept' ? ('accepted' as const) : ('refused' as const);
  await deps.db.transaction().execute(async (trx) => {
    const done = await records.reviewJustification(trx, id, { status, reviewedBy: actor.personId, reviewedAt: now.toISOString(), reviewComment: comment });
    if (!done) throw new Conflict('attendance.already_reviewed', t('attendance.error.alreadyReviewed'));
    await enqueue(trx, 'attendance.reviewed', { justificationId: id }, { key: `attendance.reviewed:${id}` });
  });
  return { id, status, studentId: found!.studentId };
}

/** The school records an absence announced in advance; the roll call of those days pre-fills it. */
export async function recordAnnounced(deps: Deps, actor: Actor, input: ReasonInput & { studentId: string; halfDay?: HalfDay | null }) {
  const now = deps.clock.now();
  const { facts } = await pupilFacts(deps.db, actor, input.studentId, now);
  if (!facts || !can(actor, 'attendance.announced.record', facts))
    throw new AppError(404, 'attendance.unknown_pupil', t('attendance.error.notInGroup'), [{ field: 'studentId', message: t('attendance.error.notInGroup') }]);
  checkReason(input, now, true).throwIfAny('attendance.invalid_announcement');
  const id = newId();
  await records.insertAnnounced(deps.db, {
    id,
    structureId: facts.structureId,
    studentId: input.studentId,
    fromDate: input.from,
    toDate: input.to,
    halfDay: input.halfDay ?? null,
    reason: input.reason,
    comment: input.comment?.trim() || null,
    recordedBy: actor.personId,
    createdAt: now.toISOString(),
  });
  return { id };
}
