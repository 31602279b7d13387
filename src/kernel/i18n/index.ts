import { currentLocale, DIRECTION, INTL_TAG, withLocale, type Locale, type TranslatedLocale } from './locale.js';

export * from './locale.js';

/**
 * A message catalogue: each key is a French string, or a function of typed parameters for
 * messages that interpolate or pluralise. Modules own their catalogues; a translator is typed
 * on the catalogue it is built from, so an unknown key or a missing parameter fails to compile.
 */
export type Catalogue = Record<string, string | ((...args: never[]) => string)>;

type Args<V> = V extends (...args: infer A) => string ? A : [];

export type Translator<C extends Catalogue> = <K extends keyof C & string>(key: K, ...args: Args<C[K]>) => string;

/**
 * A catalogue in another language: every key of the French one, a string for a string and a
 * function of the same parameters for a function. A missing or extra key fails to compile.
 */
export type Translation<C extends Catalogue> = {
  readonly [K in keyof C]: C[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

/** The translations a catalogue has; a language left out answers in French. */
export type Translations<C extends Catalogue> = Partial<Record<TranslatedLocale, Translation<C>>>;

type Entry = string | ((...a: unknown[]) => string);

/** Every catalogue built with translations, so a test can compare each translation with its French. */
export const translatedCatalogues: { fr: Catalogue; translations: Partial<Record<TranslatedLocale, Record<string, unknown>>> }[] = [];

/**
 * `t(key, ...args)` in the locale of the request being served (kernel/i18n/locale.ts), from the
 * French catalogue when the module has no translation in that language, or lacks the key (only
 * possible where types were loosened: the catalogue test lists those). A French message is
 * computed in French throughout (its numbers and plurals), so a fallback reads as correct French.
 */
export function createTranslator<C extends Catalogue>(catalogue: C, translations: Translations<C> = {}): Translator<C> {
  if (Object.keys(translations).length > 0) translatedCatalogues.push({ fr: catalogue, translations });
  return (key, ...args) => {
    const locale = currentLocale();
    const translated = locale === 'fr' ? undefined : ((translations[locale] as Record<string, unknown> | undefined)?.[key] as Entry | undefined);
    if (translated !== undefined) return typeof translated === 'function' ? translated(...args) : translated;
    const entry = catalogue[key] as Entry;
    if (typeof entry !== 'function') return entry;
    return locale === 'fr' ? entry(...args) : withLocale('fr', () => entry(...args));
  };
}

/** One formatter per locale and options, made on first use (a formatter costs tens of microseconds). */
function cached<F>(make: (tag: string) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>();
  return (locale) => {
    let format = made.get(locale);
    if (!format) made.set(locale, (format = make(INTL_TAG[locale])));
    return format;
  };
}

const dateFormat = cached((tag) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }));
const dateTimeFormat = cached(
  (tag) =>
    new Intl.DateTimeFormat(tag, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Paris',
    }),
);

/** French writes the first of the month as an ordinal: `1er septembre`, `2 septembre`. */
const firstOfMonth = (text: string) => text.replace(/^1 /, '1er ');

/** `2026-09-01` or an ISO timestamp → `1er septembre 2026` (in the request's locale: `1 December 2026`, `1 Aralık 2026`…). */
export function formatDate(iso: string): string {
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  const locale = currentLocale();
  const text = dateFormat(locale).format(date);
  return locale === 'fr' ? firstOfMonth(text) : text;
}

export function formatDateTime(iso: string): string {
  const locale = currentLocale();
  const text = dateTimeFormat(locale).format(new Date(iso));
  return locale === 'fr' ? firstOfMonth(text) : text;
}

// `toLocaleString` builds a new formatter on every call (tens of microseconds): a marks table of
// a thousand cells spent most of its time there. Formatters are made once per locale and precision.
const numberFormats = new Map<string, Intl.NumberFormat>();

/** `1 234`, `12,5`: a number as the request's locale writes it (`1,234.5` in English), with at most `maximumFractionDigits` decimals. */
export function formatNumber(n: number, maximumFractionDigits = 0): string {
  const locale = currentLocale();
  const key = `${locale}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits })));
  return format.format(n);
}

/** `1 personne`, `3 personnes`: French treats 0 and 1 as singular. */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count <= 1 ? one : many}`;
}

const pluralRules = cached((tag) => new Intl.PluralRules(tag));

/**
 * A count with its noun, by the plural rules of the request's locale (`Intl.PluralRules`: in
 * French 0 and 1 are singular, "1,5" too; in English only 1): `count(1, 'rendu', 'rendus')` →
 * `1 rendu`, `count(28, …)` → `28 rendus`. Languages with more forms use `countForms`.
 */
export function count(n: number, one: string, many: string): string {
  return `${formatNumber(n, 2)}\u00a0${pluralRules(currentLocale()).select(n) === 'one' ? one : many}`;
}

