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
