import { htmlToText, richText } from '../../kernel/rich-text.js';

/** Longest text accepted before sanitising, in characters. */
export const MAX_CONTENT = 20_000;
export const MAX_INSTRUCTIONS = 5_000;
/** Most pieces of work one lesson holds: the service refuses more, the API schema says so. */
export const MAX_ASSIGNMENTS = 10;

/** C0 controls but tab and line ends, DEL and C1 controls: nothing a person means to type, and forbidden in iCalendar text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text as typed, without control characters (tab and new lines kept). */
export function withoutControls(text: string): string {
  return text.replace(CONTROL, '');
}

/** Teacher text (typed, with the light markup, or HTML from the API) → safe HTML. */
export const sanitizeRichText = richText;

/** Plain text of sanitised HTML, for notifications and the calendar feed. */
export const plainText = htmlToText;
