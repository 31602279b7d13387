import type { Generated } from 'kysely';
export type LessonStatus = 'draft' | 'published';

/** Subjects (matières) of a structure, seeded with a default list on first use. */
export interface SubjectsTable {
  id: string;
  structureId: string;
  /** Short stable code (`MATHS`), unique within the structure. */
  code: string;
  label: string;
  createdAt: string;
}

/** Who may read the cahier de textes besides teachers and managers; no row means the defaults. */
export interface HomeworkSettingsTable {
  structureId: string;
  openToStudents: number;
  openToRelatives: number;
  updatedAt: string;
  updatedBy: string | null;
}

/** A lesson (séance) of a class or group: what was done in class. */
export interface LessonsTable {
  id: string;
  structureId: string;
  groupId: string;
  subjectId: string;
  teacherId: string;
  /** `YYYY-MM-DD`. */
  lessonDate: string;
  /** `HH:MM`, optional time slot. */
  startTime: string | null;
  endTime: string | null;
  /** Sanitised HTML. */
  content: string;
  status: LessonStatus;
  /** Families see a published lesson from this ISO timestamp on. */
  visibleFrom: string;
  /** First publication; set once, so editing never notifies again. */
  publishedAt: string | null;
  /** Last edit after publication ("modifié le …"). */
  editedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Work to do (travail à faire), given in a lesson. */
export interface AssignmentsTable {
  id: string;
  lessonId: string;
  /** Copied from the lesson so the agenda filters on one table. */
  groupId: string;
  instructions: string;
  givenOn: string;
  dueOn: string;
  estimatedMinutes: number | null;
  toHandIn: number;
  position: number;
  /** Raised at each change of what families see of it (the calendar's SEQUENCE). */
  sequence: Generated<number>;
  createdAt: string;
  /** Last change of what families see of it. */
  updatedAt: string;
}

/** A pupil's personal "fait" tick. */
export interface AssignmentDoneTable {
  assignmentId: string;
  studentId: string;
  doneAt: string;
  /** The pupil or a parent. */
  doneBy: string;
}

export interface HomeworkAttachmentsTable {
  id: string;
  lessonId: string;
  /** Null for a file attached to the lesson itself. */
  assignmentId: string | null;
  blobKey: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
}

/** A link of the link bank or a catalogue resource attached to a lesson or its work, as it was when attached. */
export interface HomeworkResourcesTable {
  id: string;
  lessonId: string;
  /** Null for the lesson itself. */
  assignmentId: string | null;
  kind: 'link' | 'resource';
  refId: string;
  title: string;
  url: string;
  createdAt: string;
}

/** One secret calendar-feed token per person, stored hashed. */
export interface HomeworkCalendarTokensTable {
  personId: string;
  tokenHash: string;
  createdAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    subjects: SubjectsTable;
    homeworkSettings: HomeworkSettingsTable;
    lessons: LessonsTable;
    assignments: AssignmentsTable;
    assignmentDone: AssignmentDoneTable;
    homeworkAttachments: HomeworkAttachmentsTable;
    homeworkCalendarTokens: HomeworkCalendarTokensTable;
    homeworkResources: HomeworkResourcesTable;
  }
}
