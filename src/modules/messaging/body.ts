import sanitizeHtml from 'sanitize-html';
import { normalizeKey } from '../../kernel/text.js';

/** Formatting a message may carry: paragraphs, emphasis, lists, quotes and plain links. */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'u', 'ul', 'ol', 'li', 'blockquote', 'a'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text as typed in a textarea → paragraphs and line breaks, nothing else. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((para) => `<p>${escape(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** HTML from an API client, reduced to the safe subset. */
export function safeHtml(html: string): string {
  return sanitizeHtml(html, ALLOWED);
}

/** Readable text of stored HTML: for search, excerpts and quoting. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|blockquote)>/gi, '\n\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Folded words with a leading space, so `LIKE '% word%'` finds any word starting with `word`. */
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
