// Notes to families: send, read, sign and answer, record a paper slip, remind, withdraw.
import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { BadRequest, InvalidInput, Problems } from '../../../kernel/http/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { compareClasses, displayName, groupStanding, schoolYearOf } from '../../directory/index.js';
import { messagingSettingsOf } from '../../messaging/index.js';
import { firstSendableAt } from '../../../kernel/quiet-hours.js';
import { t } from '../i18n/fr.js';
import { NOTIFY_JOB, REMIND_JOB } from '../jobs.js';
import { checkAnswer, MAX_OPTIONS, slipOf, type AnswerCheck } from '../replies.js';
import * as repo from '../repository.js';
import type { ReplyKind } from '../tables.js';
import type { Deps } from './deps.js';
import { noteFacts } from './facts.js';

export const MAX_TITLE = 200;
export const MAX_BODY = 5000;
export const MAX_QUESTION = 300;
export const MAX_OPTION = 100;

export interface NoteInput {
  groupId: string;
  /** Chosen children; empty or absent: every pupil of the class. */
  studentIds?: string[];
  title: string;
  body: string;
  requiresSignature: boolean;
  replyKind: ReplyKind;
  replyQuestion?: string;
  replyOptions?: string[];
  showToPupils: boolean;
}

/** When a notice for this school may go: now, or at the end of its quiet hours. */
async function sendableAt(deps: Deps, structureId: string, now: Date): Promise<Date> {
  const hours = await messagingSettingsOf(deps.db, structureId, now);
  return hours ? firstSendableAt(hours, now) : now;
}

/** Sends a note to the families of a class (or to chosen ones); families are notified outside quiet hours. */
export async function createNote(deps: Deps, actor: Actor, input: NoteInput): Promise<{ id: string }> {
  const now = deps.clock.now();
  authorize(actor, 'liaison.note.write', {});
  if (!input.groupId) throw new InvalidInput([{ field: 'groupId', message: t('liaison.error.class') }]);
  const standing = await groupStanding(deps.db, actor.personId, input.groupId, now);
  authorize(actor, 'liaison.note.create', standing);
  const pupils = await repo.classPupils(deps.db, input.groupId);
  const pupilIds = new Set(pupils.map((p) => p.id));
  const chosen = [...new Set(input.studentIds ?? [])];
  const options = (input.replyOptions ?? []).map((o) => o.trim()).filter((o) => o !== '');
  const question = (input.replyQuestion ?? '').trim();
  const problems = new Problems()
    .check(input.title.trim() !== '', 'title', t('liaison.error.title'))
    .check(input.body.trim() !== '', 'body', t('liaison.error.body'))
    .check(
      chosen.every((id) => pupilIds.has(id)),
      'studentIds',
      t('liaison.error.not_in_class'),
    )
    .check(pupilIds.size > 0, 'groupId', t('liaison.error.empty_class'))
    .check(input.replyKind === 'none' || question !== '', 'replyQuestion', t('liaison.error.question'));
  if (input.replyKind === 'choice')
    problems
      .check(options.length >= 2 && options.length <= MAX_OPTIONS, 'replyOptions', t('liaison.error.options', MAX_OPTIONS))
      .check(new Set(options).size === options.length, 'replyOptions', t('liaison.error.options_twice'))
      .check(
        options.every((o) => o.length <= MAX_OPTION),
        'replyOptions',
        t('liaison.error.option_long', MAX_OPTION),
      );
  problems.throwIfAny();
  const id = newId();
  const at = now.toISOString();
  const children = chosen.length > 0 ? chosen : [...pupilIds];
  const runAt = await sendableAt(deps, standing.structureId, now);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertNote(
      trx,
      {
        id,
        structureId: standing.structureId,
        groupId: input.groupId,
        schoolYear: standing.schoolYear,
        authorId: actor.personId,
        title: input.title.trim(),
        body: input.body.trim(),
        requiresSignature: input.requiresSignature || input.replyKind !== 'none' ? 1 : 0,
        replyKind: input.replyKind,
        replyQuestion: input.replyKind === 'none' ? '' : question,
        replyOptions: JSON.stringify(input.replyKind === 'choice' ? options : []),
        showToPupils: input.showToPupils ? 1 : 0,
        wholeClass: chosen.length > 0 ? 0 : 1,
        createdAt: at,
        withdrawnAt: null,
        withdrawnBy: null,
        remindedAt: null,
      },
      children,
    );
    await enqueue(trx, NOTIFY_JOB, { noteId: id }, { key: `${NOTIFY_JOB}:${id}`, runAt });
  });
  return { id };
}

