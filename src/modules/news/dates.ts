// Calendar days typed in forms are Paris days; instants are stored in UTC.
import { addDays } from '../../kernel/dates.js';

export { parisMidnight, parisDay } from '../../kernel/dates.js';

/** The Paris day after `day`. */
export const nextDay = (day: string): string => addDays(day, 1);
