import type { Actor } from '../../../kernel/authz/index.js';
import { authorize, can } from '../../../kernel/authz/index.js';
import { flag, newId } from '../../../kernel/db/index.js';
import { AppError, fieldErrors, Problems } from '../../../kernel/http/errors.js';
import { isUuid } from '../../../kernel/http/schemas.js';
import { formatDate, withLocale } from '../../../kernel/i18n/index.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { displayName, groupStanding } from '../../directory/index.js';
import { prepareAssignmentBox } from '../../documents/index.js';
import { isDate, TIME } from '../dates.js';
import type { HomeworkPublished } from '../events.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/lessons.js';
import { settingsOf } from '../repository/settings.js';
import { subjectsOfGroup } from '../repository/subjects.js';
import { MAX_ASSIGNMENTS, MAX_CONTENT, MAX_INSTRUCTIONS, plainText, sanitizeRichText, withoutControls } from '../text.js';
import { recordFiles } from './attachments.js';
import { removeBlobs, type Deps } from './deps.js';
import { authorFacts } from './facts.js';

export type { Deps };

export interface AssignmentInput {
  /** Present when editing an existing piece of work. */
  id?: string | null;
  instructions: string;
  givenOn?: string | null;
  dueOn: string;
  estimatedMinutes?: number | null;
  toHandIn?: boolean;
  /** Open a hand-in box for this work ("à rendre") with the lesson, its deadline the due date. */
  openBox?: boolean;
}

export interface LessonInput {
  groupId: string;
  subjectId: string;
  lessonDate: string;
  startTime?: string | null;
  endTime?: string | null;
  content: string;
  publish: boolean;
  /** ISO timestamp: publish later. */
  visibleFrom?: string | null;
  assignments: AssignmentInput[];
}

export { MAX_ASSIGNMENTS };

/** A box opened with a piece of work closes on its due date, at the start of the school day (Paris time). */
export const BOX_DEADLINE = '08:00';

/**
 * A group the actor may write a lesson for, or null. The group is a field of the form, so a refusal
 * is reported on that field (the person picks another), through the same rule.
 */
async function targetGroup(deps: Deps, actor: Actor, groupId: string) {
  if (!isUuid(groupId)) return null;
  const standing = await groupStanding(deps.db, actor.personId, groupId, deps.clock.now());
  if (!standing || !can(actor, 'homework.lesson.create', standing)) return null;
  return (await repo.findGroup(deps.db, groupId)) ?? null;
}

/**
 * Checks a lesson against every rule; returns the clean values or throws all problems at once.
 * `keptSubjectId` is the subject an edited lesson already has: kept even when an older list had it.
 */
