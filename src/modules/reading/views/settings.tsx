import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { ClassRow } from '../repository.js';
import type { EffectiveSettings } from '../service.js';
import { LanguageForm, type LanguageFormProps } from './language.js';
import { CONTRASTS, FONTS, SPACINGS, TEXT_SIZES, type ReadingSettings } from '../settings.js';

type Choice = 'font' | 'textSize' | 'spacing' | 'contrast';
const OPTIONS: Record<Choice, readonly string[]> = { font: FONTS, textSize: TEXT_SIZES, spacing: SPACINGS, contrast: CONTRASTS };
// A function: the labels follow the language of the page being drawn.
const labels = () => ({
  font: t('reading.font'),
  textSize: t('reading.textSize'),
  spacing: t('reading.spacing'),
  contrast: t('reading.contrast'),
  lineFocus: t('reading.lineFocus'),
  reducedMotion: t('reading.reducedMotion'),
  readAloud: t('reading.readAloud'),
});

/** One group of radio buttons: visible choices, usable with the keyboard, no script. */
function Radios({ name, value, error }: { name: Choice; value: string; error?: string }) {
  return (
    <fieldset id={`field-${name}`} tabIndex={-1} class={error ? 'field field--error' : 'field'}>
      <legend>{labels()[name]}</legend>
      {error && <p class="field__error">{error}</p>}
      {OPTIONS[name].map((option) => (
        <div class="field--check">
          <input type="radio" id={`${name}-${option}`} name={name} value={option} checked={value === option} />
          <label for={`${name}-${option}`} class={name === 'font' ? `reading-sample-${option}` : undefined}>
            {t(`reading.${name}.${option}` as 'reading.font.default')}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Check({ name, checked, hint }: { name: 'lineFocus' | 'reducedMotion' | 'readAloud'; checked: boolean; hint?: string }) {
  return (
    <div class="field--check" id={`field-${name}`}>
      <input type="checkbox" id={`check-${name}`} name={name} checked={checked} aria-describedby={hint ? `check-${name}-hint` : undefined} />
      <label for={`check-${name}`}>{labels()[name]}</label>
      {hint && (
        <p class="field__hint" id={`check-${name}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

export interface SettingsFormProps {
  action: string;
  csrf: string;
  values: ReadingSettings;
  submit: string;
  errors?: FieldErrors;
}

/** The settings form, for a person's own settings and for a class's defaults. */
export function SettingsForm(props: SettingsFormProps) {
  const { values: v, errors } = props;
  return (
    <>
      <ErrorSummary errors={errors} labels={labels()} />
      <form method="post" action={props.action} class="card reading-form">
        <CsrfField token={props.csrf} />
        <Radios name="font" value={v.font} error={errors?.font} />
        <Radios name="textSize" value={v.textSize} error={errors?.textSize} />
        <Radios name="spacing" value={v.spacing} error={errors?.spacing} />
        <Radios name="contrast" value={v.contrast} error={errors?.contrast} />
        <fieldset class="field">
          <legend>{t('reading.aids')}</legend>
          <Check name="lineFocus" checked={v.lineFocus} />
          <Check name="reducedMotion" checked={v.reducedMotion} />
          <Check name="readAloud" checked={v.readAloud} hint={t('reading.readAloud.hint')} />
        </fieldset>
        <div class="actions">
          <button type="submit" class="button button--primary">
            {props.submit}
          </button>
        </div>
      </form>
    </>
  );
}

export interface SettingsPageProps {
  csrf: string;
  current: EffectiveSettings;
  /** What the form shows: the current settings, or what was typed when it comes back with errors. */
  values: ReadingSettings;
  errors?: FieldErrors;
  classes: ClassRow[];
  language: LanguageFormProps;
}

export function SettingsPage(props: SettingsPageProps) {
  const { current } = props;
  return (
    <>
      <h1>{t('reading.title')}</h1>
      <p>{t('reading.intro')}</p>
      <p role="status">
        {current.source === 'own'
          ? t('reading.source.own')
          : current.source === 'class'
            ? t('reading.source.class', current.className ?? '')
            : t('reading.source.default')}
      </p>
      <section class="card reading-preview" aria-labelledby="reading-preview">
        <h2 id="reading-preview">{t('reading.preview')}</h2>
        <p class="rich-text">{t('reading.preview.text')}</p>
      </section>
      <LanguageForm {...props.language} />
      <SettingsForm action="/reading" csrf={props.csrf} values={props.values} errors={props.errors} submit={t('reading.save')} />
      {current.source === 'own' && (
        <form method="post" action="/reading/reset" class="actions">
          <CsrfField token={props.csrf} />
          <button type="submit" class="button">
            {t('reading.reset')}
          </button>
        </form>
      )}
      {props.classes.length > 0 && (
        <section aria-labelledby="reading-classes">
          <h2 id="reading-classes">{t('reading.classes')}</h2>
          <p>{t('reading.classes.intro')}</p>
          <ul class="list-plain">
            {props.classes.map((c) => (
              <li>
                <a href={`/reading/classes/${c.id}`}>{c.name}</a>{' '}
                <span class="muted">({c.hasDefaults ? t('reading.classes.set') : t('reading.classes.unset')})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
