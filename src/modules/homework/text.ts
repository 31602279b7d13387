import sanitizeHtml from 'sanitize-html';

/** Longest text accepted before sanitising, in characters. */
export const MAX_CONTENT = 20_000;
export const MAX_INSTRUCTIONS = 5_000;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Teacher text → safe HTML. Plain text (no tag) becomes paragraphs and line breaks, so a
 * teacher never has to type HTML; the small formatting set is kept, everything else dropped.
 */
export function sanitizeRichText(input: string): string {
  const trimmed = input.replace(/\r\n?/g, '\n').trim();
  if (!trimmed) return '';
  const html = /<[a-z/]/i.test(trimmed)
    ? trimmed
    : trimmed
        .split(/\n{2,}/)
        .map((para) => `<p>${escapeText(para).replace(/\n/g, '<br />')}</p>`)
        .join('');
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Plain text of sanitised HTML, for notifications and the calendar feed. */
export function plainText(html: string): string {
  return sanitizeHtml(html.replace(/<(br|\/p|\/li)\s*\/?>/gi, '\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
