import { normalizeKey } from '../../kernel/text.js';

export { htmlToText, safeHtml, typedTextToHtml as textToHtml } from '../../kernel/rich-text.js';

/** Folded words of a message, which the search index follows (see search-index.ts). */
export function searchTextOf(...parts: string[]): string {
  const words = normalizeKey(parts.join(' '))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${words}`.slice(0, 20_000);
}

/** Words of a search query, folded the same way. */
export function searchWords(q: string): string[] {
  return normalizeKey(q)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .slice(0, 6);
}
