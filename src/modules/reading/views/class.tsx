import { CsrfField, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { ClassSettingsView } from '../service.js';
import { DEFAULT_SETTINGS, type ReadingSettings } from '../settings.js';
import { SettingsForm } from './settings.js';

export interface ClassPageProps {
  csrf: string;
  view: ClassSettingsView;
  values?: ReadingSettings;
  errors?: FieldErrors;
}

/** A class's default reading settings, for its teachers and the school's director. */
export function ClassPage({ csrf, view, values, errors }: ClassPageProps) {
  const action = `/reading/classes/${view.groupId}`;
  return (
    <>
      <p>
        <a href="/reading">{t('reading.back')}</a>
      </p>
      <h1>{t('reading.class.title', view.name)}</h1>
      <p>{view.settings ? t('reading.class.intro') : t('reading.class.none')}</p>
      <SettingsForm action={action} csrf={csrf} values={values ?? view.settings ?? DEFAULT_SETTINGS} errors={errors} submit={t('reading.class.save')} />
      {view.settings && (
        <form method="post" action={`${action}/clear`} class="actions">
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            {t('reading.class.clear')}
          </button>
        </form>
      )}
    </>
  );
}
