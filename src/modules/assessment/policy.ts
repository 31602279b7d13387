import { belongsTo, definePolicy, managesAny, managesStructure, type Actor, type ActionsOf } from '../../kernel/authz/index.js';
import type { GroupRelation } from '../directory/index.js';

/** Where a group is, whether its year runs now, and how the person stands towards it (`groupStanding()`). */
export interface GroupFacts {
  structureId: string;
  current: boolean;
  relations: GroupRelation[];
}

/** One assessment as the rules see it. */
export interface AssessmentFacts extends GroupFacts {
  teacherId: string;
}

/** A pupil as seen from who asks: their school, and whether the person is them, their parent or one of their teachers this year. */
export interface PupilFacts {
  studentId: string;
  structureId: string;
  childOfActor: boolean;
  /** The person teaches one of the pupil's groups this school year. */
  teachesPupil: boolean;
}

export interface ReportFacts extends PupilFacts {
  /** The period's report is open to families under the school's publication policy. */
  published: boolean;
}

export interface CommentFacts {
  /** The person teaches the pupil this year. */
  teachesPupil: boolean;
  /** The person assessed the pupil's group in this subject during the period (a subject comment). */
  teachesSubject: boolean;
  /** The person is the pupil's class teacher: professeur principal, or the teacher of a primary class with none (the overall comment). */
  classTeacher: boolean;
  overall: boolean;
}

const isTeacher = (actor: Actor) => actor.profile === 'teacher';
const isFamily = (actor: Actor) => actor.profile === 'student' || actor.profile === 'relative';
const manages = (actor: Actor, s: { structureId: string | null }) => !!s.structureId && managesStructure(actor, s.structureId);

/** The staff who see a pupil's marks before publication: their teachers this year and the school's managers. */
function staffOfPupil(actor: Actor, p: PupilFacts): boolean {
  return manages(actor, p) || (isTeacher(actor) && p.teachesPupil);
}

/** The pupil themself, their parent, or their staff. */
function readsPupil(actor: Actor, p: PupilFacts): boolean {
  if (actor.profile === 'student' && p.studentId === actor.personId) return true;
  if (actor.profile === 'relative' && p.childOfActor) return true;
  return staffOfPupil(actor, p);
}

/** A group's marks, every pupil's: its teachers and the school's managers, never families. */
function readsGroup(actor: Actor, g: GroupFacts): boolean {
  return manages(actor, g) || (isTeacher(actor) && g.relations.includes('teacher'));
}

export const assessmentPolicy = definePolicy('assessment', {
  /** The assessment pages: teachers, pupils, parents and the school's managers. */
  'assessment.index.open': {
    allow: (actor: Actor, _: object) => isTeacher(actor) || isFamily(actor) || managesAny(actor),
    refusal: 403,
  },
  /** A school's settings and periods: anyone of the school reads them. */
  'assessment.settings.read': {
    allow: (actor: Actor, s: { structureId: string | null }) => !!s.structureId && (belongsTo(actor, s.structureId) || manages(actor, s)),
    refusal: 403,
  },
  /** The director chooses periods and the publication policy, and sets each period's publication date. */
  'assessment.settings.manage': { allow: (actor: Actor, s: { structureId: string | null }) => manages(actor, s), refusal: 403 },
  /** The director sees which assessments are held back, and why. */
  'assessment.held.list': { allow: (actor: Actor, s: { structureId: string | null }) => manages(actor, s), refusal: 403 },
  /** The built-in skills list: for those who assess and those who manage. */
  'assessment.skills.list': { allow: (actor: Actor, _: object) => isTeacher(actor) || managesAny(actor), refusal: 403 },
  /** Teachers write assessments for groups they teach, this school year. */
  'assessment.assessment.create': {
    allow: (actor: Actor, g: GroupFacts) => isTeacher(actor) && g.current && g.relations.includes('teacher'),
    refusal: 403,
  },
  /** Every pupil's results on an assessment: the group's teachers and the school's managers. */
  'assessment.assessment.read': (actor: Actor, a: AssessmentFacts) => a.teacherId === actor.personId || readsGroup(actor, a),
  /** Only the author enters marks, edits, holds or deletes, in the assessment's school year. */
  'assessment.assessment.edit': (actor: Actor, a: AssessmentFacts) => isTeacher(actor) && a.teacherId === actor.personId && a.current,
  /** A group's table of marks and averages for a period. */
  'assessment.group.read': readsGroup,
  /** One pupil's marks: the pupil, their parents (published only), their teachers and the school's managers. */
  'assessment.pupil.read': readsPupil,
  /** Who sees what is not published yet: staff only; a family never does. */
  'assessment.pupil.readUnpublished': (actor: Actor, p: PupilFacts) => staffOfPupil(actor, p),
  /** A period report: staff at any time, the pupil and their parents once the period is published. */
  'assessment.report.read': (actor: Actor, r: ReportFacts) => staffOfPupil(actor, r) || (readsPupil(actor, r) && r.published),
  /** A teacher of the pupil comments their subject; the class teacher writes the overall comment. */
  'assessment.report.comment': {
    allow: (actor: Actor, c: CommentFacts) => isTeacher(actor) && (c.overall ? c.classTeacher : c.teachesPupil && c.teachesSubject),
    refusal: 403,
  },
});

declare module '../../kernel/authz/index.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Actions extends ActionsOf<typeof assessmentPolicy> {}
}
