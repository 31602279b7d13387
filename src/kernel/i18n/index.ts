/**
 * A message catalogue: each key is a French string, or a function of typed parameters for
 * messages that interpolate or pluralise. Modules own their catalogues; a translator is typed
 * on the catalogue it is built from, so an unknown key or a missing parameter fails to compile.
 */
export type Catalogue = Record<string, string | ((...args: never[]) => string)>;

type Args<V> = V extends (...args: infer A) => string ? A : [];

export type Translator<C extends Catalogue> = <K extends keyof C & string>(key: K, ...args: Args<C[K]>) => string;

export function createTranslator<C extends Catalogue>(catalogue: C): Translator<C> {
  return (key, ...args) => {
    const entry = catalogue[key] as string | ((...a: unknown[]) => string);
    return typeof entry === 'function' ? entry(...args) : entry;
  };
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** French writes the first of the month as an ordinal: `1er septembre`, `2 septembre`. */
const firstOfMonth = (text: string) => text.replace(/^1 /, '1er ');

/** `2026-09-01` or an ISO timestamp → `1er septembre 2026`. */
export function formatDate(iso: string): string {
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return firstOfMonth(dateFormat.format(date));
}

export function formatDateTime(iso: string): string {
  return firstOfMonth(dateTimeFormat.format(new Date(iso)));
}

// `toLocaleString` builds a new formatter on every call (tens of microseconds): a marks table of
// a thousand cells spent most of its time there. Formatters are made once per precision.
const numberFormats = new Map<number, Intl.NumberFormat>();

/** `1 234`, `12,5`: a number as French writes it, with at most `maximumFractionDigits` decimals. */
export function formatNumber(n: number, maximumFractionDigits = 0): string {
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) numberFormats.set(maximumFractionDigits, (format = new Intl.NumberFormat('fr-FR', { maximumFractionDigits })));
  return format.format(n);
}

/** `1 personne`, `3 personnes`: French treats 0 and 1 as singular. */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count <= 1 ? one : many}`;
}

const pluralRules = new Intl.PluralRules('fr-FR');

/**
 * A count with its noun, by French plural rules (`Intl.PluralRules`: 0 and 1 are singular,
 * "1,5" too): `count(1, 'rendu', 'rendus')` → `1 rendu`, `count(28, …)` → `28 rendus`.
 */
export function count(n: number, one: string, many: string): string {
  return `${formatNumber(n, 2)}\u00a0${pluralRules.select(n) === 'one' ? one : many}`;
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

const sizeFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * A file size as people read it, one rule everywhere: `45 octets`, `1 octet`, `12,5 Ko`, `3,2 Mo`,
 * `1,1 Go` (powers of 1 024, one decimal above 1 Ko).
 */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return count(bytes, 'octet', 'octets');
  const units = ['Ko', 'Mo', 'Go', 'To'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${sizeFormat.format(value)}\u00a0${units[unit]}`;
}

const collator = new Intl.Collator('fr-FR', { sensitivity: 'base', numeric: true, ignorePunctuation: false });

/** French collation: accents and case count after the letters (`BÉRANGER` before `BRUNET`, `ÖZTÜRK` before `YILMAZ`). */
export const compareFrench = (a: string, b: string): number => collator.compare(a, b);

/** Sorts by the text people see, with French collation. */
export function sortByDisplay<T>(items: readonly T[], label: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(label(a), label(b)));
}
