/** Which weeks a slot runs: every week, or only A or B weeks of the school's calendar. */
export type WeekPattern = 'all' | 'A' | 'B';
export type ChangeKind = 'cancelled' | 'moved' | 'teacher' | 'room';
export type SlotSource = 'manual' | 'csv' | 'ical';

/** A school's rooms: a plain list of names. */
export interface TimetableRoomsTable {
  id: string;
  structureId: string;
  name: string;
  createdAt: string;
}

/** A school's A/B calendar; no row means odd ISO weeks are A weeks. */
export interface TimetableSettingsTable {
  structureId: string;
  /** `odd`, `even`, or the ISO week numbers that are A weeks, comma-separated (`36,38,41`). */
  aWeeks: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** One weekly slot (cours) of a class or group. */
export interface TimetableSlotsTable {
  id: string;
  structureId: string;
  /** The group's school year, copied so lists filter on one table. */
  schoolYear: string;
  groupId: string;
  teacherId: string;
  roomId: string | null;
  /** Directory subject code in secondary schools; null for a free label. */
  subjectCode: string | null;
  subject: string;
  /** ISO day of week, 1 (Monday) to 6 (Saturday). */
  dayOfWeek: number;
  /** `HH:MM`, Paris time. */
  startTime: string;
  endTime: string;
  weeks: WeekPattern;
  /** First and last dates the slot runs, `YYYY-MM-DD`, inside the school year. */
  validFrom: string;
  validTo: string;
  source: SlotSource;
  createdAt: string;
  updatedAt: string;
}

/** A change to one occurrence of a slot, on one date. */
export interface TimetableChangesTable {
  id: string;
  slotId: string;
  /** The occurrence's own date. */
  date: string;
  kind: ChangeKind;
  /** Moved: where it goes. */
  newDate: string | null;
  newStart: string | null;
  newEnd: string | null;
  /** Replaced teacher. */
  newTeacherId: string | null;
  /** Room change (or the room of the moved occurrence). */
  newRoomId: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    timetableRooms: TimetableRoomsTable;
    timetableSettings: TimetableSettingsTable;
    timetableSlots: TimetableSlotsTable;
    timetableChanges: TimetableChangesTable;
  }
}
