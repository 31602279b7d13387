import { CsrfField } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export function PhotoConsentPage({
  pupil,
  csrf,
  error,
}: {
  pupil: { id: string; displayName: string; photoConsent: number | null };
  csrf?: string;
  error?: string;
}) {
  const current = pupil.photoConsent === 1 ? 'yes' : pupil.photoConsent === 0 ? 'no' : 'unknown';
  return (
    <>
      <h1>{t('directory.consent.title', pupil.displayName)}</h1>
      <form method="post" action={`/directory/people/${pupil.id}/photo-consent`}>
        <CsrfField token={csrf} />
        {error && (
          <div class="error-summary" role="alert">
            <p>{error}</p>
          </div>
        )}
        <fieldset class="field-group">
          <legend>{t('directory.consent.legend')}</legend>
          <p class="field__hint">{t('directory.consent.hint')}</p>
          {(['yes', 'no', 'unknown'] as const).map((v) => (
            <div class="field field--check">
              <input type="radio" id={`consent-${v}`} name="consent" value={v} checked={current === v} />
              <label for={`consent-${v}`}>{t(`directory.consent.${v}`)}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('directory.consent.save')}
          </button>
          <a href={`/directory/people/${pupil.id}`}>{t('directory.consent.back')}</a>
        </p>
      </form>
    </>
  );
}
