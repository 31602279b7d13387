import { randomToken, sha256 } from '../../kernel/auth/tokens.js';
import type { Db } from '../../kernel/db/index.js';
import { nowIso } from '../../kernel/db/index.js';
import { displayName, schoolYearOf } from '../directory/index.js';
import { addDays, todayInParis } from './dates.js';
import { t } from './i18n/fr.js';
import * as repo from './repository.js';
import { plainText } from './text.js';

/** Whether the person has an active feed, and since when (the token itself is never kept). */
export async function calendarStatus(db: Db, personId: string) {
  const row = await db.selectFrom('homeworkCalendarTokens').select('createdAt').where('personId', '=', personId).executeTakeFirst();
  return { active: !!row, createdAt: row?.createdAt ?? null };
}

/** A new secret token for the person, replacing any previous one; returned once, stored hashed. */
export async function regenerateCalendarToken(db: Db, personId: string): Promise<string> {
  const token = randomToken(24);
  const createdAt = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('homeworkCalendarTokens').where('personId', '=', personId).execute();
    await trx
      .insertInto('homeworkCalendarTokens')
      .values({ personId, tokenHash: sha256(token), createdAt })
      .execute();
  });
  return token;
}

export async function revokeCalendarToken(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('homeworkCalendarTokens').where('personId', '=', personId).execute();
}

export function calendarUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/homework/calendar/${token}.ics`;
}

interface FeedEvent {
  uid: string;
  dueOn: string;
  summary: string;
  description: string;
  stamp: string;
}

/** Work due for the feed's owner: a pupil's own, a parent's children's, a teacher's given work. */
async function feedEvents(db: Db, personId: string): Promise<FeedEvent[] | null> {
  const person = await db.selectFrom('people').select(['id', 'profile', 'status']).where('id', '=', personId).executeTakeFirst();
  if (!person || person.status !== 'active') return null;
  const year = schoolYearOf();
  const now = nowIso();
  const from = addDays(todayInParis(), -30);
  const base = () =>
    db
      .selectFrom('assignments')
      .innerJoin('lessons', 'lessons.id', 'assignments.lessonId')
      .innerJoin('subjects', 'subjects.id', 'lessons.subjectId')
      .innerJoin('groups', 'groups.id', 'lessons.groupId')
      .select([
        'assignments.id',
        'assignments.dueOn',
        'assignments.instructions',
        'assignments.updatedAt',
        'subjects.label as subject',
        'groups.name as groupName',
      ])
      .where('assignments.dueOn', '>=', from)
      .orderBy('assignments.dueOn')
      .limit(1000);
  const events: FeedEvent[] = [];
  const add = (rows: Awaited<ReturnType<ReturnType<typeof base>['execute']>>, prefix: string, owner: string) => {
    for (const r of rows) {
      events.push({
        uid: `${r.id}-${owner}@preau`,
        dueOn: r.dueOn,
        summary: `${prefix}${r.subject} — ${r.groupName}`,
        description: plainText(r.instructions),
        stamp: r.updatedAt,
      });
    }
  };
  if (person.profile === 'student') {
    add(
      await base()
        .where(repo.familyLessons(db, 'student', personId, year, now))
        .execute(),
      '',
      personId,
    );
  } else if (person.profile === 'relative') {
    const children = await db
      .selectFrom('relativeLinks')
      .innerJoin('people', 'people.id', 'relativeLinks.studentId')
      .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
      .where('relativeLinks.relativeId', '=', personId)
      .execute();
    for (const child of children) {
      add(
        await base()
          .where(repo.familyLessons(db, 'relative', child.id, year, now))
          .execute(),
        `${displayName(child)} : `,
        child.id,
      );
    }
  } else if (person.profile === 'teacher') {
    add(await base().where('lessons.teacherId', '=', personId).where('lessons.status', '=', 'published').execute(), '', personId);
  }
  return events;
}

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
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

/** The iCalendar document (RFC 5545): one all-day event per piece of work, on its due date. */
export function renderCalendar(events: FeedEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Preau//Cahier de textes//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(t('homework.calendar.name'))}`,
  ];
  for (const e of events) {
    const day = e.dueOn.replace(/-/g, '');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stampOf(e.stamp)}`,
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

/** The feed behind a token, or null for an unknown or revoked one. */
export async function calendarFeed(db: Db, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const row = await db.selectFrom('homeworkCalendarTokens').select('personId').where('tokenHash', '=', sha256(token)).executeTakeFirst();
  if (!row) return null;
  const events = await feedEvents(db, row.personId);
  return events ? renderCalendar(events) : null;
}
