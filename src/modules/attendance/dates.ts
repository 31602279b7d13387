// Paris dates and times for a school's day, whatever the server's time zone.
import { schoolYearOf } from '../directory/index.js';
import type { HalfDay } from './tables.js';

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
});

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The Paris calendar date, the minutes since midnight and the weekday (`Mon`…) of an instant. */
export function parisNow(now: Date): { date: string; minutes: number; weekday: string } {
  const p = Object.fromEntries(parisParts.formatToParts(now).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute), weekday: p.weekday ?? '' };
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The school year a calendar date falls in. */
export const yearOfDate = (date: string): string => schoolYearOf(new Date(`${date}T12:00:00Z`));

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

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
