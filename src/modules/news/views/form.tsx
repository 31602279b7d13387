import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export interface NewsFormValues {
  title?: string;
  body?: string;
  audience?: string[];
  publishFrom?: string;
  publishTo?: string;
  pinned?: boolean;
  imageAlt?: string;
}

export interface NewsFormProps {
  csrf: string;
  values: NewsFormValues;
  errors?: FieldErrors;
  options: { key: string; label: string }[];
}

const labels = () => ({
  title: t('news.field.title'),
  body: t('news.field.body'),
  audience: t('news.audience'),
  publishFrom: t('news.field.publishFrom'),
  publishTo: t('news.field.publishTo'),
  image: t('news.field.image'),
  files: t('news.field.attachments'),
});

/** The publication form: multipart, `_csrf` first so the server checks it before any file. */
export function NewsForm({ csrf, values, errors = {}, options }: NewsFormProps) {
  const chosen = new Set(values.audience ?? []);
  const audienceError = errors.audience;
  return (
    <>
      <div class="page-header">
        <h1>{t('news.new')}</h1>
      </div>
      <ErrorSummary errors={errors} labels={labels()} />
      {options.length === 0 ? (
        <p>{t('news.audience.none')}</p>
      ) : (
        <form method="post" action="/news" enctype="multipart/form-data" novalidate>
          <CsrfField token={csrf} />
          <Field name="title" label={t('news.field.title')} value={values.title} error={errors.title} required />
          <BodyField value={values.body} error={errors.body} />
          <fieldset
            class={`field-group${audienceError ? ' field--error' : ''}`}
            id="field-audience"
            aria-describedby={`field-audience-hint${audienceError ? ' field-audience-error' : ''}`}
          >
            <legend>{t('news.audience')}</legend>
            <p class="field__hint" id="field-audience-hint">
              {t('news.audience.hint')}
            </p>
            {audienceError && (
              <p class="field__error" id="field-audience-error">
                {audienceError}
              </p>
            )}
            {options.map((o, i) => (
              <div class="field field--check">
                <input type="checkbox" id={`audience-${i}`} name="audience" value={o.key} checked={chosen.has(o.key)} />
                <label for={`audience-${i}`}>{o.label}</label>
              </div>
            ))}
          </fieldset>
          <Field
            name="publishFrom"
            label={t('news.field.publishFrom')}
            type="date"
            value={values.publishFrom}
            error={errors.publishFrom}
            hint={t('news.field.window.hint')}
          />
          <Field name="publishTo" label={t('news.field.publishTo')} type="date" value={values.publishTo} error={errors.publishTo} />
          <div class="field field--check">
            <input type="checkbox" id="field-pinned" name="pinned" value="on" checked={!!values.pinned} />
            <label for="field-pinned">{t('news.field.pinned')}</label>
          </div>
          <Field name="image" label={t('news.field.image')} hint={t('news.field.image.hint')} error={errors.image}>
            <input
              type="file"
              id="field-image"
              name="image"
              accept="image/jpeg,image/png,image/webp,image/gif"
              aria-invalid={errors.image ? 'true' : undefined}
              aria-describedby={`field-image-hint${errors.image ? ' field-image-error' : ''}`}
            />
          </Field>
          <Field name="imageAlt" label={t('news.field.imageAlt')} value={values.imageAlt} />
          <Field name="files" label={t('news.field.attachments')} error={errors.files}>
            <input
              type="file"
              id="field-files"
              name="files"
              multiple
              aria-invalid={errors.files ? 'true' : undefined}
              aria-describedby={errors.files ? 'field-files-error' : undefined}
            />
          </Field>
          <p class="actions">
            <button type="submit" class="button button--primary">
              {t('news.publish')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}

export interface NewsEditValues {
  title?: string;
  body?: string;
  publishTo?: string;
  pinned?: boolean;
}

/** The correction form: the words, the end date and the pin; urlencoded, nothing to upload. */
export function NewsEditForm(props: { id: string; csrf: string; publishFrom: string; values: NewsEditValues; errors?: FieldErrors; originalTitle: string }) {
  const { values, errors = {} } = props;
  return (
    <>
      <div class="page-header">
        <h1>{t('news.edit.title', isolate(props.originalTitle))}</h1>
      </div>
      <p class="muted">{t('news.edit.hint')}</p>
      <ErrorSummary errors={errors} labels={{ title: t('news.field.title'), body: t('news.field.body'), publishTo: t('news.field.publishTo') }} />
      <form method="post" action={`/news/${props.id}/edit`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="title" label={t('news.field.title')} value={values.title} error={errors.title} required />
        <BodyField value={values.body} error={errors.body} />
        <p>{t('news.edit.from', formatDate(props.publishFrom))}</p>
        <Field name="publishTo" label={t('news.field.publishTo')} type="date" value={values.publishTo} error={errors.publishTo} />
        <div class="field field--check">
          <input type="checkbox" id="field-pinned" name="pinned" value="on" checked={!!values.pinned} />
          <label for="field-pinned">{t('news.field.pinned')}</label>
        </div>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('news.edit.save')}
          </button>
          <a href={`/news/${props.id}`}>{t('news.edit.cancel')}</a>
        </p>
      </form>
    </>
  );
}

/** The item's text, the same box on the publication and the correction forms. */
function BodyField({ value, error }: { value?: string; error?: string }) {
  return (
    <Field name="body" label={t('news.field.body')} hint={t('news.field.body.hint')} error={error} required>
      <textarea
        id="field-body"
        name="body"
        rows={8}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`field-body-hint${error ? ' field-body-error' : ''}`}
      >
        {value ?? ''}
      </textarea>
    </Field>
  );
}
