import { currentLocale, formatDate, INTL_TAG } from '../../../kernel/i18n/index.js';

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

/** `décembre 2026`, `December 2026`, `Aralık 2026`. */
export const monthLabel = (month: string) => format({ month: 'long', year: 'numeric' }, `${month}-01`);

/** A row of the month: `Lundi 7`, `Monday 7`, `7 Pazartesi`. */
export const weekdayAndDay = (day: string) => capital(format({ weekday: 'long', day: 'numeric' }, day));

/** `Lundi 7 décembre 2026` (`Mardi 1er décembre 2026`), `Monday, 7 December 2026`, `lunes, 7 de diciembre de 2026` → `Lunes…`. */
export function dayTitle(day: string): string {
  if (currentLocale() === 'fr') return `${capital(format({ weekday: 'long' }, day))} ${formatDate(day)}`;
  return capital(format({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, day));
}