type Named = { firstName: string; lastName: string; usageName: string | null };
const nameOf = (p: Named) => displayName(p);

/** One child's line: their answer, online or on paper, and who gave it. */
export interface AnswerLine {
  studentId: string;
  name: string;
  answered: boolean;
  channel: 'online' | 'paper' | null;
  answer: string | null;
  answeredAt: string | null;
  by: string | null;
}

/** A note as the asker may see it: the sender and the director get every child's line, a parent their own children's. */
export async function noteDetail(deps: Deps, actor: Actor, noteId: string) {
  const now = deps.clock.now();
  const found = await noteFacts(deps.db, actor, noteId, now);
  authorize(actor, 'liaison.note.read', found?.facts);
  const { note, facts } = found!;
  const [group, author] = await Promise.all([
    repo.findGroup(deps.db, note.groupId),
    deps.db.selectFrom('people').select(['firstName', 'lastName', 'usageName']).where('id', '=', note.authorId).executeTakeFirstOrThrow(),
  ]);
  const follows = can(actor, 'liaison.note.follow', facts);
  const rows = follows || facts.childrenOfActor.length > 0 ? await repo.answerList(deps.db, note.id) : [];
  const visible = follows ? rows : rows.filter((r) => facts.childrenOfActor.includes(r.studentId));
  const lines: AnswerLine[] = visible
    .map((r) => ({
      studentId: r.studentId,
      name: nameOf(r),
      answered: r.channel !== null,
      channel: r.channel,
      answer: r.answer,
      answeredAt: r.updatedAt,
      by: r.byFirstName !== null ? nameOf({ firstName: r.byFirstName, lastName: r.byLastName ?? '', usageName: r.byUsageName }) : null,
    }))
    .sort((a, b) => compareFrench(a.name, b.name));
  return {
    id: note.id,
    groupId: note.groupId,
    groupName: group?.name ?? '',
    title: note.title,
    body: note.body,
    author: nameOf(author),
    createdAt: note.createdAt,
    requiresSignature: note.requiresSignature === 1,
    reply: slipOf(note),
    showToPupils: note.showToPupils === 1,
    withdrawn: note.withdrawnAt !== null,
    withdrawnAt: note.withdrawnAt,
    remindedAt: note.remindedAt,
    current: facts.current,
    follows,
    manages: can(actor, 'liaison.note.manage', facts),
    signable: facts.childrenOfActor.filter((studentId) => can(actor, 'liaison.note.sign', { ...facts, studentId })),
    counts: { children: lines.length, answered: lines.filter((l) => l.answered).length, paper: lines.filter((l) => l.channel === 'paper').length },
    lines,
  };
}
export type NoteDetail = Awaited<ReturnType<typeof noteDetail>>;

/** The note with every child's line, for the printed list and the paper slips: the sender and the director. */
export async function followedNote(deps: Deps, actor: Actor, noteId: string): Promise<NoteDetail> {
  const found = await noteFacts(deps.db, actor, noteId, deps.clock.now());
  authorize(actor, 'liaison.note.follow', found?.facts);
  return noteDetail(deps, actor, noteId);
}

function refuseAnswer(check: Exclude<AnswerCheck, { ok: true }>): never {
  throw new InvalidInput([{ field: 'answer', message: t(`liaison.error.${check.code}`) }]);
}

/** A legal guardian signs (and answers) for one of their children; answering again corrects it. */
export async function signNote(deps: Deps, actor: Actor, noteId: string, input: { studentId: string; answer?: string | null }) {
  const now = deps.clock.now();
  const found = await noteFacts(deps.db, actor, noteId, now);
  authorize(actor, 'liaison.note.sign', found ? { ...found.facts, studentId: input.studentId } : null);
  const note = found!.note;
  if (note.requiresSignature === 0) throw new BadRequest('liaison.nothing_to_sign', t('liaison.error.nothing_to_sign'));
  const check = checkAnswer(slipOf(note), input.answer);
  if (!check.ok) refuseAnswer(check);
  const at = now.toISOString();
  await repo.upsertAnswer(deps.db, {
    noteId,
    studentId: input.studentId,
    channel: 'online',
    answeredBy: actor.personId,
    answer: check.answer,
    answeredAt: at,
    updatedAt: at,
  });
  return { studentId: input.studentId, answer: check.answer, channel: 'online' as const, answeredAt: at };
}

