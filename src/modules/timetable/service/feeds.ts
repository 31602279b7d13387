import type { Actor } from '../../../kernel/authz/index.js';
import type { CalendarEvent, FeedOwner } from '../../../kernel/ical/index.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { childrenOf, groupIdsOf, schoolYearOf } from '../../directory/index.js';
import { addDays, mondayOf, parisToIso, todayInParis } from '../dates.js';
import { t } from '../i18n/fr.js';
import type { Deps } from './deps.js';
import { occurrencesIn, type Occurrence } from './weeks.js';

/** How many weeks ahead the calendar feed carries, this one included. */
export const FEED_WEEKS = 4;

/** Today's occurrences for whom the person follows: a pupil themself, a parent each child, a teacher themself. */
async function dayFor(
  deps: Deps,
  person: { id: string; profile: string },
  from: string,
  to: string,
): Promise<{ who: string | null; whoId: string | null; occurrences: Occurrence[] }[]> {
  const year = schoolYearOf(new Date(`${from}T12:00:00Z`));
  if (person.profile === 'teacher') return [{ who: null, whoId: null, occurrences: await occurrencesIn(deps.db, { teacherId: person.id }, from, to) }];
  if (person.profile === 'student')
    return [
      { who: null, whoId: null, occurrences: await occurrencesIn(deps.db, { groupIds: groupIdsOf(deps.db, person.id, year, { as: 'student' }) }, from, to) },
    ];
  if (person.profile !== 'relative') return [];
  const children = await childrenOf(deps.db, person.id);
  return Promise.all(
    children.map(async (c) => ({
      who: c.displayName,
      whoId: c.id,
      occurrences: await occurrencesIn(deps.db, { groupIds: groupIdsOf(deps.db, person.id, year, { childId: c.id }) }, from, to),
    })),
  );
}

export interface TodayBlock {
  date: string;
  people: { who: string | null; whoId: string | null; occurrences: Occurrence[] }[];
}

/** The home page's block: today's timetable with its changes; null when there is nothing today. */
export async function todayFor(deps: Deps, actor: Actor, now: Date): Promise<TodayBlock | null> {
  const today = todayInParis(now);
  const people = (await dayFor(deps, { id: actor.personId, profile: actor.profile }, today, today)).filter((p) => p.occurrences.length > 0);
  return people.length > 0 ? { date: today, people } : null;
}

/**
 * The coming weeks' occurrences for the person's calendar feed. A cancelled occurrence stays, as
 * STATUS:CANCELLED, so that calendar apps that already have it mark it rather than keep it; a moved
 * one keeps its uid and takes its new time.
 */
export async function feedFor(deps: Deps, owner: FeedOwner, now: Date): Promise<CalendarEvent[]> {
  const from = mondayOf(todayInParis(now));
  const to = addDays(from, FEED_WEEKS * 7 - 1);
  const events: CalendarEvent[] = [];
  for (const { who, whoId, occurrences } of await dayFor(deps, owner, from, to)) {
    for (const o of occurrences) {
      if (o.status === 'moved') continue;
      const parts = [o.subject, o.groupName, o.status === 'teacher' && o.replacement ? o.replacement.name : o.teacher];
      events.push({
        uid: `timetable-${o.slotId}-${o.originalDate}-${whoId ? `${whoId}-` : ''}${owner.id}@preau`,
        summary: who ? `${who} : ${o.subject}` : o.subject,
        description: [parts.join(' · '), o.note].filter(Boolean).join('\n'),
        location: o.newRoom ?? o.room ?? undefined,
        start: parisToIso(o.date, o.start),
        end: parisToIso(o.date, o.end),
        modifiedAt: o.modifiedAt,
        sequence: o.changeId ? 1 : 0,
        status: o.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        ...(o.status === 'cancelled' ? { summary: withLocale('fr', () => `${t('timetable.status.cancelled')} : ${who ? `${who} : ` : ''}${o.subject}`) } : {}),
      });
    }
  }
  return events;
}
