import { currentLocale, INTL_TAG } from '../../../kernel/i18n/index.js';
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

/** `mars 2027`, `March 2027`, `Mart 2027`. */
export const monthLabel = (month: string) => format({ month: 'long', year: 'numeric' }, `${month}-15`);

/** A Monday, from which the weekdays are counted. */
const MONDAY = '2027-03-15';

/** 0 → `Lundi`, `Monday`, `Pazartesi` … 6 → `Dimanche`. */
export const weekdayName = (index: number) => capital(format({ weekday: 'long' }, addDays(MONDAY, index)));
