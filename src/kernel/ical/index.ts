/**
 * The personal iCalendar feed (RFC 5545), shared by every module that has dated things for a
 * person: homework owns the feed's address and token; other modules add their events with
 * `app.calendarFeed.add(…)` and the feed carries them all.
 */

/** One event of a person's feed: all day (`date`) or timed (`start`/`end`, ISO instants). */
export interface CalendarEvent {
  /** Stable across feeds and edits, unique per person (`<id>-<ownerId>@preau`). */
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  /** All-day event on this Paris date (`2027-03-15`), or … */
  date?: string;
  /** … a timed event between these instants. */
  start?: string;
  end?: string;
  /** Last change (LAST-MODIFIED) and how many changes it had (SEQUENCE). */
  modifiedAt: string;
  sequence: number;
  /** `CANCELLED` for a cancelled occurrence still worth showing. */
  status?: 'CONFIRMED' | 'CANCELLED';
}

/** Whose feed it is: the person the secret token stands for. */
export interface FeedOwner {
  id: string;
  profile: string;
}

/** Reads one module's events for the owner, scoped exactly as if they were signed in. */
export type CalendarSource = (owner: FeedOwner, now: Date) => Promise<CalendarEvent[]>;

/** The modules' event sources, read together when a feed is fetched. */
export class CalendarSources {
  private readonly sources = new Map<string, CalendarSource>();

  add(name: string, source: CalendarSource): void {
    if (this.sources.has(name)) throw new Error(`calendar source ${name} is already registered`);
    this.sources.set(name, source);
  }

  async eventsFor(owner: FeedOwner, now: Date): Promise<CalendarEvent[]> {
    const lists = await Promise.all([...this.sources.values()].map((source) => source(owner, now)));
    return lists.flat();
  }
}

/** C0 controls but tab and line ends, DEL and C1 controls: forbidden in iCalendar text or meaningless there. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** TEXT value (RFC 5545 §3.3.11): control characters other than tab are not allowed; new lines are `\\n`. */
export function escapeText(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** `2027-03-15T08:00:00.000Z` → `20270315T080000Z` (UTC form, DATE-TIME §3.3.5). */
const stampOf = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

const nextDay = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Paris time (the school's), so that a feed with no event still holds a component, as RFC 5545 requires. */
const PARIS_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * The iCalendar document. DTSTAMP is when the feed is made (`generatedAt`); LAST-MODIFIED and
 * SEQUENCE follow each event's edits. All-day events are transparent (they do not block time).
 */
export function renderCalendar(name: string, events: CalendarEvent[], generatedAt: Date): string {
  const stamp = stampOf(generatedAt.toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Preau//Agenda//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
    ...PARIS_TIMEZONE,
  ];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${stamp}`, `LAST-MODIFIED:${stampOf(e.modifiedAt)}`, `SEQUENCE:${e.sequence}`);
    if (e.date) {
      lines.push(`DTSTART;VALUE=DATE:${e.date.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${nextDay(e.date).replace(/-/g, '')}`);
    } else if (e.start && e.end) {
      lines.push(`DTSTART:${stampOf(e.start)}`, `DTEND:${stampOf(e.end)}`);
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    lines.push(`TRANSP:${e.date ? 'TRANSPARENT' : 'OPAQUE'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
