import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

/** The settings as shown in the form: what is stored, or what was typed when it comes back. */
export interface SettingsValues {
  mode: string;
  noticesInQuietHours: boolean;
  wednesday: boolean;
  rollCallDeadline: string;
}

/** The director's or local administrator's settings of the roll call and absence notices. */
export function SettingsPage({ csrf, values, errors }: { csrf: string; values: SettingsValues; errors?: FieldErrors }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('attendance.settings.title')}</h1>
      </div>
      <p>{t('attendance.settings.intro')}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/attendance/settings" class="card">
        <CsrfField token={csrf} />
        <fieldset class={errors?.mode ? 'field-group field--error' : 'field-group'} id="field-mode">
          <legend>{t('attendance.settings.mode')}</legend>
          {errors?.mode ? <p class="field__error">{errors.mode}</p> : null}
          {(['halfDay', 'lesson'] as const).map((mode) => (
            <div class="field field--check">
              <input type="radio" id={`field-mode-${mode}`} name="mode" value={mode} checked={values.mode === mode} />
              <label for={`field-mode-${mode}`}>{t(`attendance.settings.mode.${mode}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field
          name="rollCallDeadline"
          type="time"
          label={t('attendance.settings.deadline')}
          hint={t('attendance.settings.deadlineHint')}
          value={values.rollCallDeadline}
          error={errors?.rollCallDeadline}
          required
        />
        <div class="field field--check">
          <input type="checkbox" id="field-wednesday" name="wednesday" value="on" checked={values.wednesday} />
          <label for="field-wednesday">{t('attendance.settings.wednesday')}</label>
        </div>
        <div class="field field--check">
          <input
            type="checkbox"
            id="field-noticesInQuietHours"
            name="noticesInQuietHours"
            value="on"
            checked={values.noticesInQuietHours}
            aria-describedby="field-noticesInQuietHours-hint"
          />
          <label for="field-noticesInQuietHours">{t('attendance.settings.quiet')}</label>
          <p class="field__hint" id="field-noticesInQuietHours-hint">
            {t('attendance.settings.quietHint')}
          </p>
        </div>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('attendance.settings.save')}
          </button>
        </p>
      </form>
    </>
  );
}
