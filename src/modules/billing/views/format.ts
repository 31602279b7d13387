import { currentLocale, INTL_TAG, type Locale } from '../../../kernel/i18n/index.js';

const money = new Map<Locale, Intl.NumberFormat>();
const months = new Map<Locale, Intl.DateTimeFormat>();

/** Cents as the request's language writes euros: `13,60 €`, `€13.60`. */
export function euros(cents: number): string {
  const locale = currentLocale();
  let f = money.get(locale);
  if (!f) money.set(locale, (f = new Intl.NumberFormat(INTL_TAG[locale], { style: 'currency', currency: 'EUR' })));
  return f.format(cents / 100);
}

/** `2027-01` → `janvier 2027`, `January 2027`. */
export function monthName(month: string): string {
  const locale = currentLocale();
  let f = months.get(locale);
  if (!f) months.set(locale, (f = new Intl.DateTimeFormat(INTL_TAG[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(`${month}-15T12:00:00Z`));
}
