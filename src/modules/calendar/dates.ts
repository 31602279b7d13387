// Days and times typed in forms are Paris ones; instants are stored in UTC.
export { parisInstant, parisDay, parisTime, addDays, isDate as isRealDay } from '../../kernel/dates.js';

/** `2027-03` → its first and last days. */
export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const d = new Date(`${first}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return { first, last: d.toISOString().slice(0, 10) };
}

export function shiftMonth(month: string, n: number): string {
  const d = new Date(`${month}-15T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

/** 0 for Monday … 6 for Sunday. */
export const weekdayOf = (day: string) => (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