async function validate(deps: Deps, actor: Actor, raw: LessonInput, keptSubjectId?: string) {
  const input = {
    ...raw,
    content: withoutControls(raw.content),
    assignments: raw.assignments.map((a) => ({ ...a, instructions: withoutControls(a.instructions) })),
  };
  const problems = new Problems();
  const group = await targetGroup(deps, actor, input.groupId);
  problems.check(!!group, 'groupId', input.groupId ? t('homework.error.group') : t('homework.error.group_missing'));
  const subjects = group ? await subjectsOfGroup(deps.db, group, actor.personId) : [];
  const subject =
    subjects.find((s) => s.id === input.subjectId) ??
    (group && input.subjectId && input.subjectId === keptSubjectId ? { id: keptSubjectId, label: await repo.subjectLabel(deps.db, keptSubjectId) } : undefined);
  if (!input.subjectId) problems.add('subjectId', t('homework.error.subject_missing'));
  else if (group) problems.check(!!subject, 'subjectId', t('homework.error.subject'));
  problems.check(isDate(input.lessonDate), 'lessonDate', t('homework.error.date'));
  const startTime = input.startTime || null;
  const endTime = input.endTime || null;
  if (startTime && !TIME.test(startTime)) problems.add('startTime', t('homework.error.time'));
  if (endTime && !TIME.test(endTime)) problems.add('endTime', t('homework.error.time'));
  if (startTime && endTime && TIME.test(startTime) && TIME.test(endTime) && endTime <= startTime) problems.add('endTime', t('homework.error.end_before_start'));
  problems.check(input.content.length <= MAX_CONTENT, 'content', t('homework.error.content_too_long', MAX_CONTENT));
  let visibleFrom: string | null = null;
  if (input.visibleFrom) {
    const at = new Date(input.visibleFrom);
    if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(input.visibleFrom)) problems.add('visibleFrom', t('homework.error.visible_from'));
    else visibleFrom = at.toISOString();
  }
  const content = sanitizeRichText(input.content);
  const hasContent = plainText(content).trim().length > 0;
  if (input.content.length <= MAX_CONTENT) problems.check(hasContent || input.assignments.length > 0, 'content', t('homework.error.empty'));
  problems.check(input.assignments.length <= MAX_ASSIGNMENTS, 'assignments', t('homework.error.too_many'));
  const assignments = input.assignments.slice(0, MAX_ASSIGNMENTS).map((a, i) => {
    const field = (name: string) => `assignments.${i}.${name}`;
    const givenOn = a.givenOn || input.lessonDate;
    const instructions = a.instructions.length <= MAX_INSTRUCTIONS ? sanitizeRichText(a.instructions) : '';
    if (a.instructions.length > MAX_INSTRUCTIONS) problems.add(field('instructions'), t('homework.error.content_too_long', MAX_INSTRUCTIONS));
    else problems.check(instructions.length > 0, field('instructions'), t('homework.error.instructions'));
    problems.check(isDate(givenOn), field('givenOn'), t('homework.error.date'));
    problems.check(isDate(a.dueOn), field('dueOn'), t('homework.error.date'));
    if (isDate(givenOn) && isDate(a.dueOn)) problems.check(a.dueOn >= givenOn, field('dueOn'), t('homework.error.due_before_given'));
    const minutes = a.estimatedMinutes ?? null;
    if (minutes !== null) problems.check(Number.isInteger(minutes) && minutes >= 1 && minutes <= 600, field('estimatedMinutes'), t('homework.error.minutes'));
    problems.check(!a.openBox || !!a.toHandIn, field('openBox'), t('homework.error.box_needs_hand_in'));
    return {
      id: a.id || null,
      instructions,
      givenOn,
      dueOn: a.dueOn,
      estimatedMinutes: minutes,
      toHandIn: flag(!!a.toHandIn),
      position: i,
      openBox: !!a.openBox,
    };
  });
  const code = errorCode(input, assignments);
  problems.throwIfAny(code);
  return { group: group!, subject: subject!, startTime, endTime, visibleFrom, assignments, content };
}

/** The one error code a client can branch on when a single rule is broken. */
function errorCode(input: LessonInput, assignments: { givenOn: string; dueOn: string }[]): string | undefined {
  if (assignments.some((a) => isDate(a.givenOn) && isDate(a.dueOn) && a.dueOn < a.givenOn)) return 'homework.due_before_given';
  return input.content.length > MAX_CONTENT ? 'homework.text_too_long' : undefined;
}

/** The lesson, when the actor may edit it (the author, in the lesson's school year). */
export async function editableLesson(deps: Deps, actor: Actor, id: string) {
  const lesson = await repo.findLesson(deps.db, id);
  authorize(actor, 'homework.lesson.edit', authorFacts(lesson, deps.clock.now()));
  return lesson!;
}

/** What the families of the group are told when a lesson with work is first published; null when nobody may read it. */
async function publicationNotice(
  deps: Deps,
  actor: Actor,
  lessonId: string,
  clean: Awaited<ReturnType<typeof validate>>,
  visibleAt: string,
): Promise<HomeworkPublished | null> {
  const settings = await settingsOf(deps.db, clean.group.structureId);
  const recipients = await repo.familiesOf(deps.db, clean.group.id, { students: settings.openToStudents, relatives: settings.openToRelatives });
  const teacher = await repo.personName(deps.db, actor.personId);
  if (recipients.length === 0 || !teacher) return null;
  const firstDue = clean.assignments.map((a) => a.dueOn).sort()[0]!;
  return {
    lessonId,
    structureId: clean.group.structureId,
    groupId: clean.group.id,
    recipients,
    // Notifications are written in French for now, whatever the teacher's own interface language.
    title: withLocale('fr', () => t('homework.notify.title', clean.subject.label, formatDate(firstDue))),
    body: withLocale('fr', () => t('homework.notify.body', clean.group.name, displayName(teacher))),
    link: '/homework/agenda',
    visibleAt,
  };
}

