import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Targets } from '../settings-tables.js';
import { AGE_CATEGORIES, RESOLUTION_SUBJECTS } from '../service/targets.js';
import { categoryName } from './common.js';

/** The technician's form: one number per category for the age, one per category and the room for the delay. */
export function TargetsPage(props: {
  town: string;
  targets: Targets;
  isDefault: boolean;
  csrf: string | undefined;
  action: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const num = (name: string, label: string, n: number) => (
    <Field name={name} label={label} type="number" inputMode="numeric" value={props.values?.[name] ?? String(n)} error={props.errors?.[name]} required />
  );
  return (
    <>
      <h1>{t('equipment.targets.title', props.town)}</h1>
      <p>{t('equipment.targets.intro')}</p>
      <p>{t(props.isDefault ? 'equipment.targets.default' : 'equipment.targets.custom')}</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={props.action}>
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>{t('equipment.targets.ages')}</legend>
          {AGE_CATEGORIES.map((c) => num(`ages.${c}`, categoryName(c), props.targets.ages[c]))}
        </fieldset>
        <fieldset>
          <legend>{t('equipment.targets.days')}</legend>
          <p class="field__hint">{t('equipment.targets.newTickets')}</p>
          {RESOLUTION_SUBJECTS.map((c) =>
            num(`resolutionDays.${c}`, c === 'room' ? t('equipment.targets.room') : categoryName(c), props.targets.resolutionDays[c]),
          )}
        </fieldset>
        <button type="submit" class="button button--primary">
          {t('equipment.targets.save')}
        </button>
      </form>
    </>
  );
}
