import type { AudienceKind } from '../news/index.js';

export type EventKind = 'outing' | 'meeting' | 'council' | 'holiday' | 'other';

export interface CalendarEventsTable {
  id: string;
  structureId: string;
  authorId: string;
  kind: EventKind;
  title: string;
  /** Sanitised HTML (kernel/rich-text). */
  descriptionHtml: string;
  place: string | null;
  /** First and last Paris day the event covers (both inclusive): what month views and lists filter on. */
  startDay: string;
  endDay: string;
  /** Timed events: their instants; null for all-day events. */
  startsAt: string | null;
  endsAt: string | null;
  /** `cancelled` events stay, marked (and say so in calendar apps). */
  status: 'published' | 'cancelled';
  /** Changes made (iCalendar SEQUENCE). */
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

/** Same audience kinds and keys as news (`class:<group>`…). */
export interface CalendarAudiencesTable {
  eventId: string;
  kind: AudienceKind;
  targetId: string;
  audienceKey: string;
}

/** A file joined to an event (an authorisation to print, a programme); read by whoever reads the event. */
export interface CalendarAttachmentsTable {
  id: string;
  eventId: string;
  blobKey: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
}

/** A school's calendar settings: its holiday zone. */
export interface CalendarSettingsTable {
  structureId: string;
  zone: 'A' | 'B' | 'C';
  updatedAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    calendarEvents: CalendarEventsTable;
    calendarAudiences: CalendarAudiencesTable;
    calendarSettings: CalendarSettingsTable;
    calendarAttachments: CalendarAttachmentsTable;
  }
}
