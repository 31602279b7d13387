import type { Actor } from '../../../kernel/authz/index.js';
import { authorize, can } from '../../../kernel/authz/index.js';
import { displayName, groupStanding, listGroups, schoolYearOf } from '../../directory/index.js';
import { addDays, mondayOf, todayInParis } from '../dates.js';
import * as repo from '../repository/lessons.js';
import type { ReadDeps as Deps } from './deps.js';
import { authorFacts, lessonFacts } from './facts.js';
import { inSchoolOrder } from '../programmes.js';
import { subjectsOf, subjectsOfGroup } from '../repository/subjects.js';
import { resourcesOf } from '../repository/resources.js';

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
  /** Published, but families see it only from `visibleFrom`, still to come. */
  scheduled: boolean;
  editedAt: string | null;
  /** The actor wrote it and may edit it (in its school year). */
  editable: boolean;
  /** The actor may copy it to a group they teach. */
  copyable: boolean;
  attachments: AttachmentView[];
  /** Links and catalogue resources attached to the lesson (`assignmentId` null) or to one of its pieces of work. */
  resources: { id: string; kind: 'link' | 'resource'; title: string; url: string; assignmentId: string | null }[];
  assignments: AssignmentView[];
}

async function withDetails(deps: Deps, actor: Actor, rows: repo.LessonRow[]): Promise<LessonView[]> {
  const ids = rows.map((r) => r.id);
  const now = deps.clock.now();
  const year = schoolYearOf(now);
  const [work, files, linked] = await Promise.all([repo.assignmentsOf(deps.db, ids), repo.attachmentsOf(deps.db, ids), resourcesOf(deps.db, ids)]);
  const fileView = (f: (typeof files)[number]) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size });
  return rows.map((r) => {
    const author = { teacherId: r.teacherId, current: r.schoolYear === year };
    return {
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
      scheduled: r.status === 'published' && r.visibleFrom > now.toISOString(),
      editedAt: r.editedAt,
      editable: can(actor, 'homework.lesson.edit', author),
      copyable: can(actor, 'homework.lesson.copy', author),
      attachments: files.filter((f) => f.lessonId === r.id && !f.assignmentId).map(fileView),
      resources: linked.filter((x) => x.lessonId === r.id).map(({ lessonId: _l, ...x }) => x),
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
    };
  });
}

