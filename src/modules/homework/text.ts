import { htmlToText, richText } from '../../kernel/rich-text.js';

/** Longest text accepted before sanitising, in characters. */
export const MAX_CONTENT = 20_000;
export const MAX_INSTRUCTIONS = 5_000;

/** Teacher text (typed, with the light markup, or HTML from the API) → safe HTML. */
export const sanitizeRichText = richText;

/** Plain text of sanitised HTML, for notifications and the calendar feed. */
export const plainText = htmlToText;
