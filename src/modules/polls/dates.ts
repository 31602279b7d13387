// Paris days for the poll form: a poll opens at the start of its first day and closes at the end of its last.
import { addDays, parisMidnight } from '../../kernel/dates.js';

export { todayInParis as parisToday } from '../../kernel/dates.js';

/** The instant a Paris day begins (00:00 Europe/Paris), whatever the server's zone. */
export function parisDayStart(day: string): Date {
  return new Date(parisMidnight(day) ?? `${day}T00:00:00Z`);
}

/** The day after, `YYYY-MM-DD`. */
export const nextDay = (day: string): string => addDays(day, 1);