export async function lessonDetail(deps: Deps, actor: Actor, id: string): Promise<LessonView> {
  const now = deps.clock.now();
  const lesson = await repo.findLesson(deps.db, id);
  authorize(actor, 'homework.lesson.read', await lessonFacts(deps.db, actor, lesson, now));
  const rows = await repo.lessonRows(deps.db).where('lessons.id', '=', id).execute();
  return (await withDetails(deps, actor, rows))[0]!;
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

/** Lessons the actor may read, newest first, filtered in SQL by the read rule. */
export async function listLessons(deps: Deps, actor: Actor, filter: LessonFilter): Promise<LessonView[]> {
  const now = deps.clock.now();
  const rows = await repo.listReadableLessons(deps.db, actor, schoolYearOf(now), now.toISOString(), filter);
  return withDetails(deps, actor, rows);
}

/** A group the actor may open as a cahier de textes. */
export async function readableGroup(deps: Deps, actor: Actor, groupId: string) {
  const standing = await groupStanding(deps.db, actor.personId, groupId, deps.clock.now());
  authorize(actor, 'homework.group.read', standing);
  const group = (await repo.findGroup(deps.db, groupId))!;
  return { ...group, standing };
}

/** Work due per day for a group over two weeks from a date, counting what the actor may read. */
export async function dueLoad(deps: Deps, actor: Actor, groupId: string, from?: string, days = 14) {
  await readableGroup(deps, actor, groupId);
  const now = deps.clock.now();
  const start = from ?? todayInParis(now);
  return repo.dueCounts(deps.db, actor, groupId, start, addDays(start, days), schoolYearOf(now), now.toISOString());
}

/** The groups the actor teaches this school year, in school order. */
export async function taughtGroups(deps: Deps, actor: Actor) {
  return inSchoolOrder(await repo.teacherGroups(deps.db, actor.personId, schoolYearOf(deps.clock.now())));
}

/** The subjects of the school the actor works in now. */
export async function structureSubjects(deps: Deps, actor: Actor) {
  const structure = { structureId: actor.activeStructureId };
  authorize(actor, 'homework.subject.list', structure);
  return subjectsOf(deps.db, structure.structureId!);
}

/** The cahier de textes' first page: the groups the actor teaches, and for a manager every class of the school. */
export async function homeworkIndex(deps: Deps, actor: Actor) {
  authorize(actor, 'homework.index.open', {});
  const year = schoolYearOf(deps.clock.now());
  const structure = { structureId: actor.activeStructureId };
  const [teacherGroups, classes] = await Promise.all([
    can(actor, 'homework.lesson.write', {}) ? repo.teacherGroups(deps.db, actor.personId, year) : Promise.resolve([]),
    can(actor, 'homework.group.inspect', structure) ? listGroups(deps.db, structure.structureId!, year) : Promise.resolve(null),
  ]);
  return { teacherGroups: inSchoolOrder(teacherGroups), classes: classes && inSchoolOrder(classes) };
}

/** A group's week: its lessons the actor may read, and the work due over the next days. */
export async function groupWeek(deps: Deps, actor: Actor, groupId: string, week?: string) {
  const group = await readableGroup(deps, actor, groupId);
  const today = todayInParis(deps.clock.now());
  const monday = mondayOf(week ?? today);
  const sunday = addDays(monday, 6);
  const [lessons, load] = await Promise.all([
    listLessons(deps, actor, { groupId, from: monday, to: sunday, limit: 200 }),
    dueLoad(deps, actor, groupId, today),
  ]);
  lessons.sort((a, b) => (a.lessonDate + (a.startTime ?? '')).localeCompare(b.lessonDate + (b.startTime ?? '')));
  return { group, monday, sunday, lessons, load };
}

/** A lesson with, for its author, the other groups it may be copied to. */
export async function lessonPage(deps: Deps, actor: Actor, id: string) {
  const lesson = await lessonDetail(deps, actor, id);
  const copyTargets = lesson.copyable ? (await taughtGroups(deps, actor)).filter((g) => g.id !== lesson.groupId) : [];
  return { lesson, copyTargets };
}

/** Today in France, by the application's clock. */
export function today(deps: Deps): string {
  return todayInParis(deps.clock.now());
}

/** The right to open an empty lesson form. */
export async function newLesson(_deps: Deps, actor: Actor): Promise<void> {
  authorize(actor, 'homework.lesson.write', {});
}

/** The subject of a lesson its author edits. */
export async function lessonSubject(deps: Deps, actor: Actor, id: string): Promise<{ id: string; label: string }> {
  const lesson = await repo.findLesson(deps.db, id);
  authorize(actor, 'homework.lesson.edit', authorFacts(lesson, deps.clock.now()));
  return { id: lesson!.subjectId, label: await repo.subjectLabel(deps.db, lesson!.subjectId) };
}

/** A lesson as its author edits it (in its school year). */
export async function editableLessonView(deps: Deps, actor: Actor, id: string): Promise<LessonView> {
  authorize(actor, 'homework.lesson.write', {});
  const lesson = await repo.findLesson(deps.db, id);
  authorize(actor, 'homework.lesson.edit', authorFacts(lesson, deps.clock.now()));
  const rows = await repo.lessonRows(deps.db).where('lessons.id', '=', id).execute();
  return (await withDetails(deps, actor, rows))[0]!;
}

/**
 * What the lesson form offers: the groups taught this year, the subjects of the chosen one (of all
 * of them, in programme order, before a choice) and work already due there. Nothing is chosen for
 * the teacher.
 */
export async function lessonFormChoices(deps: Deps, actor: Actor, wanted?: string) {
  const groups = await taughtGroups(deps, actor);
  const group = groups.find((g) => g.id === wanted);
  const [subjects, load] = await Promise.all([
    group ? subjectsOfGroup(deps.db, group, actor.personId) : subjectsOfGroups(deps, groups, actor.personId),
    group ? dueLoad(deps, actor, group.id) : Promise.resolve([]),
  ]);
  return { groups, groupId: group?.id, subjects, load };
}

/** The subjects of several groups, each once, in the order their programmes give them. */
async function subjectsOfGroups(deps: Deps, groups: { id: string; structureId: string; level: string | null; name: string }[], teacherId: string) {
  const lists = await Promise.all(groups.map((g) => subjectsOfGroup(deps.db, g, teacherId)));
  const seen = new Map<string, { id: string; code: string; label: string }>();
  for (const s of lists.flat()) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()];
}