/** The plural forms of a language (CLDR categories); `other` is always needed. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A count in the words of a language with several plural forms, `#` standing for the number:
 * in Arabic `countForms(2, { one: 'واجب واحد', two: 'واجبان', few: '# واجبات', many: '# واجبًا', other: '# واجب' })`
 * → `واجبان`, and `11` → `11 واجبًا`. A form the language does not have falls back to `other`.
 */
export function countForms(n: number, forms: PluralForms): string {
  const form = forms[pluralRules(currentLocale()).select(n)] ?? forms.other;
  return form.replace('#', formatNumber(n, 2));
}

/** Words that take an elided article or preposition: a vowel, or a mute h (most French h are). */
const ELIDING = /^[aàâäeéèêëiîïoôöuùûüyœæh]/i;
/** Aspirated h: no elision ("de Hugo" is elided, "le héros" is not). Names are treated as elided. */
const ASPIRATED =
  /^(hache|haie|haine|hall|hamac|hameau|hanche|handicap|hangar|hareng|haricot|hasard|hausse|haut|hauteur|héros|hibou|hockey|honte|hors|hublot|huit|hurl)/i;

export function elides(word: string): boolean {
  return ELIDING.test(word) && !ASPIRATED.test(word);
}

/** `de` before a consonant, `d’` before a vowel: `de('Aymeric')` → `d’Aymeric`, `de('Zoé')` → `de Zoé`. */
export function de(word: string): string {
  return elides(word) ? `d’${word}` : `de ${word}`;
}

/** `le`/`la` before a consonant, `l’` before a vowel: `the('école', 'f')` → `l’école`. */
export function the(word: string, gender: 'm' | 'f'): string {
  return elides(word) ? `l’${word}` : `${gender === 'm' ? 'le' : 'la'} ${word}`;
}

/** `que` / `qu’`. */
export function que(word: string): string {
  return elides(word) ? `qu’${word}` : `que ${word}`;
}

/** Each language's byte and its multiples (powers of 1 024): French writes octets, Ko, Mo. */
const SIZE_UNITS: Record<Locale, { bytes: PluralForms; units: [string, string, string, string] }> = {
  fr: { bytes: { one: '#\u00a0octet', other: '#\u00a0octets' }, units: ['Ko', 'Mo', 'Go', 'To'] },
  en: { bytes: { one: '#\u00a0byte', other: '#\u00a0bytes' }, units: ['KB', 'MB', 'GB', 'TB'] },
  ar: { bytes: { other: '#\u00a0بايت' }, units: ['كيلوبايت', 'ميغابايت', 'غيغابايت', 'تيرابايت'] },
  pt: { bytes: { one: '#\u00a0byte', other: '#\u00a0bytes' }, units: ['KB', 'MB', 'GB', 'TB'] },
  tr: { bytes: { other: '#\u00a0bayt' }, units: ['KB', 'MB', 'GB', 'TB'] },
  es: { bytes: { one: '#\u00a0byte', other: '#\u00a0bytes' }, units: ['KB', 'MB', 'GB', 'TB'] },
};

/**
 * A file size as people read it, one rule everywhere: `45 octets`, `1 octet`, `12,5 Ko`, `3,2 Mo`,
 * `1,1 Go` (powers of 1 024, one decimal above 1 Ko); in the request's language (`12.5 MB`).
 */
export function formatSize(bytes: number): string {
  const { bytes: byteForms, units } = SIZE_UNITS[currentLocale()];
  if (bytes < 1024) return countForms(bytes, byteForms);
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, 1)}\u00a0${units[unit]}`;
}

const collator = new Intl.Collator('fr-FR', { sensitivity: 'base', numeric: true, ignorePunctuation: false });

/** French collation: accents and case count after the letters (`BÉRANGER` before `BRUNET`, `ÖZTÜRK` before `YILMAZ`). */
export const compareFrench = (a: string, b: string): number => collator.compare(a, b);

/** Sorts by the text people see, with French collation. */
export function sortByDisplay<T>(items: readonly T[], label: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(label(a), label(b)));
}

/**
 * Text written by the school (a subject, a name) put inside a translated sentence: on a
 * right-to-left page it is isolated (Unicode FSI…PDI, as `<bdi>` does) so its own direction holds;
 * elsewhere it is left as it is.
 */
export function isolate(text: string): string {
  return DIRECTION[currentLocale()] === 'rtl' ? `\u2068${text}\u2069` : text;
}

/**
 * One short text in every language, read when the page is drawn: a service's entry in the
 * navigation while the rest of the service is still French (docs/languages.md). Recorded with
 * the other translations, so the catalogue test checks it too.
 */
export function labelIn(words: Record<Locale, string>): () => string {
  const { fr, ...others } = words;
  const translate = createTranslator(
    { label: fr },
    Object.fromEntries(Object.entries(others).map(([locale, label]) => [locale, { label }])) as Translations<{ label: string }>,
  );
  return () => translate('label');
}
