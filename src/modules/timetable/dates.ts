/** Calendar arithmetic on Paris dates (`YYYY-MM-DD`) and times (`HH:MM`), whatever the machine's zone. */
import { addDays, isoWeekday, parisDay, parisTime } from '../../kernel/dates.js';

export { TIME, isDate, todayInParis, addDays, mondayOf, parisToIso } from '../../kernel/dates.js';

export const timeInParis = (now: Date): string => parisTime(now);

/** ISO day of week: 1 Monday … 7 Sunday. */
export const dayOfWeek = isoWeekday;

/** ISO 8601 week number of a date. */
export function isoWeek(date: string): number {
  const thursday = new Date(`${addDays(date, 4 - dayOfWeek(date))}T12:00:00Z`);
  const jan1 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1, 12));
  return Math.floor((thursday.getTime() - jan1.getTime()) / 86_400_000 / 7) + 1;
}

/** First and last days of a school year `2026-2027`: 1 September to 31 August. */
export function schoolYearBounds(year: string): { from: string; to: string } {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** An instant → its Paris date and time. */
export function isoToParis(at: Date): { date: string; time: string } {
  return { date: parisDay(at), time: parisTime(at) };
}
