import { isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Diet } from '../tables.js';

export interface FamilyChild {
  id: string;
  displayName: string;
  schoolName: string;
  registered: boolean;
}

/** The family's entry: each child, registered or not, and where to book. */
export function FamilyIndex({ children }: { children: FamilyChild[] }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.title')}</h1>
      </div>
      <p>{t('canteen.family.intro')}</p>
      <p>
        <a href="/canteen/menus">{t('canteen.menu.title')}</a>
      </p>
      {children.length === 0 ? (
        <p class="muted">{t('canteen.family.none')}</p>
      ) : (
        <ul class="cards">
          {children.map((c) => (
            <li class="card">
              <h2>{c.displayName}</h2>
              <p class="muted">{c.schoolName}</p>
              <p>
                <span class={c.registered ? 'badge badge--ok' : 'badge badge--warn'}>
                  {c.registered ? t('canteen.family.registered') : t('canteen.family.notRegistered')}
                </span>
              </p>
              <p class="actions">
                {c.registered && (
                  <a class="button button--primary" href={`/canteen/children/${c.id}/calendar`}>
                    {t('canteen.family.calendar')}
                  </a>
                )}
                <a class="button" href={`/canteen/children/${c.id}/registration`}>
                  {c.registered ? t('canteen.family.edit') : t('canteen.family.register')}
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export type RegistrationValues = Record<string, string | undefined>;

const DIETS: Diet[] = ['none', 'noPork', 'vegetarian', 'noMeat'];

function ContactRows({ prefix, legend, values, errors }: { prefix: 'e' | 'p'; legend: string; values: RegistrationValues; errors?: FieldErrors }) {
  const listField = prefix === 'e' ? 'emergencyContacts' : 'pickupPeople';
  return (
    <fieldset class="field-group">
      <legend>{legend}</legend>
      {errors?.[listField] && <p class="field__error">{errors[listField]}</p>}
      {[0, 1].map((i) => (
        <div>
          <p>
            <strong>{t('canteen.registration.contactN', i + 1)}</strong>
          </p>
          <Field
            name={`${prefix}${i}name`}
            label={t('canteen.registration.name')}
            value={values[`${prefix}${i}name`]}
            error={errors?.[`${listField}.${i}`]}
            autocomplete="off"
          />
          <Field name={`${prefix}${i}phone`} label={t('canteen.registration.phone')} type="tel" value={values[`${prefix}${i}phone`]} autocomplete="off" />
        </div>
      ))}
    </fieldset>
  );
}

/** The yearly registration form: contacts, pick-up, diet, PAI, consent. */
export function RegistrationPage(props: {
  childId: string;
  childName: string;
  schoolYear: string;
  csrf: string;
  values: RegistrationValues;
  errors?: FieldErrors;
}) {
  const { values, errors } = props;
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.registration.title', isolate(props.childName))}</h1>
        <p class="muted">{t('canteen.registration.year', props.schoolYear)}</p>
      </div>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/canteen/children/${props.childId}/registration`} class="card">
        <CsrfField token={props.csrf} />
        <ContactRows prefix="e" legend={t('canteen.registration.emergency')} values={values} errors={errors} />
        <ContactRows prefix="p" legend={t('canteen.registration.pickup')} values={values} errors={errors} />
        <Field name="diet" label={t('canteen.registration.diet')} error={errors?.diet}>
          <select id="field-diet" name="diet">
            {DIETS.map((d) => (
              <option value={d} selected={(values.diet ?? 'none') === d}>
                {t(`canteen.diet.${d}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="careplan" label={t('canteen.registration.careplan')} hint={t('canteen.registration.careplanHint')} error={errors?.careplan}>
          <textarea id="field-careplan" name="careplan" rows={3} aria-describedby="field-careplan-hint">
            {values.careplan ?? ''}
          </textarea>
        </Field>
        <div class={errors?.consent ? 'field field--check field--error' : 'field field--check'}>
          {errors?.consent && (
            <p class="field__error" id="field-consent-error">
              {errors.consent}
            </p>
          )}
          <input type="checkbox" id="field-consent" name="consent" value="on" checked={values.consent === 'on'} />
          <label for="field-consent">{t('canteen.registration.consent')}</label>
        </div>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('canteen.registration.save')}
          </button>
        </p>
      </form>
    </>
  );
}
