/** How a school calls the roll: per half-day (primary) or per lesson (secondary). */
export type RollCallMode = 'halfDay' | 'lesson';
export type HalfDay = 'am' | 'pm';
export type MarkStatus = 'absent' | 'late';
export type JustificationStatus = 'pending' | 'accepted' | 'refused';

/** One school's attendance settings; a school without a row uses the defaults of its kind. */
export interface AttendanceSettingsTable {
  structureId: string;
  mode: RollCallMode;
  /** 1: absence notices go at once, even in the school's quiet hours (the default); 0: they wait. */
  noticesInQuietHours: number;
  /** 1: Wednesday is a school day (the 9:30 check runs). */
  wednesday: number;
  /** `HH:MM`, Paris time: a class whose morning roll call is not made by then is flagged; null is 09:30. */
  rollCallDeadline?: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** One roll call: a group, a date and a half-day or a lesson's times. */
export interface AttendanceRollCallsTable {
  id: string;
  structureId: string;
  groupId: string;
  schoolYear: string;
  /** Paris date, `YYYY-MM-DD`. */
  date: string;
  /** `am`, `pm`, or a lesson's `HH:MM-HH:MM`: unique per group and date. */
  slotKey: string;
  /** The half-day the roll call counts in (a lesson starting before noon is the morning). */
  halfDay: HalfDay;
  startTime: string | null;
  endTime: string | null;
  /** The timetable's slot, once a timetable exists; null for half-days and free lessons. */
  slotId: string | null;
  calledBy: string;
  calledAt: string;
  updatedAt: string;
}

/** A pupil not present at a roll call (present pupils have no row). */
export interface AttendanceMarksTable {
  id: string;
  rollCallId: string;
  structureId: string;
  groupId: string;
  studentId: string;
  date: string;
  halfDay: HalfDay;
  status: MarkStatus;
  lateMinutes: number | null;
  /** The announced absence that pre-filled it (justified by the school). */
  announcedId: string | null;
  createdAt: string;
}

/** An absence the school recorded before the day (a family called, a planned appointment). */
export interface AttendanceAnnouncedTable {
  id: string;
  structureId: string;
  studentId: string;
  fromDate: string;
  toDate: string;
  /** Only this half-day of each date; null for whole days. */
  halfDay: HalfDay | null;
  reason: string;
  comment: string | null;
  recordedBy: string;
  createdAt: string;
}

/** A family's justification of a pupil's absences over a range of dates. */
export interface AttendanceJustificationsTable {
  id: string;
  structureId: string;
  studentId: string;
  submittedBy: string;
  fromDate: string;
  toDate: string;
  reason: string;
  comment: string | null;
  blobKey: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  status: JustificationStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  createdAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    attendanceSettings: AttendanceSettingsTable;
    attendanceRollCalls: AttendanceRollCallsTable;
    attendanceMarks: AttendanceMarksTable;
    attendanceAnnounced: AttendanceAnnouncedTable;
    attendanceJustifications: AttendanceJustificationsTable;
  }
}