/** The sender records a paper slip for a child; the list shows who recorded it. */
export async function recordPaperAnswer(deps: Deps, actor: Actor, noteId: string, input: { studentId: string; answer?: string | null }) {
  const now = deps.clock.now();
  const found = await noteFacts(deps.db, actor, noteId, now);
  authorize(actor, 'liaison.note.manage', found?.facts);
  const note = found!.note;
  if (note.requiresSignature === 0) throw new BadRequest('liaison.nothing_to_sign', t('liaison.error.nothing_to_sign'));
  if (!(await repo.isConcerned(deps.db, noteId, input.studentId))) throw new InvalidInput([{ field: 'studentId', message: t('liaison.error.not_concerned') }]);
  const check = checkAnswer(slipOf(note), input.answer);
  if (!check.ok) refuseAnswer(check);
  const at = now.toISOString();
  await repo.upsertAnswer(deps.db, {
    noteId,
    studentId: input.studentId,
    channel: 'paper',
    answeredBy: actor.personId,
    answer: check.answer,
    answeredAt: at,
    updatedAt: at,
  });
  return { studentId: input.studentId, answer: check.answer, channel: 'paper' as const, answeredAt: at };
}

/** Reminds the families who have not answered: a job, sent outside the school's quiet hours. */
export async function remindNote(deps: Deps, actor: Actor, noteId: string): Promise<{ families: number; at: string }> {
  const now = deps.clock.now();
  const found = await noteFacts(deps.db, actor, noteId, now);
  authorize(actor, 'liaison.note.manage', found?.facts);
  const note = found!.note;
  if (note.requiresSignature === 0) throw new BadRequest('liaison.nothing_to_sign', t('liaison.error.nothing_to_sign'));
  const families = (await repo.guardiansOf(deps.db, noteId, true)).length;
  if (families === 0) throw new BadRequest('liaison.all_answered', t('liaison.error.all_answered'));
  const runAt = await sendableAt(deps, note.structureId, now);
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.markReminded(trx, noteId, at);
    // One reminder per minute at most: asking twice in a row sends one.
    await enqueue(trx, REMIND_JOB, { noteId, at }, { key: `${REMIND_JOB}:${noteId}:${at.slice(0, 16)}`, runAt });
  });
  return { families, at: runAt.toISOString() };
}

/** Withdraws a note: it stays, marked withdrawn, with who withdrew it; no more answers. */
export async function withdrawNote(deps: Deps, actor: Actor, noteId: string): Promise<void> {
  const now = deps.clock.now();
  const found = await noteFacts(deps.db, actor, noteId, now);
  authorize(actor, 'liaison.note.manage', found?.facts);
  await repo.markWithdrawn(deps.db, noteId, actor.personId, now.toISOString());
}

/** The notes the asker may read, newest first. */
export async function listNotes(deps: Deps, actor: Actor, options: { groupId?: string; limit: number; offset: number }) {
  authorize(actor, 'liaison.index.open', {});
  const year = schoolYearOf(deps.clock.now());
  const rows = await repo.listNotes(deps.db, actor, year, options);
  return rows.map((r) => ({
    id: r.id,
    groupId: r.groupId,
    groupName: r.groupName,
    title: r.title,
    author: nameOf(r),
    requiresSignature: r.requiresSignature === 1,
    replyKind: r.replyKind,
    createdAt: r.createdAt,
    withdrawn: r.withdrawnAt !== null,
    current: r.schoolYear === year,
    children: Number(r.children ?? 0),
    answered: Number(r.answers ?? 0),
  }));
}

/** The classes the asker may write to this year, in school order, and their pupils (for choosing families). */
export async function writableClasses(deps: Deps, actor: Actor) {
  authorize(actor, 'liaison.note.write', {});
  const year = schoolYearOf(deps.clock.now());
  const classes = await repo.classesToWrite(deps.db, actor, year);
  return Promise.all(
    [...classes].sort(compareClasses).map(async (c) => ({
      id: c.id,
      name: c.name,
      pupils: (await repo.classPupils(deps.db, c.id)).map((p) => ({ id: p.id, name: nameOf(p) })).sort((a, b) => compareFrench(a.name, b.name)),
    })),
  );
}
