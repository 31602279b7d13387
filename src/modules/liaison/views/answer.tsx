import { t } from '../i18n/fr.js';
import type { ReplySlip } from '../replies.js';

/** What an answer says, in French: `Oui`, `Non`, an option, the text, or nothing for a bare signature. */
export function answerLabel(answer: string | null): string {
  if (answer === 'yes') return t('liaison.yes');
  if (answer === 'no') return t('liaison.no');
  return answer ?? '';
}

/** The reply slip's field: radio buttons for yes/no and choices, a short text otherwise; ids made unique by `prefix`. */
export function AnswerField({ slip, prefix, value, error }: { slip: ReplySlip; prefix: string; value?: string | null; error?: string }) {
  if (slip.kind === 'none') return null;
  const errorId = `${prefix}-answer-error`;
  const written = slip.kind !== 'yesNo';
  const choices = slip.kind === 'yesNo' ? [['yes', t('liaison.yes')] as const, ['no', t('liaison.no')] as const] : slip.options.map((o) => [o, o] as const);
  if (slip.kind === 'text')
    return (
      <div class={error ? 'field field--error' : 'field'}>
        <label for={`${prefix}-answer`} dir="auto">
          {slip.question}
        </label>
        {error && (
          <p class="field__error" id={errorId}>
            {error}
          </p>
        )}
        <input
          id={`${prefix}-answer`}
          name="answer"
          type="text"
          maxLength={500}
          value={value ?? ''}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
    );
  return (
    <fieldset class="field-group" aria-describedby={error ? errorId : undefined}>
      {/* The teacher's words keep their own direction inside a right-to-left page. */}
      <legend dir="auto">{slip.question}</legend>
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
      {choices.map(([v, label], i) => (
        <div class="field field--check">
          <input type="radio" id={`${prefix}-answer-${i}`} name="answer" value={v} checked={value === v} required />
          <label for={`${prefix}-answer-${i}`} dir={written ? 'auto' : undefined}>
            {label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
