import type { Actor } from '../../kernel/authz/index.js';
import { authorize, Forbidden, NotFound } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { flag, newId, nowIso } from '../../kernel/db/index.js';
import type { EventBus } from '../../kernel/events/index.js';
import { Problems } from '../../kernel/http/errors.js';
import { formatDate } from '../../kernel/i18n/index.js';
import { displayName } from '../directory/index.js';
import { isDate, TIME } from './dates.js';
import './events.js';
import { t } from './i18n/fr.js';
import { canEditLesson, canWriteLessons } from './policy.js';
import * as repo from './repository.js';
import { subjectsOf } from './subjects.js';
import { MAX_CONTENT, MAX_INSTRUCTIONS, sanitizeRichText } from './text.js';

export interface Deps {
  db: Db;
  events: EventBus;
}

export interface AssignmentInput {
  /** Present when editing an existing piece of work. */
  id?: string | null;
  instructions: string;
  givenOn?: string | null;
  dueOn: string;
  estimatedMinutes?: number | null;
  toHandIn?: boolean;
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

export const MAX_ASSIGNMENTS = 10;

/** Checks a lesson against every rule; returns the clean values or throws all problems at once. */
async function validate(db: Db, actor: Actor, input: LessonInput) {
  const problems = new Problems();
  const group = input.groupId ? await repo.teachesGroup(db, actor.personId, input.groupId) : undefined;
  problems.check(!!group, 'groupId', t('homework.error.group'));
  const subjects = group ? await subjectsOf(db, group.structureId) : [];
  const subject = subjects.find((s) => s.id === input.subjectId);
  if (group) problems.check(!!subject, 'subjectId', t('homework.error.subject'));
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
    return { id: a.id || null, instructions, givenOn, dueOn: a.dueOn, estimatedMinutes: minutes, toHandIn: flag(!!a.toHandIn), position: i };
  });
  const code = errorCode(input, assignments);
  problems.throwIfAny(code);
  return { group: group!, subject: subject!, startTime, endTime, visibleFrom, assignments, content: sanitizeRichText(input.content) };
}

/** The one error code a client can branch on when a single rule is broken. */
function errorCode(input: LessonInput, assignments: { givenOn: string; dueOn: string }[]): string | undefined {
  if (assignments.some((a) => isDate(a.givenOn) && isDate(a.dueOn) && a.dueOn < a.givenOn)) return 'homework.due_before_given';
  return input.content.length > MAX_CONTENT ? 'homework.text_too_long' : undefined;
}

/** Creates (no `id`) or updates a lesson with its work; notifies families on its first publication. */
export async function saveLesson(deps: Deps, actor: Actor, input: LessonInput, id?: string) {
  const { db } = deps;
  if (!canWriteLessons(actor)) throw new Forbidden();
  const existing = id ? await repo.findLesson(db, id) : null;
  if (id) authorize((l: NonNullable<typeof existing>) => canEditLesson(actor, l), existing);
  const clean = await validate(db, actor, input);
  const now = nowIso();
  const existingWork = id ? await db.selectFrom('assignments').select('id').where('lessonId', '=', id).execute() : [];
  const keep = new Set(existingWork.map((a) => a.id));
  const foreign = clean.assignments.findIndex((a) => a.id && !keep.has(a.id));
  if (foreign >= 0) new Problems().add(`assignments.${foreign}.id`, t('homework.error.assignment')).throwIfAny();

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
  await db.transaction().execute(async (trx) => {
    if (existing) await trx.updateTable('lessons').set(values).where('id', '=', lessonId).execute();
    else
      await trx
        .insertInto('lessons')
        .values({ ...values, id: lessonId, teacherId: actor.personId, createdAt: now })
        .execute();
    const kept = clean.assignments.filter((a) => a.id).map((a) => a.id!);
    let removal = trx.deleteFrom('assignments').where('lessonId', '=', lessonId);
    if (kept.length > 0) removal = removal.where('id', 'not in', kept);
    await removal.execute();
    for (const a of clean.assignments) {
      const row = {
        instructions: a.instructions,
        givenOn: a.givenOn,
        dueOn: a.dueOn,
        estimatedMinutes: a.estimatedMinutes,
        toHandIn: a.toHandIn,
        position: a.position,
        groupId: clean.group.id,
        updatedAt: now,
      };
      if (a.id) await trx.updateTable('assignments').set(row).where('id', '=', a.id).execute();
      else
        await trx
          .insertInto('assignments')
          .values({ ...row, id: newId(), lessonId, createdAt: now })
          .execute();
    }
  });

  if (firstPublication && clean.assignments.length > 0) {
    const settings = await repo.settingsOf(db, clean.group.structureId);
    const recipients = await repo.familiesOf(db, clean.group.id, { students: settings.openToStudents, relatives: settings.openToRelatives });
    const firstDue = clean.assignments.map((a) => a.dueOn).sort()[0]!;
    const teacher = await db.selectFrom('people').select(['firstName', 'lastName', 'usageName']).where('id', '=', actor.personId).executeTakeFirstOrThrow();
    if (recipients.length > 0) {
      await deps.events.emit('homework.published', {
        lessonId,
        structureId: clean.group.structureId,
        groupId: clean.group.id,
        recipients,
        title: t('homework.notify.title', clean.subject.label, formatDate(firstDue)),
        body: t('homework.notify.body', clean.group.name, displayName(teacher)),
        link: '/homework/agenda',
        visibleAt: values.visibleFrom,
      });
    }
  }
  return { id: lessonId, status: values.status, visibleFrom: values.visibleFrom, firstPublication };
}

