import type { Actor } from '../../kernel/authz/index.js';
import { Forbidden, NotFound } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import { nowIso } from '../../kernel/db/index.js';
import { Problems } from '../../kernel/http/errors.js';
import { displayName, schoolYearOf } from '../directory/index.js';
import { addDays, isDate, todayInParis } from './dates.js';
import { t } from './i18n/fr.js';
import { canEditLesson, canInspect } from './policy.js';
import * as repo from './repository.js';

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface AssignmentView {
  id: string;
  lessonId: string;
  instructions: string;
  givenOn: string;
  dueOn: string;
  estimatedMinutes: number | null;
  toHandIn: boolean;
  attachments: AttachmentView[];
}

export interface LessonView {
  id: string;
  groupId: string;
  groupName: string;
  subjectId: string;
  subject: string;
  teacherId: string;
  teacher: string;
  lessonDate: string;
  startTime: string | null;
  endTime: string | null;
  content: string;
  status: 'draft' | 'published';
  visibleFrom: string;
  editedAt: string | null;
  /** The actor wrote it and may edit it. */
  editable: boolean;
  attachments: AttachmentView[];
  assignments: AssignmentView[];
}

type LessonRow = Awaited<ReturnType<ReturnType<typeof repo.lessonRows>['execute']>>[number];

async function withDetails(db: Db, actor: Actor, rows: LessonRow[]): Promise<LessonView[]> {
  const ids = rows.map((r) => r.id);
  const [work, files] = await Promise.all([repo.assignmentsOf(db, ids), repo.attachmentsOf(db, ids)]);
  const fileView = (f: (typeof files)[number]) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size });
  return rows.map((r) => ({
    id: r.id,
    groupId: r.groupId,
    groupName: r.groupName,
    subjectId: r.subjectId,
    subject: r.subjectLabel,
    teacherId: r.teacherId,
    teacher: displayName({ firstName: r.teacherFirstName, lastName: r.teacherLastName, usageName: r.teacherUsageName }),
    lessonDate: r.lessonDate,
    startTime: r.startTime,
    endTime: r.endTime,
    content: r.content,
    status: r.status,
    visibleFrom: r.visibleFrom,
    editedAt: r.editedAt,
    editable: canEditLesson(actor, r),
    attachments: files.filter((f) => f.lessonId === r.id && !f.assignmentId).map(fileView),
    assignments: work
      .filter((a) => a.lessonId === r.id)
      .map((a) => ({
        id: a.id,
        lessonId: a.lessonId,
        instructions: a.instructions,
        givenOn: a.givenOn,
        dueOn: a.dueOn,
        estimatedMinutes: a.estimatedMinutes,
        toHandIn: a.toHandIn === 1,
        attachments: files.filter((f) => f.assignmentId === a.id).map(fileView),
      })),
  }));
}

export async function lessonDetail(db: Db, actor: Actor, id: string): Promise<LessonView> {
  const row = await repo
    .lessonRows(db)
    .where('lessons.id', '=', id)
    .where(repo.readableLessons(db, actor, schoolYearOf(), nowIso()))
    .executeTakeFirst();
  if (!row) throw new NotFound();
  return (await withDetails(db, actor, [row]))[0]!;
}

export interface LessonFilter {
  groupId?: string;
  subjectId?: string;
  /** A parent narrows to one child's groups. */
  studentId?: string;
  from?: string;
  to?: string;
  /** Only the actor's own lessons. */
  mine?: boolean;
  limit: number;
}

/** Lessons the actor may read, newest first, filtered in SQL. */
export async function listLessons(db: Db, actor: Actor, filter: LessonFilter): Promise<LessonView[]> {
  const year = schoolYearOf();
  let q = repo.lessonRows(db).where(repo.readableLessons(db, actor, year, nowIso()));
  if (filter.groupId) q = q.where('lessons.groupId', '=', filter.groupId);
  if (filter.subjectId) q = q.where('lessons.subjectId', '=', filter.subjectId);
  if (filter.from) q = q.where('lessons.lessonDate', '>=', filter.from);
  if (filter.to) q = q.where('lessons.lessonDate', '<=', filter.to);
  if (filter.mine) q = q.where('lessons.teacherId', '=', actor.personId);
  if (filter.studentId) q = q.where('lessons.groupId', 'in', repo.groupIdsOf(db, filter.studentId, 'student', year));
  const rows = await q.orderBy('lessons.lessonDate', 'desc').orderBy('lessons.startTime', 'desc').orderBy('lessons.id').limit(filter.limit).execute();
  return withDetails(db, actor, rows);
}

