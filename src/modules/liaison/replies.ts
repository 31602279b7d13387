// What a reply slip accepts, checked the same way for an online answer and a paper one.
import type { ReplyKind } from './tables.js';

export const MAX_TEXT_ANSWER = 500;
export const MAX_OPTIONS = 10;

export interface ReplySlip {
  kind: ReplyKind;
  question: string;
  options: string[];
}

export type AnswerCheck =
  { ok: true; answer: string | null } | { ok: false; code: 'answer_missing' | 'answer_not_option' | 'answer_too_long' | 'answer_unexpected' };

/** The answer as stored (`yes`/`no`, an option's label, the text, or null), or why it is refused. */
export function checkAnswer(slip: ReplySlip, raw: string | null | undefined): AnswerCheck {
  const value = (raw ?? '').trim();
  switch (slip.kind) {
    case 'none':
      return value === '' ? { ok: true, answer: null } : { ok: false, code: 'answer_unexpected' };
    case 'yesNo':
      if (value === '') return { ok: false, code: 'answer_missing' };
      return value === 'yes' || value === 'no' ? { ok: true, answer: value } : { ok: false, code: 'answer_not_option' };
    case 'choice':
      if (value === '') return { ok: false, code: 'answer_missing' };
      return slip.options.includes(value) ? { ok: true, answer: value } : { ok: false, code: 'answer_not_option' };
    case 'text':
      if (value === '') return { ok: false, code: 'answer_missing' };
      return value.length <= MAX_TEXT_ANSWER ? { ok: true, answer: value } : { ok: false, code: 'answer_too_long' };
  }
}

export const slipOf = (note: { replyKind: ReplyKind; replyQuestion: string; replyOptions: string }): ReplySlip => ({
  kind: note.replyKind,
  question: note.replyQuestion,
  options: JSON.parse(note.replyOptions) as string[],
});
