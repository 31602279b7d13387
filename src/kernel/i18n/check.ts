import type { Catalogue } from './index.js';

/**
 * What a translation lacks or has too many of, compared with its French catalogue: keys missing,
 * keys unknown in French, and keys whose kind differs (a string where French has a function of
 * parameters, or the reverse). Types catch these at compile time; this catches them where a
 * catalogue was built loosely (spread, cast).
 */
export function catalogueProblems(fr: Catalogue, translation: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(fr)) {
    if (!(key in translation)) problems.push(`missing ${key}`);
    else if (typeof translation[key] !== typeof fr[key]) problems.push(`${key}: ${typeof translation[key]} where French has a ${typeof fr[key]}`);
    else if (translation[key] === '') problems.push(`${key}: empty`);
  }
  for (const key of Object.keys(translation)) if (!(key in fr)) problems.push(`extra ${key}`);
  return problems;
}
