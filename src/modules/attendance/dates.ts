// Paris dates and times for a school's day, whatever the server's time zone.
import { schoolYearOf } from '../directory/index.js';
import type { HalfDay } from './tables.js';
import { parisNow } from '../../kernel/dates.js';

export { DATE, TIME, MONTH, parisNow, isDate, addDays } from '../../kernel/dates.js';

/** The school year a calendar date falls in. */
export const yearOfDate = (date: string): string => schoolYearOf(new Date(`${date}T12:00:00Z`));

/** `Mon`…`Sun` of a calendar date. */
export function weekdayOf(date: string): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T12:00:00Z`).getUTCDay()]!;
}

/** The first and last dates of a month `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** A lesson counts in the morning when it starts before noon. */
export const halfDayOfTime = (start: string): HalfDay => (start < '12:00' ? 'am' : 'pm');

/** The current half-day in Paris: the afternoon from half past eleven on (lunch comes before the afternoon roll call). */
export const currentHalfDay = (now: Date): HalfDay => (parisNow(now).minutes >= 11 * 60 + 30 ? 'pm' : 'am');
