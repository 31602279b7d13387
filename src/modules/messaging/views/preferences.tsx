import { ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { EmailMode } from '../tables.js';

export function PreferencesPage({ emailMode, hasEmail, csrf, errors }: { emailMode: EmailMode; hasEmail: boolean; csrf: string; errors?: FieldErrors }) {
  const modes: EmailMode[] = ['off', 'immediate', 'digest'];
  return (
    <>
      <h1>{t('messaging.prefs.title')}</h1>
      <p>
        <a href="/messaging">{t('messaging.folder.inbox')}</a>
      </p>
      <ErrorSummary errors={errors} labels={{ emailMode: t('messaging.prefs.mode') }} />
      {!hasEmail && <p class="flash">{t('messaging.prefs.noEmail')}</p>}
      <form method="post" action="/messaging/preferences" class="card">
        <input type="hidden" name="_csrf" value={csrf} />
        <fieldset class="field">
          <legend>{t('messaging.prefs.mode')}</legend>
          {modes.map((mode) => (
            <div class="field--check">
              <input type="radio" id={`mode-${mode}`} name="emailMode" value={mode} checked={mode === emailMode} />
              <label for={`mode-${mode}`}>{t(`messaging.prefs.${mode}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button--primary">
          {t('messaging.prefs.save')}
        </button>
      </form>
    </>
  );
}
