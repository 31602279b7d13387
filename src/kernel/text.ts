// Small text helpers shared by several modules (imports, logins, search).

const LIGATURES: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
};

const LIGATURE_RE = /[œŒæÆß]/g;
const ASCII_RE = /^[\x00-\x7f]*$/;
const COMBINING_RE = /[\u0300-\u036f]/g;

/** Removes diacritics and expands ligatures: "Cœur Noël" → "Coeur Noel". */
export function foldAccents(s: string): string {
  if (ASCII_RE.test(s)) return s;
  return s
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(COMBINING_RE, '')
    .normalize('NFC');
}

/** Key for tolerant comparisons: accents folded, lowercase, single spaces, straight apostrophes. */
export function normalizeKey(s: string): string {
  return foldAccents(s)
    .toLowerCase()
    .replace(/[\u2019\u2018`\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** ASCII-only fragment usable in a login: "Le Bœuf-Dupré" → "leboeufdupre". */
export function slugForLogin(s: string): string {
  return foldAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Control characters no person types (NUL, bell, vertical tab, escape…): PostgreSQL refuses NUL
 * in text, a calendar or a page would show the others raw. Tab, line feed and carriage return stay.
 */
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripControls(s: string): string {
  return s.replace(CONTROL_RE, '');
}

/** The same, through every string of a parsed query or body (objects and arrays, bounded depth). */
export function stripControlsDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return stripControls(value) as T;
  if (depth > 32 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripControlsDeep(value[i], depth + 1);
    return value;
  }
  for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = stripControlsDeep((value as Record<string, unknown>)[key], depth + 1);
  return value;
}
