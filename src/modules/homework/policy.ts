import { definePolicy, managesAny, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';

/** Where a group is, whether its year runs now, and how the person stands towards it (`groupStanding()`). */
export interface GroupFacts {
  structureId: string;
  current: boolean;
  relations: GroupRelation[];
}

/** A lesson's author and whether its group's school year runs now (past years are read-only). */
export interface AuthorFacts {
  teacherId: string;
  current: boolean;
}

/** Everything the read rule looks at for one lesson (or the lesson of an attachment). */
export interface LessonFacts extends AuthorFacts {
  structureId: string;
  published: boolean;
  /** Published and its `visibleFrom` has come. */
  visible: boolean;
  /** The reader's relations to the lesson's group, in the group's year. */
  relations: GroupRelation[];
  /** The school opened the cahier de textes to pupils, to parents. */
  open: { students: boolean; relatives: boolean };
}

/** The pupil an agenda is for, as seen from who asks. */
export interface PupilFacts {
  studentId: string;
  /** The person asking is a parent of that pupil. */
  childOfActor: boolean;
}

export interface TickFacts extends PupilFacts {
  /** The work is in that pupil's published, visible, open agenda of this year. */
  workVisible: boolean;
}

const isTeacher = (actor: Actor) => actor.profile === 'teacher';
const hasAgenda = (actor: Actor) => actor.profile === 'student' || actor.profile === 'relative';

/** The one read rule: lists apply the same rule in SQL (`readableLessons` in the repository). */
function readsLesson(actor: Actor, l: LessonFacts): boolean {
  if (l.teacherId === actor.personId) return true;
  if (!l.published) return false;
  if (actor.isSuperAdmin || managesStructure(actor, l.structureId)) return true;
  if (!l.visible || !l.current) return false;
  if (isTeacher(actor) && l.relations.includes('teacher')) return true;
  if (actor.profile === 'student' && l.relations.includes('student')) return l.open.students;
  if (actor.profile === 'relative' && l.relations.includes('relative')) return l.open.relatives;
  return false;
}

function readsAgenda(actor: Actor, p: PupilFacts): boolean {
  if (actor.profile === 'student') return p.studentId === actor.personId;
  return actor.profile === 'relative' && p.childOfActor;
}

export const homeworkPolicy = definePolicy('homework', {
  /** The cahier de textes pages (classes, the school's classes): teachers and managers. */
  'homework.index.open': { allow: (actor: Actor, _: object) => isTeacher(actor) || managesAny(actor), refusal: 403 },
  /** Teachers fill in the cahier de textes; a pupil or a parent is told no. */
  'homework.lesson.write': { allow: (actor: Actor, _: object) => isTeacher(actor), refusal: 403 },
  /** A lesson goes to a group the teacher teaches, this school year. */
  'homework.lesson.create': { allow: (actor: Actor, g: GroupFacts) => isTeacher(actor) && g.current && g.relations.includes('teacher'), refusal: 403 },
  /** The author (drafts too, past years too); managers and the instance administrator the published ones; this year's teachers, pupils and parents of the group once visible and open. */
  'homework.lesson.read': readsLesson,
  /** Only the author edits, in the lesson's school year: the director inspects but never edits. */
  'homework.lesson.edit': (actor: Actor, l: AuthorFacts) => isTeacher(actor) && l.teacherId === actor.personId && l.current,
  /** Same as editing: a past year's lesson stays as it was. */
  'homework.lesson.delete': (actor: Actor, l: AuthorFacts) => isTeacher(actor) && l.teacherId === actor.personId && l.current,
  /** The author copies a lesson (or one of its pieces of work), past years included, to a group taught now. */
  'homework.lesson.copy': (actor: Actor, l: AuthorFacts) => isTeacher(actor) && l.teacherId === actor.personId,
  /** Files go on the author's lesson of this year, checked before a byte is stored. */
  'homework.attachment.add': (actor: Actor, l: AuthorFacts) => isTeacher(actor) && l.teacherId === actor.personId && l.current,
  'homework.attachment.remove': (actor: Actor, l: AuthorFacts) => isTeacher(actor) && l.teacherId === actor.personId && l.current,
  /** Whoever may read the lesson downloads its files. */
  'homework.attachment.download': readsLesson,
  /** A group's week and load: its teachers (any year), this year's pupils and parents, the school's managers. */
  'homework.group.read': (actor: Actor, g: GroupFacts) =>
    actor.isSuperAdmin || managesStructure(actor, g.structureId) || g.relations.includes('teacher') || (g.current && g.relations.length > 0),
  /** Directors and local administrators see every class of their school. */
  'homework.group.inspect': (actor: Actor, s: { structureId: string | null }) => !!s.structureId && managesStructure(actor, s.structureId),
  /** Pupils and parents have an agenda; others are told no. */
  'homework.agenda.open': { allow: (actor: Actor, _: object) => hasAgenda(actor), refusal: 403 },
  /** A pupil reads their own agenda and history, a parent their children's. */
  'homework.agenda.read': readsAgenda,
  /** The pupil or their parent ticks "fait", on work in that pupil's agenda. */
  'homework.assignment.tick': (actor: Actor, f: TickFacts) => readsAgenda(actor, f) && f.workVisible,
  /** Subjects of the school one belongs to and works in. */
  'homework.subject.list': {
    allow: (actor: Actor, s: { structureId: string | null }) => !!s.structureId && actor.structures.some((m) => m.id === s.structureId),
    refusal: 403,
  },
  /** The school's managers open the cahier de textes to pupils and parents. */
  'homework.settings.manage': {
    allow: (actor: Actor, s: { structureId: string | null }) => !!s.structureId && managesStructure(actor, s.structureId),
    refusal: 403,
  },
  /** A calendar feed of one's own work: pupils, parents, teachers. */
  'homework.calendar.manage': { allow: (actor: Actor, _: object) => hasAgenda(actor) || isTeacher(actor), refusal: 403 },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof homeworkPolicy> {}
}
