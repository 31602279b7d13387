import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export function SettingsPage({
  csrf,
  openToStudents,
  openToRelatives,
  errors,
}: {
  csrf: string;
  openToStudents: boolean;
  openToRelatives: boolean;
  errors?: FieldErrors;
}) {
  return (
    <>
      <div class="page-header">
        <h1>{t('homework.settings.title')}</h1>
      </div>
      <ErrorSummary errors={errors} />
      <form method="post" action="/homework/settings" class="card">
        <CsrfField token={csrf} />
        <p>{t('homework.settings.intro')}</p>
        <div class="field field--check">
          <input type="checkbox" id="field-openToStudents" name="openToStudents" value="on" checked={openToStudents} />
          <label for="field-openToStudents">{t('homework.settings.students')}</label>
        </div>
        <div class="field field--check">
          <input type="checkbox" id="field-openToRelatives" name="openToRelatives" value="on" checked={openToRelatives} />
          <label for="field-openToRelatives">{t('homework.settings.relatives')}</label>
        </div>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('homework.settings.save')}
          </button>
        </p>
      </form>
    </>
  );
}