/** A group the actor may open as a cahier de textes: a teacher of it, a manager of its school, or a member pupil. */
export async function readableGroup(db: Db, actor: Actor, groupId: string) {
  const group = await db.selectFrom('groups').select(['id', 'name', 'structureId', 'schoolYear']).where('id', '=', groupId).executeTakeFirst();
  if (!group) throw new NotFound();
  if (canInspect(actor, group.structureId)) return group;
  const member = await db.selectFrom('groupMembers').select('role').where('groupId', '=', groupId).where('personId', '=', actor.personId).executeTakeFirst();
  if (member) return group;
  if (actor.profile === 'relative') {
    const child = await db
      .selectFrom('groupMembers')
      .innerJoin('relativeLinks', 'relativeLinks.studentId', 'groupMembers.personId')
      .select('groupMembers.personId')
      .where('groupMembers.groupId', '=', groupId)
      .where('relativeLinks.relativeId', '=', actor.personId)
      .executeTakeFirst();
    if (child) return group;
  }
  throw new NotFound();
}

/** Work due per day for a group from a date on, counting published work and the actor's own drafts. */
export async function dueLoad(db: Db, actor: Actor, groupId: string, from: string, days = 14) {
  await readableGroup(db, actor, groupId);
  const rows = await db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .select(['assignments.dueOn', (eb) => eb.fn.countAll<number>().as('n')])
    .where('assignments.groupId', '=', groupId)
    .where('assignments.dueOn', '>=', from)
    .where('assignments.dueOn', '<=', addDays(from, days))
    .where(repo.readableLessons(db, actor, schoolYearOf(), nowIso()))
    .groupBy('assignments.dueOn')
    .orderBy('assignments.dueOn')
    .execute();
  return rows.map((r) => ({ dueOn: r.dueOn, count: Number(r.n) }));
}

export type Bucket = 'past' | 'today' | 'tomorrow' | 'week' | 'later';

export interface AgendaItem extends AssignmentView {
  subject: string;
  teacher: string;
  groupName: string;
  done: boolean;
  bucket: Bucket;
}

export interface Agenda {
  student: { id: string; displayName: string };
  today: string;
  /** The school has not opened the cahier de textes to this viewer. */
  closed: boolean;
  items: AgendaItem[];
}

function bucketOf(dueOn: string, today: string): Bucket {
  if (dueOn < today) return 'past';
  if (dueOn === today) return 'today';
  if (dueOn === addDays(today, 1)) return 'tomorrow';
  // Until Sunday of this week.
  const day = new Date(`${today}T12:00:00Z`).getUTCDay();
  return dueOn <= addDays(today, (7 - day) % 7) ? 'week' : 'later';
}

/** The pupil the agenda is for: the actor, or one of a parent's children (first one by default). */
export async function agendaStudent(db: Db, actor: Actor, studentId?: string | null) {
  if (actor.profile === 'student') {
    if (studentId && studentId !== actor.personId) throw new NotFound();
    return actor.personId;
  }
  if (actor.profile !== 'relative') throw new Forbidden();
  if (studentId) {
    if (!(await repo.isRelativeOf(db, actor.personId, studentId))) throw new NotFound();
    return studentId;
  }
  const first = await db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .select('people.id')
    .where('relativeLinks.relativeId', '=', actor.personId)
    .orderBy('people.firstName')
    .executeTakeFirst();
  return first?.id ?? null;
}

