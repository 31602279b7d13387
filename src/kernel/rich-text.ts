import sanitizeHtml from 'sanitize-html';

/**
 * The small formatting set people may use in lessons, homework and messages: paragraphs,
 * emphasis, lists, quotes and links. Stored as sanitised HTML, rendered as is.
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'u', 'ul', 'ol', 'li', 'blockquote', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `**gras**`, `*italique*` or `_italique_`, and bare web addresses, on already escaped text. */
function inline(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])[*_](?=\S)(.+?)(?<=\S)[*_](?=[\s).,;:!?]|$)/g, '$1<em>$2</em>')
    .replace(/\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
}

/**
 * What a person types in a plain text box → HTML: blank lines separate paragraphs, lines
 * starting with `- ` (or `* `) make a list, `1. ` a numbered list; `**gras**` and `*italique*`.
 * Works without any editor script.
 */
export function typedTextToHtml(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .filter(Boolean);
  return blocks
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*[-*•]\s+/.test(l)))
        return `<ul>${lines.map((l) => `<li>${inline(escape(l.replace(/^\s*[-*•]\s+/, '')))}</li>`).join('')}</ul>`;
      if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l)))
        return `<ol>${lines.map((l) => `<li>${inline(escape(l.replace(/^\s*\d+[.)]\s+/, '')))}</li>`).join('')}</ol>`;
      return `<p>${lines.map((l) => inline(escape(l))).join('<br>')}</p>`;
    })
    .join('');
}

/** HTML (from an API client) reduced to the safe subset. */
export function safeHtml(html: string): string {
  return sanitizeHtml(html, ALLOWED).trim();
}

/** Typed text or HTML → safe HTML: text without any tag goes through `typedTextToHtml`. */
export function richText(input: string): string {
  const trimmed = input.replace(/\r\n?/g, '\n').trim();
  if (!trimmed) return '';
  return safeHtml(/<[a-z/]/i.test(trimmed) ? trimmed : typedTextToHtml(trimmed));
}

/** Readable text of stored HTML: for search, excerpts, notifications, calendars and quoting. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|blockquote|ul|ol)>/gi, '\n\n');
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

/** Stored HTML → the typed form, to edit it again in a plain text box (inverse of `typedTextToHtml`). */
export function htmlToTypedText(html: string): string {
  const typed = html
    .replace(/<(strong|b)>/gi, '**')
    .replace(/<\/(strong|b)>/gi, '**')
    .replace(/<(em|i)>/gi, '*')
    .replace(/<\/(em|i)>/gi, '*')
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, (_m, href: string, label: string) => (label === href ? href : `${label} (${href})`))
    .replace(/<ol>([\s\S]*?)<\/ol>/gi, (_m, items: string) => {
      let n = 0;
      return `${items.replace(/<li>([\s\S]*?)<\/li>/gi, (_l, item: string) => `${++n}. ${item}\n`).trim()}\n\n`;
    })
    .replace(/<ul>([\s\S]*?)<\/ul>/gi, (_m, items: string) => `${items.replace(/<li>([\s\S]*?)<\/li>/gi, (_l, item: string) => `- ${item}\n`).trim()}\n\n`);
  return htmlToText(typed);
}
