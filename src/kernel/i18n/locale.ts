/**
 * The languages of the interface and the locale of the request being served. French is the
 * default and the fallback; the locale is per request (AsyncLocalStorage, set by the i18n plugin
 * from the signed-in person's choice), so module-level translators answer in the right language
 * without being passed anything (decision 0039).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const LOCALES = ['fr', 'en', 'ar', 'pt', 'tr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
/** The languages a catalogue may be translated into (French is the catalogue itself). */
export type TranslatedLocale = Exclude<Locale, 'fr'>;
export const TRANSLATED_LOCALES = LOCALES.filter((l): l is TranslatedLocale => l !== 'fr');

export const DEFAULT_LOCALE: Locale = 'fr';

/** Each language by its own name, as the choice is listed to people who may not read French. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
  pt: 'Português',
  tr: 'Türkçe',
  es: 'Español',
};

export const DIRECTION: Record<Locale, 'ltr' | 'rtl'> = { fr: 'ltr', en: 'ltr', ar: 'rtl', pt: 'ltr', tr: 'ltr', es: 'ltr' };

/**
 * The tag given to Intl: British English and European Portuguese (the families of French schools),
 * Arabic with Western digits, as written in the Maghreb and in every date the school types.
 */
export const INTL_TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-u-nu-latn', pt: 'pt-PT', tr: 'tr-TR', es: 'es-ES' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A request's locale, changed in place once the person's choice is known. */
export interface LocaleStore {
  locale: Locale;
}

const storage = new AsyncLocalStorage<LocaleStore>();

/** The locale of the request being served; French outside a request (jobs, mail, CLI). */
export function currentLocale(): Locale {
  return storage.getStore()?.locale ?? DEFAULT_LOCALE;
}

/** Runs `fn` with `locale` as the current locale (tests, and a job that writes in a person's language). */
export function withLocale<T>(locale: Locale, fn: () => T): T {
  return storage.run({ locale }, fn);
}

/** Runs `fn` (the rest of a request) inside `store`: what it awaits and calls sees the store's locale. */
export function runInLocaleStore<T>(store: LocaleStore, fn: () => T): T {
  return storage.run(store, fn);
}