/** A pupil's work from `from` (30 days back by default) on, with their "fait" ticks. */
export async function agenda(db: Db, actor: Actor, studentId: string, options: { from?: string; to?: string } = {}): Promise<Agenda> {
  const viewer = actor.profile === 'student' ? 'student' : 'relative';
  const today = todayInParis();
  const from = options.from && isDate(options.from) ? options.from : addDays(today, -30);
  const person = await db.selectFrom('people').select(['id', 'firstName', 'lastName', 'usageName']).where('id', '=', studentId).executeTakeFirstOrThrow();
  const structures = await db.selectFrom('structureMembers').select('structureId').where('personId', '=', studentId).where('active', '=', 1).execute();
  const settings = await Promise.all(structures.map((s) => repo.settingsOf(db, s.structureId)));
  const closed = settings.length > 0 && settings.every((s) => (viewer === 'student' ? !s.openToStudents : !s.openToRelatives));
  let q = db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .innerJoin('subjects', 'subjects.id', 'lessons.subjectId')
    .innerJoin('people as teacher', 'teacher.id', 'lessons.teacherId')
    .innerJoin('groups', 'groups.id', 'lessons.groupId')
    .leftJoin('assignmentDone', (join) => join.onRef('assignmentDone.assignmentId', '=', 'assignments.id').on('assignmentDone.studentId', '=', studentId))
    .select([
      'assignments.id',
      'assignments.lessonId',
      'assignments.instructions',
      'assignments.givenOn',
      'assignments.dueOn',
      'assignments.estimatedMinutes',
      'assignments.toHandIn',
      'subjects.label as subject',
      'groups.name as groupName',
      'teacher.firstName',
      'teacher.lastName',
      'teacher.usageName',
      'assignmentDone.doneAt',
    ])
    .where('assignments.dueOn', '>=', from)
    // Same groups as the lesson filter, on the assignments' own (group, due date) index.
    .where('assignments.groupId', 'in', repo.groupIdsOf(db, studentId, 'student', schoolYearOf()))
    .where(repo.familyLessons(db, viewer, studentId, schoolYearOf(), nowIso()));
  if (options.to && isDate(options.to)) q = q.where('assignments.dueOn', '<=', options.to);
  const rows = await q.orderBy('assignments.dueOn').orderBy('subjects.label').orderBy('assignments.id').limit(500).execute();
  const files = await repo.attachmentsOf(db, [...new Set(rows.map((r) => r.lessonId))]);
  return {
    student: { id: person.id, displayName: displayName(person) },
    today,
    closed,
    items: rows.map((r) => ({
      id: r.id,
      lessonId: r.lessonId,
      instructions: r.instructions,
      givenOn: r.givenOn,
      dueOn: r.dueOn,
      estimatedMinutes: r.estimatedMinutes,
      toHandIn: r.toHandIn === 1,
      subject: r.subject,
      groupName: r.groupName,
      teacher: displayName(r),
      done: !!r.doneAt,
      bucket: bucketOf(r.dueOn, today),
      attachments: files
        .filter((f) => f.lessonId === r.lessonId && (f.assignmentId === null || f.assignmentId === r.id))
        .map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size })),
    })),
  };
}

/** Ticks or unticks "fait" for a pupil; only the pupil and their parents, only on work they can see. */
export async function setDone(db: Db, actor: Actor, assignmentId: string, done: boolean, studentId?: string | null) {
  const student = await agendaStudent(db, actor, studentId ?? (actor.profile === 'student' ? actor.personId : null));
  if (!student) new Problems().add('studentId', t('homework.error.not_student')).throwIfAny();
  const viewer = actor.profile === 'student' ? 'student' : 'relative';
  const visible = await db
    .selectFrom('assignments')
    .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
    .select('assignments.id')
    .where('assignments.id', '=', assignmentId)
    .where(repo.familyLessons(db, viewer, student!, schoolYearOf(), nowIso()))
    .executeTakeFirst();
  if (!visible) throw new NotFound();
  if (done) {
    await db
      .insertInto('assignmentDone')
      .values({ assignmentId, studentId: student!, doneAt: nowIso(), doneBy: actor.personId })
      .onConflict((oc) => oc.columns(['studentId', 'assignmentId']).doNothing())
      .execute();
  } else {
    await db.deleteFrom('assignmentDone').where('assignmentId', '=', assignmentId).where('studentId', '=', student!).execute();
  }
  return { assignmentId, studentId: student!, done };
}

export async function childrenOfRelative(db: Db, relativeId: string) {
  const rows = await db
    .selectFrom('relativeLinks')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('relativeLinks.relativeId', '=', relativeId)
    .orderBy('people.firstName')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: displayName(r) }));
}

export async function studentSummary(db: Db, studentId: string) {
  const p = await db.selectFrom('people').select(['id', 'firstName', 'lastName', 'usageName']).where('id', '=', studentId).executeTakeFirstOrThrow();
  return { id: p.id, displayName: displayName(p) };
}
