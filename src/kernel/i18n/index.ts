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

/** `2026-09-01` or an ISO timestamp → `1 septembre 2026`. */
export function formatDate(iso: string): string {
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return dateFormat.format(date);
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** `1 personne`, `3 personnes`: French treats 0 and 1 as singular. */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('fr-FR')} ${count <= 1 ? one : many}`;
}
