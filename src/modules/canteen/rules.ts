/**
 * Deadlines as communes write them, evaluated on Paris wall-clock time. Every rule turns a service
 * day into the last Paris minute (`YYYY-MM-DDTHH:MM`) at which it may still be booked or cancelled;
 * comparing two such strings compares the instants, whatever the server's time zone.
 */
import { addDays, isoToParisLocal, isoWeekday as weekdayOf } from '../../kernel/dates.js';
import { currentLocale, INTL_TAG } from '../../kernel/i18n/index.js';
import { t } from './i18n/fr.js';

/** "mardi 23 h 59 pour la semaine suivante": the days of a week close on a weekday of the week before. */
export interface WeekBeforeRule {
  kind: 'weekBefore';
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  time: string;
}
/** "la veille 18 h": the calendar day before, at a time. */
export interface DayBeforeRule {
  kind: 'dayBefore';
  time: string;
}
/** "J-2 hors week-end": N working days before (Saturdays and Sundays do not count), at a time. */
export interface WorkingDaysRule {
  kind: 'workingDays';
  days: number;
  time: string;
}
export type DeadlineRule = WeekBeforeRule | DayBeforeRule | WorkingDaysRule;

export { TIME, DATE, isDate, addDays, todayInParis as parisToday, isoWeekday as weekdayOf } from '../../kernel/dates.js';

/** The Paris wall-clock minute of an instant, `2026-12-01T18:05`. */
export const parisMinute = (at: Date): string => isoToParisLocal(at);

/** Every date from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The first and last day of a month `YYYY-MM`. */
export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0, 12)).toISOString().slice(0, 10);
  return { first, last };
}

/** The last Paris minute at which `day` may still be booked (or cancelled) under the rule. */
export function deadlineOf(rule: DeadlineRule, day: string): string {
  switch (rule.kind) {
    case 'weekBefore': {
      const monday = addDays(day, 1 - weekdayOf(day));
      return `${addDays(monday, rule.weekday - 1 - 7)}T${rule.time}`;
    }
    case 'dayBefore':
      return `${addDays(day, -1)}T${rule.time}`;
    case 'workingDays': {
      let d = day;
      for (let left = rule.days; left > 0;) {
        d = addDays(d, -1);
        if (weekdayOf(d) <= 5) left -= 1;
      }
      return `${d}T${rule.time}`;
    }
  }
}

/** Whether the rule still allows the change at `now` (a Paris minute from `parisMinute`). */
export function beforeDeadline(rule: DeadlineRule, day: string, now: string): boolean {
  return now <= deadlineOf(rule, day);
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** An ISO weekday (1 = Monday) as the request's language writes it: `mardi`, `Tuesday`, `الثلاثاء`. */
export function weekdayName(weekday: number): string {
  const tag = INTL_TAG[currentLocale()];
  let format = weekdayFormats.get(tag);
  if (!format) weekdayFormats.set(tag, (format = new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' })));
  // 2026-01-05 is a Monday.
  return format.format(new Date(Date.UTC(2026, 0, 4 + weekday, 12)));
}

const hour = (time: string) => {
  const [h, m] = time.split(':') as [string, string];
  return t('canteen.ruleText.time', Number(h), m);
};

/** The rule as a commune would write it: « mardi 23 h 59 pour la semaine suivante ». */
export function describeRule(rule: DeadlineRule): string {
  switch (rule.kind) {
    case 'weekBefore':
      return t('canteen.ruleText.weekBefore', weekdayName(rule.weekday), hour(rule.time));
    case 'dayBefore':
      return t('canteen.ruleText.dayBefore', hour(rule.time));
    case 'workingDays':
      return t('canteen.ruleText.workingDays', rule.days, hour(rule.time));
  }
}

/** A rule read back from its JSON column (written only by the service layer, after validation). */
export function parseRule(json: string): DeadlineRule {
  return JSON.parse(json) as DeadlineRule;
}
