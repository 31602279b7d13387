import { formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

const SECTIONS = [
  ['accounts.charter.s1.title', 'accounts.charter.s1.body'],
  ['accounts.charter.s2.title', 'accounts.charter.s2.body'],
  ['accounts.charter.s3.title', 'accounts.charter.s3.body'],
  ['accounts.charter.s4.title', 'accounts.charter.s4.body'],
  ['accounts.charter.s5.title', 'accounts.charter.s5.body'],
  ['accounts.charter.s6.title', 'accounts.charter.s6.body'],
] as const;

export interface CharterViewProps {
  csrfToken: string;
  /** `read` for visitors, `accept` while it waits for the person's consent, `accepted` afterwards. */
  mode: 'read' | 'accept' | 'accepted';
  acceptedAt?: string | null;
  next?: string | null;
  error?: string;
}

export function CharterView(props: CharterViewProps) {
  const errors: FieldErrors = props.error ? { accept: props.error } : {};
  return (
    <section class="card">
      <h1>{t('accounts.charter.title')}</h1>
      {props.mode === 'accept' && <p>{t('accounts.charter.intro')}</p>}
      <ErrorSummary errors={errors} labels={{ accept: t('accounts.charter.title') }} />
      <div class="charter" role="region" tabIndex={0} aria-label={t('accounts.charter.title')}>
        {SECTIONS.map(([title, body]) => (
          <>
            <h2>{t(title)}</h2>
            <p>{t(body)}</p>
          </>
        ))}
      </div>
      {props.mode === 'accepted' && props.acceptedAt && <p>{t('accounts.charter.accepted', formatDate(props.acceptedAt))}</p>}
      {props.mode === 'accept' && (
        <form method="post" action="/charter" novalidate>
          <CsrfField token={props.csrfToken} />
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <div class={props.error ? 'field field--checkbox field--error' : 'field field--checkbox'}>
            {props.error && (
              <p class="field__error" id="field-accept-error">
                {props.error}
              </p>
            )}
            <input
              id="field-accept"
              type="checkbox"
              name="accept"
              value="yes"
              required
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={props.error ? 'field-accept-error' : undefined}
            />
            <label for="field-accept">{t('accounts.charter.accept')}</label>
          </div>
          <button type="submit" class="button">
            {t('accounts.charter.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
