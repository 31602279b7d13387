import { currentLocale, formatDate, INTL_TAG } from '../../../kernel/i18n/index.js';
import { addDays } from '../dates.js';

/** One formatter per language and options, made on first use. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(options: Intl.DateTimeFormatOptions, day: string): string {
  const tag = INTL_TAG[currentLocale()];
  const key = `${tag}:${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' })));
  return f.format(new Date(`${day}T12:00:00Z`));
}

const capital = (text: string) => text.charAt(0).toLocaleUpperCase(INTL_TAG[currentLocale()]) + text.slice(1);

/** `2027-03-15` → `Lundi`, `Monday`, `Pazartesi`. */
export const weekdayName = (day: string) => capital(format({ weekday: 'long' }, day));

/** A Monday, from which ISO weekdays are counted. */
const MONDAY = '2027-03-15';

/** ISO weekday 1 → `Lundi`, `Monday` … 6 → `Samedi`. */
export const isoWeekdayName = (n: number) => weekdayName(addDays(MONDAY, n - 1));

/** A day's heading: `Lundi 15 mars 2027` (`Lundi 1er mars 2027`), `Monday, 15 March 2027`, `15 Mart 2027 Pazartesi`. */
export function dayTitle(day: string): string {
  if (currentLocale() === 'fr') return `${weekdayName(day)} ${formatDate(day)}`;
  return capital(format({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, day));
}