/**
 * The hand-in boxes the teacher asked to open with the work (`openBox`), decided by the documents
 * module (`documents.box.open`) before anything is written; a refusal is reported on the work's field.
 */
async function prepareBoxes(deps: Deps, actor: Actor, clean: Awaited<ReturnType<typeof validate>>) {
  const problems = new Problems();
  const boxes: { index: number; open: Awaited<ReturnType<typeof prepareAssignmentBox>> }[] = [];
  for (const [index, a] of clean.assignments.entries()) {
    if (!a.openBox) continue;
    const summary = plainText(a.instructions).replace(/\s+/g, ' ').trim();
    try {
      const open = await prepareAssignmentBox(deps, actor, {
        groupId: clean.group.id,
        // The box's title is stored and read by the class: written in French, as the notifications.
        title: withLocale('fr', () => t('homework.box.title', clean.subject.label, summary.length > 120 ? `${summary.slice(0, 119)}…` : summary)),
        instructions: summary,
        dueAt: `${a.dueOn}T${BOX_DEADLINE}`,
      });
      boxes.push({ index, open });
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
      const reasons = Object.values(fieldErrors(error) ?? {});
      problems.add(`assignments.${index}.openBox`, reasons.length > 0 ? t('homework.error.box', reasons.join(' ')) : t('homework.error.box_refused'));
    }
  }
  problems.throwIfAny('homework.box_not_opened');
  return boxes;
}

/** Creates (no `id`) or updates a lesson with its work; notifies families on its first publication. */
export async function saveLesson(deps: Deps, actor: Actor, input: LessonInput, id?: string) {
  const { db } = deps;
  authorize(actor, 'homework.lesson.write', {});
  const existing = id ? await editableLesson(deps, actor, id) : null;
  const clean = await validate(deps, actor, input, existing?.subjectId);
  const now = deps.clock.now().toISOString();
  const keep = new Set(id ? await repo.assignmentIdsOf(db, id) : []);
  const foreign = clean.assignments.findIndex((a) => a.id && !keep.has(a.id));
  if (foreign >= 0) new Problems().add(`assignments.${foreign}.id`, t('homework.error.assignment')).throwIfAny();

  const work = clean.assignments.map((a) => ({ ...a, insertId: a.id ? undefined : newId() }));
  const boxes = await prepareBoxes(deps, actor, clean);

  const firstPublication = input.publish && !existing?.publishedAt;
  const lessonId = id ?? newId();
  const values = {
    structureId: clean.group.structureId,
    groupId: clean.group.id,
    subjectId: clean.subject.id,
    lessonDate: input.lessonDate,
    startTime: clean.startTime,
    endTime: clean.endTime,
    content: clean.content,
    status: input.publish ? ('published' as const) : ('draft' as const),
    visibleFrom: clean.visibleFrom ?? (existing?.status === 'published' && input.publish ? existing.visibleFrom : now),
    publishedAt: existing?.publishedAt ?? (input.publish ? now : null),
    editedAt: existing?.publishedAt ? now : null,
    updatedAt: now,
  };
  // The families' notice is written with the lesson (an outbox): it exists only if the lesson was
  // saved, is delivered once whatever retries happen, and waits for a publication planned later.
  const notice = firstPublication && clean.assignments.length > 0 ? await publicationNotice(deps, actor, lessonId, clean, values.visibleFrom) : null;
  // The boxes asked for are written with the lesson too: both are saved or neither.
  await repo.writeLesson(db, { id: lessonId, exists: !!existing, teacherId: actor.personId, values, createdAt: now, newId }, work, async (trx) => {
    if (notice) await deps.events.publish(trx, 'homework.published', notice, { key: lessonId, at: new Date(values.visibleFrom) });
    for (const { index, open } of boxes) await open(trx, work[index]!.id ?? work[index]!.insertId!);
  });
  return {
    id: lessonId,
    status: values.status,
    visibleFrom: values.visibleFrom,
    scheduled: input.publish && values.visibleFrom > now,
    firstPublication,
    boxes: boxes.length,
  };
}

