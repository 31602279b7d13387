import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { addDays, isDate, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/agenda.js';
import { attachmentsOf, personName } from '../repository/lessons.js';
import { settingsOf } from '../repository/settings.js';
import type { PupilFacts } from '../policy.js';
import { listLessons, type AssignmentView } from './reads.js';
import { subjectsOf } from '../repository/subjects.js';
import type { ReadDeps as Deps } from './deps.js';

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

const viewerOf = (actor: Actor) => (actor.profile === 'student' ? 'student' : 'relative');

async function pupilFacts(deps: Deps, actor: Actor, studentId: string): Promise<PupilFacts> {
  return { studentId, childOfActor: actor.profile === 'relative' && (await repo.isRelativeOf(deps.db, actor.personId, studentId)) };
}

/**
 * The pupil the agenda is for: the actor, or the parent's given child (their first child by
 * default); null for a parent with no child linked.
 */
export async function agendaStudent(deps: Deps, actor: Actor, studentId?: string | null): Promise<string | null> {
  authorize(actor, 'homework.agenda.open', {});
  const chosen = studentId ?? (actor.profile === 'student' ? actor.personId : (await repo.childrenOf(deps.db, actor.personId))[0]?.id);
  if (!chosen) return null;
  authorize(actor, 'homework.agenda.read', await pupilFacts(deps, actor, chosen));
  return chosen;
}

/** The agenda of the pupil asked for (or the actor's own, or a parent's first child). */
export async function pupilAgenda(deps: Deps, actor: Actor, studentId: string | undefined, options: { from?: string; to?: string } = {}) {
  const pupil = await agendaStudent(deps, actor, studentId);
  // A parent with no child linked has no agenda: missing facts answer "not found".
  authorize(actor, 'homework.agenda.read', pupil ? await pupilFacts(deps, actor, pupil) : null);
  return agenda(deps, actor, pupil!, options);
}

/** A pupil's work from `from` (30 days back by default) on, with their "fait" ticks. */
export async function agenda(deps: Deps, actor: Actor, studentId: string, options: { from?: string; to?: string } = {}): Promise<Agenda> {
  authorize(actor, 'homework.agenda.read', await pupilFacts(deps, actor, studentId));
  const viewer = viewerOf(actor);
  const now = deps.clock.now();
  const today = todayInParis(now);
  const from = options.from && isDate(options.from) ? options.from : addDays(today, -30);
  const person = (await personName(deps.db, studentId))!;
  const settings = await Promise.all((await repo.activeStructuresOf(deps.db, studentId)).map((id) => settingsOf(deps.db, id)));
  const closed = settings.length > 0 && settings.every((s) => (viewer === 'student' ? !s.openToStudents : !s.openToRelatives));
  const rows = await repo.agendaRows(deps.db, viewer, studentId, {
    from,
    to: options.to && isDate(options.to) ? options.to : undefined,
    year: schoolYearOf(now),
    now: now.toISOString(),
  });
  const files = await attachmentsOf(deps.db, [...new Set(rows.map((r) => r.lessonId))]);
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

/** Ticks or unticks "fait" for a pupil; only the pupil and their parents, only on work in the pupil's agenda. */
export async function setDone(deps: Deps, actor: Actor, assignmentId: string, done: boolean, studentId?: string | null) {
  authorize(actor, 'homework.agenda.open', {});
  const student = studentId ?? (actor.profile === 'student' ? actor.personId : ((await repo.childrenOf(deps.db, actor.personId))[0]?.id ?? null));
  if (!student) new Problems().add('studentId', t('homework.error.not_student')).throwIfAny();
  const now = deps.clock.now();
  const workVisible = await repo.inAgenda(deps.db, viewerOf(actor), student!, assignmentId, schoolYearOf(now), now.toISOString());
  authorize(actor, 'homework.assignment.tick', { ...(await pupilFacts(deps, actor, student!)), workVisible });
  await repo.setTick(deps.db, { assignmentId, studentId: student!, done, at: now.toISOString(), by: actor.personId });
  return { assignmentId, studentId: student!, done };
}

export async function childrenOfRelative(deps: Deps, actor: Actor) {
  const rows = actor.profile === 'relative' ? await repo.childrenOf(deps.db, actor.personId) : [];
  return rows.map((r) => ({ id: r.id, displayName: displayName(r) }));
}

/** A pupil's name, for the pupil themself or their parent. */
export async function studentSummary(deps: Deps, actor: Actor, studentId: string) {
  authorize(actor, 'homework.agenda.read', await pupilFacts(deps, actor, studentId));
  const p = (await personName(deps.db, studentId))!;
  return { id: p.id, displayName: displayName(p) };
}

/** The agenda page: the pupil's agenda (none for a parent with no child linked) and a parent's children to choose from. */
export async function agendaPage(deps: Deps, actor: Actor, childId?: string) {
  const studentId = await agendaStudent(deps, actor, childId);
  const children = actor.profile === 'relative' ? await childrenOfRelative(deps, actor) : null;
  return { agenda: studentId ? await agenda(deps, actor, studentId) : null, children };
}

/** The lessons of a pupil's groups this year, newest first, by subject if asked. */
export async function history(deps: Deps, actor: Actor, childId?: string, subjectId?: string) {
  const pupil = await agendaStudent(deps, actor, childId);
  authorize(actor, 'homework.agenda.read', pupil ? await pupilFacts(deps, actor, pupil) : null);
  const [lessons, subjects, student] = await Promise.all([
    listLessons(deps, actor, { studentId: pupil!, subjectId, limit: 100 }),
    actor.activeStructureId ? subjectsOf(deps.db, actor.activeStructureId) : Promise.resolve([]),
    studentSummary(deps, actor, pupil!),
  ]);
  return { student, forChild: actor.profile === 'relative', subjects, subjectId: subjectId ?? '', lessons };
}
