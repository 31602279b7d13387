import { randomToken, sha256 } from '../../../kernel/auth/tokens.js';
import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { addDays, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/calendar.js';
import { plainText, withoutControls } from '../text.js';
import type { ReadDeps as Deps } from './deps.js';

/** Whether the person has an active feed, and since when (the token itself is never kept). */
export async function calendarStatus(deps: Deps, actor: Actor) {
  const row = await repo.tokenOf(deps.db, actor.personId);
  return { active: !!row, createdAt: row?.createdAt ?? null };
}

/** A new secret token for the person, replacing any previous one; returned once, stored hashed. */
export async function regenerateCalendarToken(deps: Deps, actor: Actor): Promise<string> {
  authorize(actor, 'homework.calendar.manage', {});
  const token = randomToken(24);
  await repo.replaceToken(deps.db, { personId: actor.personId, tokenHash: sha256(token), createdAt: deps.clock.now().toISOString() });
  return token;
}

export async function revokeCalendarToken(deps: Deps, actor: Actor): Promise<void> {
  await repo.deleteToken(deps.db, actor.personId);
}

export function calendarUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/homework/calendar/${token}.ics`;
}

interface FeedEvent {
  uid: string;
  dueOn: string;
  summary: string;
  description: string;
  /** Last change of the work (LAST-MODIFIED) and how many changes it had (SEQUENCE). */
  modifiedAt: string;
  sequence: number;
}

const eventsOf = (rows: repo.FeedRow[], prefix: string, owner: string): FeedEvent[] =>
  rows.map((r) => ({
    uid: `${r.id}-${owner}@preau`,
    dueOn: r.dueOn,
    summary: `${prefix}${r.subject} — ${r.groupName}`,
    description: plainText(r.instructions),
    modifiedAt: r.updatedAt,
    sequence: Number(r.sequence),
  }));

/** Work due for the feed's owner: a pupil's own, a parent's children's, a teacher's given work. */
async function feedEvents(deps: Deps, owner: { id: string; profile: string }): Promise<FeedEvent[]> {
  const now = deps.clock.now();
  const window = { from: addDays(todayInParis(now), -30), year: schoolYearOf(now), now: now.toISOString() };
  if (owner.profile === 'student') return eventsOf(await repo.familyFeedRows(deps.db, 'student', owner.id, window), '', owner.id);
  if (owner.profile === 'relative') {
    const events: FeedEvent[] = [];
    for (const child of await repo.childrenOf(deps.db, owner.id)) {
      events.push(...eventsOf(await repo.familyFeedRows(deps.db, 'relative', child.id, window), `${displayName(child)} : `, child.id));
    }
    return events;
  }
  if (owner.profile === 'teacher') return eventsOf(await repo.teacherFeedRows(deps.db, owner.id, window.from), '', owner.id);
  return [];
}

/** TEXT value (RFC 5545 §3.3.11): control characters other than tab are not allowed; new lines are `\\n`. */
function escapeText(value: string): string {
  return withoutControls(value)
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

const stampOf = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

/** Paris time (the school's), so that a feed with no work still holds a component, as RFC 5545 requires. */
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
 * The iCalendar document (RFC 5545): one all-day event per piece of work, on its due date.
 * DTSTAMP is when the feed is made (`generatedAt`); LAST-MODIFIED and SEQUENCE follow the work's edits.
 */
export function renderCalendar(events: FeedEvent[], generatedAt: Date): string {
  const stamp = stampOf(generatedAt.toISOString());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Preau//Cahier de textes//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(t('homework.calendar.name'))}`,
    'X-WR-TIMEZONE:Europe/Paris',
    ...PARIS_TIMEZONE,
  ];
  for (const e of events) {
    const day = e.dueOn.replace(/-/g, '');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${stampOf(e.modifiedAt)}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${addDays(e.dueOn, 1).replace(/-/g, '')}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/**
 * The feed behind a token, or null for an unknown or revoked one. The secret token stands for its
 * owner: the feed carries exactly what they would see signed in.
 */
export async function calendarFeed(deps: Deps, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const owner = await repo.feedOwner(deps.db, sha256(token));
  return owner ? renderCalendar(await feedEvents(deps, owner), deps.clock.now()) : null;
}