/**
 * Saves a lesson from a form that carries files. The right to write (and to edit this lesson) is
 * checked before `receive` reads a byte of the body; the files are kept only with a saved lesson.
 */
export async function saveLessonWithFiles(
  deps: Deps,
  actor: Actor,
  id: string | undefined,
  receive: () => Promise<{ input: LessonInput; files: StoredFile[] }>,
) {
  authorize(actor, 'homework.lesson.write', {});
  if (id) await editableLesson(deps, actor, id);
  const { input, files } = await receive();
  try {
    const saved = await saveLesson(deps, actor, input, id);
    await recordFiles(deps, saved.id, files);
    return saved;
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
}

export async function deleteLesson(deps: Deps, actor: Actor, id: string): Promise<void> {
  const lesson = await repo.findLesson(deps.db, id);
  authorize(actor, 'homework.lesson.delete', authorFacts(lesson, deps.clock.now()));
  await removeBlobs(deps, await repo.deleteLesson(deps.db, id));
}

/** The lesson, when the actor may copy from it (its author, past years too). */
async function copyableLesson(deps: Deps, actor: Actor, id: string) {
  const lesson = await repo.findLesson(deps.db, id);
  authorize(actor, 'homework.lesson.copy', authorFacts(lesson, deps.clock.now()));
  return lesson!;
}

/** The target group's subject with the same code (groups of another school have their own list). */
async function targetFor(deps: Deps, actor: Actor, groupId: string, subjectId: string) {
  const group = await targetGroup(deps, actor, groupId);
  if (!group) new Problems().add('groupId', t('homework.error.group')).throwIfAny();
  const code = await repo.subjectCode(deps.db, subjectId);
  const subject = (await subjectsOfGroup(deps.db, group!, actor.personId)).find((s) => s.code === code);
  if (!subject) new Problems().add('subjectId', t('homework.error.subject')).throwIfAny();
  return { group: group!, subject: subject! };
}

/** Copies a lesson and its work to another group the teacher teaches, as a draft to review. */
export async function copyLesson(deps: Deps, actor: Actor, id: string, groupId: string) {
  const lesson = await copyableLesson(deps, actor, id);
  const { group, subject } = await targetFor(deps, actor, groupId, lesson.subjectId);
  const work = await repo.assignmentsOf(deps.db, [id]);
  return insertCopy(deps, lesson, group, subject.id, lesson.content, work);
}

/** Copies one piece of work into a new draft lesson of another group, on the same date and subject. */
export async function copyAssignment(deps: Deps, actor: Actor, assignmentId: string, groupId: string) {
  const assignment = await repo.findAssignment(deps.db, assignmentId);
  const lesson = await copyableLesson(deps, actor, assignment?.lessonId ?? '');
  const { group, subject } = await targetFor(deps, actor, groupId, lesson.subjectId);
  return insertCopy(deps, lesson, group, subject.id, '', [assignment!]);
}

async function insertCopy(
  deps: Deps,
  lesson: repo.LessonRecord,
  group: { id: string; structureId: string },
  subjectId: string,
  content: string,
  work: Awaited<ReturnType<typeof repo.assignmentsOf>>,
) {
  const now = deps.clock.now().toISOString();
  const id = newId();
  await repo.insertCopy(
    deps.db,
    {
      id,
      structureId: group.structureId,
      groupId: group.id,
      subjectId,
      teacherId: lesson.teacherId,
      lessonDate: lesson.lessonDate,
      startTime: lesson.startTime,
      endTime: lesson.endTime,
      content,
      status: 'draft',
      visibleFrom: now,
      publishedAt: null,
      editedAt: null,
      createdAt: now,
      updatedAt: now,
    },
    work,
    { lessonId: id, newId, now },
  );
  return { id };
}
