import { randomToken, sha256 } from '../../../kernel/auth/tokens.js';
import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { addDays, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/calendar.js';
import { plainText } from '../text.js';
import { renderCalendar, type CalendarEvent, type CalendarSources, type FeedOwner } from '../../../kernel/ical/index.js';
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

const eventsOf = (rows: repo.FeedRow[], prefix: string, owner: string): CalendarEvent[] =>
  rows.map((r) => ({
    uid: `${r.id}-${owner}@preau`,
    date: r.dueOn,
    summary: `${prefix}${r.subject} — ${r.groupName}`,
    description: plainText(r.instructions),
    modifiedAt: r.updatedAt,
    sequence: Number(r.sequence),
  }));

/** Work due for the feed's owner: a pupil's own, a parent's children's, a teacher's given work. */
async function feedEvents(deps: Deps, owner: FeedOwner): Promise<CalendarEvent[]> {
  const now = deps.clock.now();
  const window = { from: addDays(todayInParis(now), -30), year: schoolYearOf(now), now: now.toISOString() };
  if (owner.profile === 'student') return eventsOf(await repo.familyFeedRows(deps.db, 'student', owner.id, window), '', owner.id);
  if (owner.profile === 'relative') {
    const events: CalendarEvent[] = [];
    for (const child of await repo.childrenOf(deps.db, owner.id)) {
      events.push(...eventsOf(await repo.familyFeedRows(deps.db, 'relative', child.id, window), `${displayName(child)} : `, child.id));
    }
    return events;
  }
  if (owner.profile === 'teacher') return eventsOf(await repo.teacherFeedRows(deps.db, owner.id, window.from), '', owner.id);
  return [];
}

/**
 * The feed behind a token, or null for an unknown or revoked one. The secret token stands for its
 * owner: the feed carries exactly what they would see signed in.
 */
export async function calendarFeed(deps: Deps & { calendarSources: CalendarSources }, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const owner = await repo.feedOwner(deps.db, sha256(token));
  if (!owner) return null;
  const now = deps.clock.now();
  const [own, others] = await Promise.all([feedEvents(deps, owner), deps.calendarSources.eventsFor(owner, now)]);
  return renderCalendar(t('homework.calendar.name'), [...own, ...others], now);
}
