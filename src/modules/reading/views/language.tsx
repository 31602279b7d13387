import { LANGUAGE_NAMES, LOCALES, type Locale } from '../../../kernel/i18n/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { t } from '../i18n/language.js';

export interface LanguageFormProps {
  csrf: string;
  /** The language the form shows as chosen: the person's, or what they sent when it was refused. */
  value: string;
  error?: string;
}

/** The interface language, each listed by its own name and marked with its language for screen readers. */
export function LanguageForm(props: LanguageFormProps) {
  return (
    <section class="card" id="language" aria-labelledby="language-title">
      <h2 id="language-title">{t('reading.language.title')}</h2>
      <p>{t('reading.language.intro')}</p>
      <form method="post" action="/reading/language">
        <CsrfField token={props.csrf} />
        <fieldset id="field-locale" tabIndex={-1} class={props.error ? 'field field--error' : 'field'}>
          <legend>{t('reading.language.choice')}</legend>
          {props.error && <p class="field__error">{props.error}</p>}
          {LOCALES.map((locale: Locale) => (
            <div class="field--check">
              <input type="radio" id={`locale-${locale}`} name="locale" value={locale} checked={props.value === locale} />
              <label for={`locale-${locale}`} lang={locale}>
                {LANGUAGE_NAMES[locale]}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="button button--primary">
            {t('reading.language.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