async function editableLesson(db: Db, actor: Actor, id: string) {
  const lesson = await repo.findLesson(db, id);
  authorize((l: NonNullable<typeof lesson>) => canEditLesson(actor, l), lesson);
  return lesson;
}

export async function deleteLesson(deps: Deps, actor: Actor, id: string): Promise<string[]> {
  await editableLesson(deps.db, actor, id);
  const blobs = await deps.db.selectFrom('homeworkAttachments').select('blobKey').where('lessonId', '=', id).execute();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('homeworkAttachments').where('lessonId', '=', id).execute();
    const work = trx.selectFrom('assignments').select('id').where('lessonId', '=', id);
    await trx.deleteFrom('assignmentDone').where('assignmentId', 'in', work).execute();
    await trx.deleteFrom('assignments').where('lessonId', '=', id).execute();
    await trx.deleteFrom('lessons').where('id', '=', id).execute();
  });
  return blobs.map((b) => b.blobKey);
}

/** The target group's subject with the same code (groups of another school have their own list). */
async function targetFor(db: Db, actor: Actor, groupId: string, subjectId: string) {
  const group = await repo.teachesGroup(db, actor.personId, groupId);
  if (!group) new Problems().add('groupId', t('homework.error.group')).throwIfAny();
  const source = await db.selectFrom('subjects').select('code').where('id', '=', subjectId).executeTakeFirstOrThrow();
  const subject = (await subjectsOf(db, group!.structureId)).find((s) => s.code === source.code);
  if (!subject) new Problems().add('subjectId', t('homework.error.subject')).throwIfAny();
  return { group: group!, subject: subject! };
}

/** Copies a lesson and its work to another group the teacher teaches, as a draft to review. */
export async function copyLesson(deps: Deps, actor: Actor, id: string, groupId: string) {
  const lesson = await editableLesson(deps.db, actor, id);
  const { group, subject } = await targetFor(deps.db, actor, groupId, lesson.subjectId);
  const work = await repo.assignmentsOf(deps.db, [id]);
  return insertCopy(deps.db, lesson, group, subject.id, lesson.content, work);
}

/** Copies one piece of work into a new draft lesson of another group, on the same date and subject. */
export async function copyAssignment(deps: Deps, actor: Actor, assignmentId: string, groupId: string) {
  const assignment = await deps.db.selectFrom('assignments').selectAll().where('id', '=', assignmentId).executeTakeFirst();
  if (!assignment) throw new NotFound();
  const lesson = await editableLesson(deps.db, actor, assignment.lessonId);
  const { group, subject } = await targetFor(deps.db, actor, groupId, lesson.subjectId);
  return insertCopy(deps.db, lesson, group, subject.id, '', [assignment]);
}

async function insertCopy(
  db: Db,
  lesson: NonNullable<Awaited<ReturnType<typeof repo.findLesson>>>,
  group: { id: string; structureId: string },
  subjectId: string,
  content: string,
  work: Awaited<ReturnType<typeof repo.assignmentsOf>>,
) {
  const now = nowIso();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('lessons')
      .values({
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
      })
      .execute();
    if (work.length > 0) {
      await trx
        .insertInto('assignments')
        .values(work.map((a, i) => ({ ...a, id: newId(), lessonId: id, groupId: group.id, position: i, createdAt: now, updatedAt: now })))
        .execute();
    }
  });
  return { id };
}
